// Where a tracker lives, as the CLI sees it: a local .xlsx file (cli/xlsx.ts) or a Google Sheet through the Sheets
// API (cli/sheets.ts). Commands only talk to this interface, so every command works on both.
import type { WorkbookChange } from '../shared/index';
import type { Workbook } from '../shared/index';

export interface TrackerSource {
  /** How messages name it: the file path, or "Google Sheet <id>". */
  readonly label: string;
  exists(): Promise<boolean>;
  /** Every tab's values, merges and metadata. Throws an error whose message names the source when unusable. */
  read(): Promise<Workbook>;
  /** Make a brand-new tracker with exactly these tabs. Callers check `exists()` first: this replaces. */
  create(wb: Workbook): Promise<void>;
  /** Additive edits (new tabs, header cells, appended rows, metadata); never replaces a non-blank cell.
   * `backup` names a copy of the original, when the source made one. */
  apply(changes: readonly WorkbookChange[]): Promise<{ backup?: string }>;
}
