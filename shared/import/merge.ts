// Merge, not replace: a newer export updates the pupils it names (matched by Pupil ID, then UPN, then admission
// number), adds new ones, and lists the pupils it no longer names as possible leavers for the SENCo to confirm.
// Targets and staff merge by ID; nothing already on the device is deleted unless the person confirmed a leaver,
// and even then the leaver's targets stay (logs and notes are never touched by an import at all).
import { pupilName, type Pupil, type RotaBlock, type Settings, type Staff, type TabLayout, type Target } from '../model';

export interface CaseloadSnapshot {
  pupils: readonly Pupil[];
  targets: readonly Target[];
  staff: readonly Staff[];
  rota: readonly RotaBlock[];
  /** Where the caseload is held, when it is a tracker: an EHCP Y/N status column cannot tell SEN support from no
   * SEN, so a file moving a pupil between the two is no change to it (else it is reported on every import). */
  layout?: { pupils?: Pick<TabLayout, 'senStatusYesNo'> };
}

export interface IncomingCaseload {
  pupils: readonly Pupil[];
  targets: readonly Target[];
  staff: readonly Staff[];
  rota: readonly RotaBlock[];
  /** Which lists the source had at all: a pupil CSV says nothing about targets, so they are all kept. */
  has: { pupils: boolean; targets: boolean; staff: boolean; rota: boolean };
  /** Pupil fields the source had a column for: only those update an existing pupil. */
  columns: Record<string, number>;
}

export interface PupilChange {
  id: string;
  name: string;
  /** e.g. `class 7N → 8N`, `SEN status K → E`. */
  changes: string[];
  /** The fields behind `changes`, so a front end writing to a tracker knows which cells to update. */
  fields: (keyof Pupil)[];
  matchedBy: 'Pupil ID' | 'UPN' | 'admission number';
}

export interface MergeReport {
  added: { id: string; name: string }[];
  updated: PupilChange[];
  unchanged: number;
  /** On the device but not in this file: kept unless confirmed as leavers. */
  leavers: { id: string; name: string; confirmed: boolean }[];
  /** What stays from the caseload already on the device. */
  kept: { pupils: number; targets: number; staff: number; rota: number };
  /** Rota blocks replaced by the file's rota (a rota has no IDs to merge by). */
  rotaReplaced: number;
}

export interface MergeOutcome {
  result: { pupils: Pupil[]; targets: Target[]; staff: Staff[]; rota: RotaBlock[]; settings?: Settings };
  report: MergeReport;
  /** Incoming pupil IDs that matched an existing pupil under another ID (by UPN or admission number). */
  renamedIds: { from: string; to: string }[];
}

const UPDATABLE: readonly { key: keyof Pupil; label: string }[] = [
  { key: 'firstName', label: 'first name' },
  { key: 'lastName', label: 'last name' },
  { key: 'className', label: 'class' },
  { key: 'year', label: 'year' },
  { key: 'upn', label: 'UPN' },
  { key: 'misId', label: 'admission number' },
  { key: 'senStatus', label: 'SEN status' },
  { key: 'primaryNeed', label: 'primary need' },
  { key: 'areasOfNeed', label: 'areas of need' },
  { key: 'ehcpIssued', label: 'EHCP issued' },
  { key: 'lastAnnualReview', label: 'last annual review' },
  { key: 'fundedHours', label: 'funded hours' },
  { key: 'keyWorker', label: 'key worker' },
  { key: 'phaseTransfer', label: 'phase transfer' },
];

const foldUpn = (u: string | undefined) => (u ? u.replace(/\s+/g, '').toUpperCase() : undefined);
/** SIMS pads admission numbers with zeros (`004192`) where other exports and trackers write `4192`: one number. */
const foldAdno = (a: string | undefined) => (a ? a.trim().replace(/^0+(?=.)/, '') : undefined);
/** The same value written another way (UPN spacing, admission-number zeros, K and N in an EHCP Y/N column) is not
 * a change. */
function sameValue(key: keyof Pupil, a: unknown, b: unknown, statusYesNo = false): boolean {
  if (key === 'senStatus' && statusYesNo) return (a === 'E') === (b === 'E');
  if (key === 'upn') return foldUpn(a as string | undefined) === foldUpn(b as string | undefined);
  if (key === 'misId') return foldAdno(a as string | undefined) === foldAdno(b as string | undefined);
  return JSON.stringify(a) === JSON.stringify(b);
}
const show = (v: unknown) => (Array.isArray(v) ? v.join('; ') || '—' : v === undefined || v === '' ? '—' : String(v));

