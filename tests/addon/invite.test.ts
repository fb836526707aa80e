// "Invite LSAs" through the built bundle in the vm, over the Apps Script stand-in: staff with emails, who cannot
// yet edit the Sheet (read with getEditors/getOwner), the link for Options and the managed-config JSON for IT.
import { beforeAll, describe, expect, it } from 'vitest';
import type { InviteView } from '../../sheets-addon/server/api';
import { validTracker } from '../core/fixtures';
import { buildAddon, loadAddon, overTheWire, type Built } from './harness';
import { trackerWorkbook } from './workbooks';

let built: Built;
beforeAll(() => {
  built = buildAddon();
}, 60_000);

function school() {
  const t = validTracker();
  const emails: Record<string, string> = {
    S01: 'a.hartley@school.example',
    S02: 'b.okafor@school.example',
    S04: 'd.whitfield@school.example',
    S05: 'e.lewis@school.example',
  };
  for (const s of t.staff) if (emails[s.id]) s.email = emails[s.id];
  t.staff.find((s) => s.id === 'S02')!.name = '<img src=x onerror=alert(1)>Ben'; // hostile text stays text
  const r = loadAddon(built, trackerWorkbook(t));
  r.fake.ss.drive = { id: '1SchoolTracker_abcdefghijklmnop', owner: 'e.lewis@school.example', editors: ['A.Hartley@School.example'] };
  return r;
}

describe('Invite LSAs', () => {
  it('lists staff with emails and who cannot yet edit (case-insensitive), the Sheet link and the IT JSON', () => {
    const r = school();
    const v = overTheWire(r.run<InviteView>('inviteLsas_'));
    expect(v.sheetUrl).toBe('https://docs.google.com/spreadsheets/d/1SchoolTracker_abcdefghijklmnop/edit');
    expect(v.staff.map((s) => [s.id, s.canEdit])).toEqual([
      ['S01', true],
      ['S02', false],
      ['S04', false],
      ['S05', true],
    ]);
    expect(v.withoutEmail).toEqual(['Chloe Patel (S03)']);
    expect(JSON.parse(v.managedConfig)).toEqual({
      trackerSheetId: { Value: '1SchoolTracker_abcdefghijklmnop' },
      scope: { Value: 'spreadsheets' },
    });
    expect(v.editorsUnknown).toBeUndefined();
  });

  it('the menu item opens a dialog with all of it, hostile names as text', () => {
    const r = school();
    r.run('onOpen');
    expect(
      r.fake.addonMenus[0]!.some((i) => i !== 'separator' && i.caption === 'Invite LSAs' && i.functionName === 'showInviteDialog'),
    ).toBe(true);
    r.run('showInviteDialog');
    const d = r.fake.dialogs.at(-1)!;
    expect(d.title).toBe('Invite LSAs');
    expect(d.content).toContain('2 of 4 cannot edit this Sheet yet.');
    expect(d.content).toContain('value="https://docs.google.com/spreadsheets/d/1SchoolTracker_abcdefghijklmnop/edit"');
    expect(d.content).toContain('&quot;trackerSheetId&quot;');
    expect(d.content).toContain('&lt;img src=x onerror=alert(1)&gt;Ben');
    expect(d.content).not.toContain('<img src=x');
  });

  it('when the sharing list cannot be read with the add-on’s scopes it says so instead of guessing', () => {
    const r = school();
    r.fake.ss.drive = { ...r.fake.ss.drive, editors: 'unreadable' };
    const v = overTheWire(r.run<InviteView>('inviteLsas_'));
    expect(v.staff.every((s) => s.canEdit === undefined)).toBe(true);
    expect(v.editorsUnknown).toContain('could not read who can edit this Sheet');
    r.run('showInviteDialog');
    const d = r.fake.dialogs.at(-1)!;
    expect(d.content).toContain('id="editors-unknown"');
    expect(d.content).not.toContain('cannot edit yet');
  });
});
