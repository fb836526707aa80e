// Writing the session outcomes an accepted cover plan implies (shared/provision/automatic.ts) to the Log tab: new
// rows only (the Log is append-only), aligned to the tab's own header, with any missing Session / Outcome /
// Missed reason columns added at the right first by set-up's own header plan — so no field is silently dropped.
import { applyAbsenceEdits, type AbsenceEdits } from '../../shared/index';
import { localTimestamp } from '../../shared/index';
import type { CellValue, IsoDate, Tracker } from '../../shared/index';
import { automaticOutcomes } from '../../shared/index';
import { matchHeader } from '../../shared/index';
import { recordsToRows } from '../../shared/index';
import { tabSpec } from '../../shared/index';
import { planTabHeader } from '../../shared/index';
import { gas, type GasSpreadsheet } from './gas';
import type { TrackerSnapshot } from './read';
import { applyChange, ensureSize, lastUsedRow } from './setup';
import { safeCell } from './text';

const NEEDED = ['id', 'time', 'pupilId', 'kind', 'session', 'outcome', 'missedReason', 'note', 'source'];

/** Append the outcomes implied on `date` once `edits` are on the Absence tab. `undecided` holds the session keys of
 * blocks the plan could cover but whose proposal the SENCo left unticked: those are not written off yet. Returns
 * how many rows were added, or a reason nothing could be written. Call under the document lock. */
export function writeImpliedOutcomes(
  ss: GasSpreadsheet,
  snap: TrackerSnapshot,
  tracker: Tracker,
  edits: AbsenceEdits,
  date: IsoDate,
  undecided: ReadonlySet<string> = new Set(),
  now = Date.now(),
): { added: number; note?: string } {
  const { Utilities } = gas();
  const rows = automaticOutcomes(applyAbsenceEdits(tracker, edits), date, {
    newId: () => Utilities.getUuid(),
    time: localTimestamp(now, snap.timeZone),
  }).filter((l) => !undecided.has(l.session ?? ''));
  if (rows.length === 0) return { added: 0 };
  const layout = tracker.layout.log;
  if (!layout) return { added: 0, note: 'Missed sessions were not written to the Log: there is no Log tab. Run "Set up tracker" first.' };
  const name = layout.name;
  let grid = snap.grids[name] ?? [];
  let columns = matchHeader(tabSpec('log'), (grid[0] ?? []) as CellValue[]).columns;
  if (NEEDED.some((k) => columns[k] === undefined)) {
    const plan = planTabHeader('log', name, grid);
    for (const c of plan.changes) applyChange(ss, snap, c);
    grid = snap.grids[name] ?? [];
    columns = matchHeader(tabSpec('log'), (grid[0] ?? []) as CellValue[]).columns;
    if (NEEDED.some((k) => columns[k] === undefined)) {
      return {
        added: 0,
        note: `Missed sessions were not written to the Log: ${plan.skipped.join(' ') || `the ${name} tab's header could not be completed.`}`,
      };
    }
  }
  const header = (grid[0] ?? []) as CellValue[];
  const values = recordsToRows('log', rows, header).map((row) => row.map(safeCell));
  const sheet = snap.sheets.get(name) ?? ss.getSheetByName(name);
  if (!sheet) return { added: 0, note: `Missed sessions were not written to the Log: the ${name} tab has gone.` };
  const first = lastUsedRow(grid) + 1;
  ensureSize(sheet, first + values.length - 1, header.length);
  sheet.getRange(first, 1, values.length, header.length).setValues(values);
  return { added: values.length };
}
