// Workbook ⇄ tracker for the CLI's commands: parse with the workbook's merges and metadata, and lay a tracker out
// as a new workbook with every tab marked as ours.
import type { Tracker } from '../shared/model';
import { parseTracker, TAB_METADATA_KEY, type ParseResult } from '../shared/schema/parse';
import { trackerToGrids } from '../shared/schema/serialise';
import { TAB_SPECS } from '../shared/schema/tabs';
import { gridsOf, type Workbook } from '../shared/workbook';

export function parseWorkbook(wb: Workbook): ParseResult {
  const metadata: Record<string, Record<string, string>> = {};
  const merges: Record<string, string[]> = {};
  for (const s of wb.sheets) {
    if (s.metadata) metadata[s.name] = s.metadata;
    if (s.merges) merges[s.name] = s.merges;
  }
  return parseTracker(gridsOf(wb), { metadata, merges });
}

/** Every tab in canonical order, header then records, each tab tagged so a later rename is still recognised. */
export function trackerWorkbook(tracker: Tracker): Workbook {
  const grids = trackerToGrids(tracker);
  return {
    sheets: TAB_SPECS.map((spec) => ({ name: spec.name, values: grids[spec.name] ?? [], metadata: { [TAB_METADATA_KEY]: spec.key } })),
  };
}
