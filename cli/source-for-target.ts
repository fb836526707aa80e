// Which TrackerSource a command-line argument names: a Google Sheet (a Sheets URL, or `gsheet:<id>` from --sheet)
// or else a local .xlsx file.
import { openSheetsSource, sheetTarget } from './sheets';
import { XlsxSource } from './xlsx';
import type { TrackerSource } from './tracker-source';

export function openSource(target: string): TrackerSource {
  const spreadsheetId = sheetTarget(target);
  if (spreadsheetId !== undefined) return openSheetsSource(spreadsheetId);
  return new XlsxSource(target);
}