function withoutRow<T extends { row?: number }>(r: T): T {
  const { row: _row, ...rest } = r;
  return rest as T;
}

function mergeById<T extends { id: string }>(old: readonly T[], fresh: readonly T[]): { list: T[]; kept: number } {
  const freshIds = new Set(fresh.map((x) => x.id));
  const kept = old.filter((x) => !freshIds.has(x.id));
  return { list: [...kept, ...fresh.map((x) => withoutRow(x as T & { row?: number }))], kept: kept.length };
}

/** `refusedIds`: pupils whose rows in the file were refused are not leavers — they are kept as they are. */
export function mergeCaseload(
  current: CaseloadSnapshot,
  incoming: IncomingCaseload,
  confirmedLeavers: readonly string[],
  refusedIds: ReadonlySet<string> = new Set(),
): MergeOutcome {
  const report: MergeReport = {
    added: [],
    updated: [],
    unchanged: 0,
    leavers: [],
    kept: { pupils: 0, targets: 0, staff: 0, rota: 0 },
    rotaReplaced: 0,
  };
  const renamedIds: MergeOutcome['renamedIds'] = [];
  const statusYesNo = current.layout?.pupils?.senStatusYesNo === true;
  const byId = new Map(current.pupils.map((p) => [p.id, p]));
  const byUpn = new Map(current.pupils.filter((p) => p.upn).map((p) => [foldUpn(p.upn)!, p]));
  const byMis = new Map(current.pupils.filter((p) => p.misId).map((p) => [foldAdno(p.misId)!, p]));
  const matched = new Map<string, Pupil>();
  const added: Pupil[] = [];

  for (const inc of incoming.pupils) {
    let existing = byId.get(inc.id);
    let matchedBy: PupilChange['matchedBy'] = 'Pupil ID';
    if (!existing && inc.upn) {
      existing = byUpn.get(foldUpn(inc.upn)!);
      matchedBy = 'UPN';
    }
    if (!existing && inc.misId) {
      existing = byMis.get(foldAdno(inc.misId)!);
      matchedBy = 'admission number';
    }
    if (!existing || matched.has(existing.id)) {
      added.push(withoutRow(inc));
      report.added.push({ id: inc.id, name: pupilName(inc) });
      continue;
    }
    if (existing.id !== inc.id) renamedIds.push({ from: inc.id, to: existing.id });
    const next: Pupil = { ...existing };
    const changes: string[] = [];
    const fields: (keyof Pupil)[] = [];
    for (const { key, label } of UPDATABLE) {
      if (incoming.columns[key] === undefined) continue;
      const v = inc[key];
      if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
      if (sameValue(key, v, existing[key], statusYesNo)) continue;
      changes.push(`${label} ${show(existing[key])} → ${show(v)}`);
      fields.push(key);
      (next as unknown as Record<string, unknown>)[key] = v;
    }
    matched.set(existing.id, withoutRow(next));
    if (changes.length > 0) report.updated.push({ id: existing.id, name: pupilName(next), changes, fields, matchedBy });
    else report.unchanged++;
  }

  const leaverSet = new Set(confirmedLeavers);
  const pupils: Pupil[] = [];
  for (const p of current.pupils) {
    const m = matched.get(p.id);
    if (m) {
      pupils.push(m);
      continue;
    }
    const leaving = incoming.has.pupils && !refusedIds.has(p.id);
    if (leaving) report.leavers.push({ id: p.id, name: pupilName(p), confirmed: leaverSet.has(p.id) });
    if (leaving && leaverSet.has(p.id)) continue;
    pupils.push(p);
    report.kept.pupils++;
  }
  pupils.push(...added);

  const rename = new Map(renamedIds.map((r) => [r.from, r.to]));
  const freshTargets = incoming.targets.map((t) => (rename.has(t.pupilId) ? { ...t, pupilId: rename.get(t.pupilId)! } : t));
  const targets = mergeById(current.targets, freshTargets);
  const staff = mergeById(current.staff, incoming.staff);
  report.kept.targets = targets.kept;
  report.kept.staff = staff.kept;
  let rota: RotaBlock[];
  if (incoming.has.rota) {
    rota = incoming.rota.map(withoutRow);
    report.rotaReplaced = current.rota.length;
  } else {
    rota = [...current.rota];
    report.kept.rota = rota.length;
  }
  return { result: { pupils, targets: targets.list, staff: staff.list, rota }, report, renamedIds };
}
