// The CLI's two large packages, loaded the first time a command needs them rather than when the CLI starts.
// Loading them is most of a short command's cost: googleapis alone takes about two seconds and 150 MB of memory on
// Node 22 (it builds every Google API's client), exceljs about half a second and 60 MB. `caseload check` on a local
// .xlsx file reads through cli/xlsx-stream.ts and needs neither; writing a file needs exceljs, a Google Sheet
// needs googleapis. Types still come from the packages (`import type` costs nothing at run time).
import { createRequire } from 'node:module';
import type ExcelJSModule from 'exceljs';

const require = createRequire(import.meta.url);
let exceljsModule: typeof ExcelJSModule | undefined;

/** exceljs (a CommonJS package), loaded synchronously on first use so the file-writing helpers stay synchronous. */
export function exceljs(): typeof ExcelJSModule {
  exceljsModule ??= require('exceljs') as typeof ExcelJSModule;
  return exceljsModule;
}

/** googleapis' `google` namespace, loaded on the first Google Sheets command. */
export async function googleApis(): Promise<typeof import('googleapis').google> {
  return (await import('googleapis')).google;
}
