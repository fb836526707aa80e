// Every check over a tracker, in one deterministic list: errors first, then by tab (in the tracker's tab
// order), then by cell (row, then column), so the CLI, the add-on sidebar and tests all see the same order.
import { TAB_KEYS, type Finding, type IsoDate, type LogEntry, type Severity, type Tracker } from '../model';
import { parseRange } from '../schema/a1';
import { tabSpec } from '../schema/tabs';
import { buildContext } from './context';
import { checkData } from './data';
import { checkProgress } from './progress';
import { checkProvision } from './provision';
import { checkRota } from './rota';
import { checkStatutory } from './statutory';
import { checkTraining } from './training';

export { buildContext, type CheckContext } from './context';
export { checkCoverDuties } from './rota';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function cellOrder(cell: string): [number, number] {
  try {
    const r = parseRange(cell);
    return [r.startRow ?? 0, r.startColumn ?? 0];
  } catch {
    return [0, 0];
  }
}

export function sortFindings(findings: readonly Finding[], tracker: Pick<Tracker, 'layout'>): Finding[] {
  const tabOrder = new Map<string, number>();
  for (const [i, key] of TAB_KEYS.entries()) tabOrder.set(tracker.layout[key]?.name ?? tabSpec(key).name, i);
  const keyed = findings.map((f) => ({ f, tab: tabOrder.get(f.tab) ?? TAB_KEYS.length, cell: cellOrder(f.cell) }));
  keyed.sort(
    (a, b) =>
      SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] ||
      a.tab - b.tab ||
      (a.f.tab < b.f.tab ? -1 : a.f.tab > b.f.tab ? 1 : 0) ||
      a.cell[0] - b.cell[0] ||
      a.cell[1] - b.cell[1] ||
      (a.f.code < b.f.code ? -1 : a.f.code > b.f.code ? 1 : 0) ||
      (a.f.message < b.f.message ? -1 : a.f.message > b.f.message ? 1 : 0),
  );
  return keyed.map((k) => k.f);
}

/** Run every check family over the tracker as of `today`. Pure: the same tracker and date give the same list.
 * `logs`, when given, must be effectiveLogs(tracker.logs) (checkWorkbook passes the one it keeps). */
export function runChecks(tracker: Tracker, today: IsoDate, logs?: LogEntry[]): Finding[] {
  const ctx = buildContext(tracker, today, logs);
  return sortFindings(
    [...checkData(ctx), ...checkRota(ctx), ...checkProgress(ctx), ...checkProvision(ctx), ...checkStatutory(ctx), ...checkTraining(ctx)],
    tracker,
  );
}
