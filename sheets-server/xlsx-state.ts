// Server state to and from .xlsx files through the CLI's reader and writer, so a test or the demo can start
// from a tracker made by `caseload init --demo` and keep what the extension wrote.
import { readWorkbook, writeWorkbook } from '../cli/xlsx';
import type { AddSpreadsheetOptions, SheetsServer } from './server';

export async function loadXlsxInto(
  server: SheetsServer,
  spreadsheetId: string,
  path: string,
  options: AddSpreadsheetOptions = {},
): Promise<void> {
  server.addSpreadsheet(spreadsheetId, await readWorkbook(path), options);
}

export async function saveXlsxFrom(server: SheetsServer, spreadsheetId: string, path: string): Promise<void> {
  await writeWorkbook(path, server.workbook(spreadsheetId));
}
