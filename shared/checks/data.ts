// Data integrity between tabs: ids that must be unique, and references that must point at a real pupil, member
// of staff or target. (Cell-level problems — bad dates, missing required values — are found by the parser.)
import type { Finding, TabKey } from '../model';
import { tabSpec } from '../schema/tabs';
import { upnProblem } from '../import/upn';
import { at, pupilNameOf, tabPresent, type CheckContext } from './context';

/** Whether two records hold the same values (the sheet row number aside): a second copy written by a transport. */
function sameValues(a: object, b: object): boolean {
  const strip = (r: object) =>
    JSON.stringify(
      Object.entries(r)
        .filter(([k]) => k !== 'row')
        .sort(([x], [y]) => (x < y ? -1 : 1)),
    );
  return strip(a) === strip(b);
}

function duplicateIds(ctx: CheckContext, tab: TabKey, label: string, records: readonly { id: string; row?: number }[]): Finding[] {
  if (tabSpec(tab).idField !== 'id') return [];
  const firstOf = new Map<string, { id: string; row?: number }>();
  const out: Finding[] = [];
  for (const r of records) {
    if (r.id === '') continue;
    const firstRecord = firstOf.get(r.id);
    if (!firstRecord) {
      firstOf.set(r.id, r);
      continue;
    }
    const first = firstRecord.row;
    const where = first !== undefined ? ` (first on row ${first})` : '';
    // On the append-only Log an exact second copy is what a re-sent request leaves behind. Nothing deletes it (rows
    // are never deleted by number: the SENCo may have sorted them), and every reader counts a Log ID once, first
    // row wins (shared/corrections.ts): worth knowing, not an error. Correction rows have their own Log IDs.
    if (tab === 'log' && sameValues(firstRecord, r)) {
      out.push(
        at(ctx, tab, 'id', r.row, {
          severity: 'info',
          code: 'DATA_DUPLICATE_ID',
          message: `${label} "${r.id}" was written twice with the same values${where}: it is counted once, and this copy can be deleted by hand.`,
        }),
      );
      continue;
    }
    out.push(
      at(ctx, tab, 'id', r.row, {
        severity: 'error',
        code: 'DATA_DUPLICATE_ID',
        message: `${label} "${r.id}" is used more than once${where}: each ${label} must be unique.${tab === 'log' ? ' Only the first row with it is counted.' : ''}`,
      }),
    );
  }
  return out;
}

export function checkData(ctx: CheckContext): Finding[] {
  const t = ctx.tracker;
  const out: Finding[] = [
    ...duplicateIds(ctx, 'pupils', 'Pupil ID', t.pupils),
    ...duplicateIds(ctx, 'targets', 'Target ID', t.targets),
    ...duplicateIds(ctx, 'staff', 'Staff ID', t.staff),
    ...duplicateIds(ctx, 'log', 'Log ID', t.logs),
  ];

  const checkPupils = tabPresent(ctx, 'pupils');
  const checkStaff = tabPresent(ctx, 'staff');
  const checkTargets = tabPresent(ctx, 'targets');
  const tabName = (tab: TabKey) => t.layout[tab]?.name ?? tabSpec(tab).name;

  const pupilRef = (tab: TabKey, field: string, row: number | undefined, id: string | undefined) => {
    if (!checkPupils || !id || ctx.pupils.has(id)) return;
    out.push(
      at(ctx, tab, field, row, {
        severity: 'error',
        code: 'DATA_UNKNOWN_PUPIL',
        message: `Pupil ID "${id}" on the ${tabName(tab)} tab is not on the ${tabName('pupils')} tab.`,
        pupilId: id,
      }),
    );
  };
  const staffRef = (tab: TabKey, field: string, row: number | undefined, id: string | undefined, pupilId?: string) => {
    if (!checkStaff || !id || ctx.staff.has(id)) return;
    out.push(
      at(ctx, tab, field, row, {
        severity: 'error',
        code: 'DATA_UNKNOWN_STAFF',
        message: `Staff ID "${id}" on the ${tabName(tab)} tab is not on the ${tabName('staff')} tab.`,
        staffId: id,
        ...(pupilId ? { pupilId } : {}),
      }),
    );
  };

  for (const p of t.pupils) staffRef('pupils', 'keyWorker', p.row, p.keyWorker, p.id);
  // A mistyped UPN stops the pupil being matched on MIS pages and in census returns: worth saying, not worth refusing.
  for (const p of t.pupils) {
    const bad = p.upn ? upnProblem(p.upn) : undefined;
    if (bad) out.push(at(ctx, 'pupils', 'upn', p.row, { severity: 'warning', code: 'DATA_BAD_UPN', message: bad.message, pupilId: p.id }));
  }
  for (const x of t.targets) pupilRef('targets', 'pupilId', x.row, x.pupilId);
  for (const r of t.training) staffRef('training', 'staffId', r.row, r.staffId);
  for (const b of t.rota) {
    staffRef('rota', 'staffId', b.row, b.staffId);
    for (const id of b.pupilIds) pupilRef('rota', 'pupilIds', b.row, id);
  }
  for (const a of t.absences) {
    staffRef('absence', 'staffId', a.row, a.staffId);
    staffRef('absence', 'coverStaffId', a.row, a.coverStaffId);
  }
  for (const r of t.reviews) pupilRef('reviews', 'pupilId', r.row, r.pupilId);
  for (const l of t.logs) {
    pupilRef('log', 'pupilId', l.row, l.pupilId);
    staffRef('log', 'staffId', l.row, l.staffId, l.pupilId);
    if (!checkTargets || !l.targetId) continue;
    const target = ctx.targets.get(l.targetId);
    if (!target) {
      out.push(
        at(ctx, 'log', 'targetId', l.row, {
          severity: 'error',
          code: 'DATA_UNKNOWN_TARGET',
          message: `Target ID "${l.targetId}" on the ${tabName('log')} tab is not on the ${tabName('targets')} tab.`,
          pupilId: l.pupilId,
        }),
      );
    } else if (target.pupilId !== l.pupilId) {
      out.push(
        at(ctx, 'log', 'targetId', l.row, {
          severity: 'error',
          code: 'DATA_UNKNOWN_TARGET',
          message: `Target "${l.targetId}" belongs to ${pupilNameOf(ctx, target.pupilId)}, not ${pupilNameOf(ctx, l.pupilId)}: this log is against the wrong pupil's target.`,
          pupilId: l.pupilId,
        }),
      );
    }
  }
  return out;
}
