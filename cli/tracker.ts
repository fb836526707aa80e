// Workbook ⇄ tracker for the CLI's commands: parse with the workbook's merges and metadata, and lay a tracker out
// as a new workbook with every tab marked as ours.
import type { Tracker } from '../shared/index';
import { parseTracker, TAB_METADATA_KEY, type ParseOptions, type ParseResult } from '../shared/index';
import { trackerToGrids } from '../shared/index';
import { TAB_SPECS } from '../shared/index';
import { gridsOf, type Workbook } from '../shared/index';

/** What the core's parser needs besides the values: each tab's developer metadata and merged ranges. */
export function parseOptionsOf(wb: Workbook): ParseOptions {
  const metadata: Record<string, Record<string, string>> = {};
  const merges: Record<string, string[]> = {};
  for (const s of wb.sheets) {
    if (s.metadata) metadata[s.name] = s.metadata;
    if (s.merges) merges[s.name] = s.merges;
  }
  return { metadata, merges };
}

export function parseWorkbook(wb: Workbook): ParseResult {
  return parseTracker(gridsOf(wb), parseOptionsOf(wb));
}

/** Every tab in canonical order, header then records, each tab tagged so a later rename is still recognised. */
export function trackerWorkbook(tracker: Tracker): Workbook {
  const grids = trackerToGrids(tracker);
  return {
    sheets: TAB_SPECS.map((spec) => ({ name: spec.name, values: grids[spec.name] ?? [], metadata: { [TAB_METADATA_KEY]: spec.key } })),
  };
}
