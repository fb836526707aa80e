// One reader over one .xlsx, as a whole process, for bench/cli.bench.ts: `node read-xlsx.mjs <reader> <file>`.
// Each touches every cell value and prints the count, so no reader can skip work the others do.
//  exceljs-stream  exceljs's streaming WorkbookReader, rows of every sheet (the "bare streaming read" baseline)
//  exceljs-file    exceljs's readFile (the whole object model), every row of every sheet
//  caseload        cli/xlsx-stream.ts (what `caseload check` now uses), every sheet, no parsing or checks
import ExcelJS from 'exceljs';
import { openXlsx } from '../../cli/xlsx-stream';

async function main(reader: string, file: string): Promise<number> {
  let cells = 0;
  if (reader === 'exceljs-stream') {
    const wb = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      entries: 'ignore',
    });
    for await (const ws of wb) {
      for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
        row.eachCell(() => {
          cells++;
        });
      }
    }
  } else if (reader === 'exceljs-file') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell(() => {
          cells++;
        }),
      ),
    );
  } else if (reader === 'caseload') {
    const x = await openXlsx(file);
    for (const ref of x.sheets) for (const row of (await x.readSheet(ref)).values) for (const v of row) if (v !== null) cells++;
  } else throw new Error(`unknown reader ${reader}`);
  return cells;
}

const [reader, file] = process.argv.slice(2);
main(reader!, file!).then((n) => process.stdout.write(`${n}\n`));
