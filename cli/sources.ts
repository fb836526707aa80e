// Which TrackerSource a command-line argument names. Today: a local .xlsx file. cli/sheets.ts adds Google Sheets
// (a spreadsheet URL or id) here.
import { openSheetsSource, sheetTarget } from './sheets';
import { XlsxSource } from './xlsx';
import type { TrackerSource } from './source';

export function openSource(target: string): TrackerSource {
  const spreadsheetId = sheetTarget(target);
  if (spreadsheetId !== undefined) return openSheetsSource(spreadsheetId);
  return new XlsxSource(target);
}
