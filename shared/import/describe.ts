// The preview in words, for front ends that print it (the CLI) and for the Options page's headline.
import type { ImportPreview } from './preview';

const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export function countsText(c: ImportPreview['counts']): string {
  return [
    n(c.pupils, 'pupil', 'pupils'),
    n(c.targets, 'target', 'targets'),
    n(c.staff, 'member of staff', 'staff'),
    n(c.rota, 'rota block', 'rota blocks'),
  ].join(', ');
}

export interface DescribeOptions {
  /** Where the caseload lives. On a device a leaver is removed once confirmed; in a tracker (the CLI) an import never
   * removes a row, so the leavers are listed for the SENCo to deal with. */
  into?: 'device' | 'tracker';
}

/** Every line a person needs before confirming: nothing left out is unlisted. */
export function describePreview(p: ImportPreview, opts: DescribeOptions = {}): string[] {
  const out: string[] = [];
  out.push(`After this import the ${opts.into === 'tracker' ? 'tracker' : 'caseload'} will have ${countsText(p.counts)}.`);
  const m = p.merge;
  if (m.added.length) out.push(`New pupils (${m.added.length}): ${m.added.map((a) => `${a.name} (${a.id})`).join(', ')}.`);
  for (const u of m.updated) out.push(`Updated ${u.name} (${u.id}, matched by ${u.matchedBy}): ${u.changes.join('; ')}.`);
  const kept = m.kept;
  const keptBits = [
    kept.pupils && n(kept.pupils, 'pupil', 'pupils'),
    kept.targets && n(kept.targets, 'target', 'targets'),
    kept.staff && n(kept.staff, 'member of staff', 'staff'),
    kept.rota && n(kept.rota, 'rota block', 'rota blocks'),
  ].filter(Boolean);
  if (keptBits.length) out.push(`Kept from the caseload already here: ${keptBits.join(', ')}.`);
  if (m.rotaReplaced) out.push(`The ${n(m.rotaReplaced, 'rota block', 'rota blocks')} already here are replaced by this file's rota.`);
  const open = m.leavers.filter((l) => !l.confirmed);
  const names = open.map((l) => `${l.name} (${l.id})`).join(', ');
  if (open.length && opts.into === 'tracker')
    out.push(`Not in this file, so possibly left: ${names}. Their rows, targets, logs and notes stay in the tracker; nothing was removed.`);
  else if (open.length) out.push(`Not in this file, so possibly left (kept until you confirm): ${names}.`);
  const gone = m.leavers.filter((l) => l.confirmed);
  if (gone.length)
    out.push(`Confirmed leavers, removed (their targets and logs stay): ${gone.map((l) => `${l.name} (${l.id})`).join(', ')}.`);
  if (p.derivedIds.length) {
    const from = new Set(p.derivedIds.map((d) => d.from));
    out.push(
      `There is no Pupil ID column, so ${n(p.derivedIds.length, 'pupil was given an ID', 'pupils were given IDs')} made from the ${[...from].join(' or ')}.`,
    );
  }
  for (const f of p.fileProblems) out.push(`Problem with the file: ${f}`);
  for (const r of p.refused) out.push(`Left out: ${r.where}${r.id ? ` (${r.id})` : ''}: ${r.reasons.join(' ')}`);
  for (const b of p.blanked) out.push(`Stored without this value: ${b.where}: ${b.message}`);
  for (const u of p.unusedColumns) out.push(`Column not used: ${u.where} "${u.header}" (${u.reason}).`);
  return out;
}
