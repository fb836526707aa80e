// Read what the extension needs from the tracker: pupils, targets, staff, rota (and the tabs the rota depends
// on), in one values.batchGet after listing the tabs, parsed by the same parser as everywhere else.
import type { Finding, Pupil, RotaBlock, Settings, Staff, Target, TrainingRecord, Absence, TabKey } from '../model';
import type { SheetsPort } from '../ports';
import { findTabs, parseTracker } from '../schema/parse';
import { TAB_SPECS } from '../schema/tabs';

export interface PulledCaseload {
  pupils: Pupil[];
  targets: Target[];
  staff: Staff[];
  rota: RotaBlock[];
  training: TrainingRecord[];
  absences: Absence[];
  settings: Settings;
  /** Problems in the tabs that were read, so the extension can say why a pupil or block is missing. */
  findings: Finding[];
}

/** Tabs the extension reads. Log and Reviews are left out: the Log can be 100k rows and the overlay never needs it. */
export const PULLED_TABS: readonly TabKey[] = ['pupils', 'targets', 'staff', 'training', 'rota', 'absence', 'settings'];

export async function pullCaseload(sheets: SheetsPort): Promise<PulledCaseload> {
  const names = await sheets.listTabs();
  const where = findTabs(names);
  const wanted = PULLED_TABS.map((k) => where[k]).filter((n): n is string => n !== undefined);
  const grids = wanted.length ? await sheets.readTabs(wanted) : {};
  const { tracker, findings } = parseTracker(grids);
  // The parser reports every tab it was not given as missing; the ones left out on purpose are not missing.
  const leftOut = new Set(TAB_SPECS.filter((t) => !PULLED_TABS.includes(t.key)).map((t) => t.name));
  const relevant = findings.filter((f) => !(f.code === 'HEADER_MISSING' && leftOut.has(f.tab) && !wanted.includes(f.tab)));
  return {
    pupils: tracker.pupils,
    targets: tracker.targets,
    staff: tracker.staff,
    rota: tracker.rota,
    training: tracker.training,
    absences: tracker.absences,
    settings: tracker.settings,
    findings: relevant,
  };
}

