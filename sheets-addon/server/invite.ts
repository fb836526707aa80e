// "Invite LSAs": what a SENCo needs to get LSAs logging into this Sheet — who in the Staff tab has an email (the
// extension matches the LSA's Google account to it), the Sheet link to paste into the extension's Options, the
// managed-configuration JSON for IT (extension/public/managed-schema.json, in the Google Admin console's
// {"key": {"Value": …}} form), and which of those staff cannot yet edit the Sheet.
//
// Who can edit: Spreadsheet.getEditors() and getOwner(). Apps Script's reference lists the add-on's
// `spreadsheets.currentonly` scope for these Spreadsheet methods, so they normally answer; if Google refuses
// (an older authorisation, a domain policy), the dialog says it could not read the sharing list and points to
// File › Share instead of guessing. Nothing here changes sharing: adding editors needs the Drive scope, which the
// add-on does not ask for — the SENCo shares the Sheet with Google's own Share dialog.
import type { Staff } from '../../shared/index';
import { parseSnapshot, readTracker } from './read';
import { gas } from './gas';
import { escapeHtml } from './text';
import type { InviteView } from './api';

const fold = (email: string) => email.trim().toLowerCase();

function editorsOf(): { editors: Set<string> } | { unreadable: string } {
  const ss = gas().SpreadsheetApp.getActiveSpreadsheet();
  try {
    const emails = ss.getEditors().map((u) => u.getEmail());
    const owner = ss.getOwner()?.getEmail();
    return { editors: new Set([...emails, ...(owner ? [owner] : [])].filter(Boolean).map(fold)) };
  } catch (e) {
    return { unreadable: e instanceof Error ? e.message : String(e) };
  }
}

/** The Admin console's policy JSON for the extension (Apps › Chrome › the extension › Policy for extensions). */
export function managedConfigJson(sheetId: string): string {
  return JSON.stringify({ trackerSheetId: { Value: sheetId }, scope: { Value: 'spreadsheets' } }, null, 2);
}

export function inviteLsas(): InviteView {
  const ss = gas().SpreadsheetApp.getActiveSpreadsheet();
  const staff: Staff[] = parseSnapshot(readTracker(ss)).tracker.staff;
  const access = editorsOf();
  const sheetId = ss.getId();
  const withEmail = staff.filter((s) => s.email?.trim());
  return {
    sheetUrl: ss.getUrl(),
    sheetId,
    managedConfig: managedConfigJson(sheetId),
    staff: withEmail.map((s) => ({
      id: s.id,
      name: s.name,
      ...(s.role ? { role: s.role } : {}),
      email: s.email!.trim(),
      ...('editors' in access ? { canEdit: access.editors.has(fold(s.email!)) } : {}),
    })),
    withoutEmail: staff.filter((s) => !s.email?.trim()).map((s) => `${s.name} (${s.id})`),
    ...('unreadable' in access
      ? {
          editorsUnknown: `Caseload could not read who can edit this Sheet (Google said: ${access.unreadable}). Check File › Share to see who has access.`,
        }
      : {}),
  };
}

function inviteHtml(v: InviteView): string {
  const rows = v.staff
    .map((s) => {
      const state =
        s.canEdit === undefined
          ? ''
          : s.canEdit
            ? '<td class="ok">can edit</td>'
            : '<td class="no">cannot edit yet — share the Sheet with this email as an editor</td>';
      return `<tr><td>${escapeHtml(s.name)} (${escapeHtml(s.id)})</td><td>${escapeHtml(s.role ?? '')}</td><td>${escapeHtml(s.email)}</td>${state}</tr>`;
    })
    .join('');
  const cannot = v.staff.filter((s) => s.canEdit === false).length;
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body{font:13px/1.45 Arial,sans-serif;margin:10px;color:#202124}h2{font-size:15px;margin:12px 0 6px}table{border-collapse:collapse}td,th{padding:3px 8px 3px 0;text-align:left;vertical-align:top}
.ok{color:#137333}.no{color:#a50e0e}textarea{width:100%;font:12px monospace}input{width:100%}
</style></head><body>
<h2>1. Share this Sheet with each LSA as an editor</h2>
<p>Use File › Share. Caseload on their browser logs into this Sheet as them.</p>
${v.editorsUnknown ? `<p class="no" id="editors-unknown">${escapeHtml(v.editorsUnknown)}</p>` : `<p id="editors-summary">${cannot === 0 ? 'Everyone below can already edit this Sheet.' : `${cannot} of ${v.staff.length} cannot edit this Sheet yet.`}</p>`}
<table id="invite-staff"><tr><th>Staff</th><th>Role</th><th>Email</th>${v.editorsUnknown ? '' : '<th>Access</th>'}</tr>${rows}</table>
${v.withoutEmail.length ? `<p id="without-email">No email in the Staff tab, so Caseload cannot tell who they are: ${escapeHtml(v.withoutEmail.join(', '))}.</p>` : ''}
<h2>2. Each LSA pastes this link into Caseload › Options</h2>
<input id="sheet-link" readonly value="${escapeHtml(v.sheetUrl)}">
<h2>3. Or IT sets it for everyone (Google Admin console › Chrome › Caseload › Policy for extensions)</h2>
<textarea id="managed-config" rows="4" readonly>${escapeHtml(v.managedConfig)}</textarea>
</body></html>`;
}

export function showInviteDialog(): void {
  const { HtmlService, SpreadsheetApp } = gas();
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(inviteHtml(inviteLsas())).setWidth(560).setHeight(520),
    'Invite LSAs',
  );
}
