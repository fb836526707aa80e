// The streaming reader (cli/xlsx-stream.ts, behind readWorkbook) against exceljs's full object model on the same
// files: every value, merge and metadata entry must agree, so streaming changes speed and memory, not meaning.
// Files come from exceljs (what caseload init and Google Sheets' download look like to us) and from hand-written
// SpreadsheetML in the shapes other producers write (inline strings and no cell references, as streaming writers
// such as openpyxl's write-only mode do; phonetic runs and `_x000D_` escapes as Excel does; the 1904 date system
// of old Mac workbooks).
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readWorkbook, readWorkbookWithExceljs, writeWorkbook } from '../../cli/xlsx';
import { isDateFormat } from '../../cli/xlsx-stream';
import { trackerWorkbook } from '../../cli/tracker';
import { demoSchool } from '../../demo/school';
import { generateSchool } from '../core/fixtures';
import { tempDir } from './run-cli';

async function bothAgree(file: string): Promise<void> {
  const streamed = await readWorkbook(file);
  const modelled = await readWorkbookWithExceljs(file);
  expect(streamed).toEqual(modelled);
}

describe('streaming .xlsx reader', () => {
  it('agrees with exceljs on the demo tracker and a generated school with logs', async () => {
    const dir = tempDir();
    const demo = join(dir, 'demo.xlsx');
    await writeWorkbook(demo, trackerWorkbook(demoSchool()));
    await bothAgree(demo);
    const big = join(dir, 'school.xlsx');
    await writeWorkbook(big, trackerWorkbook(generateSchool({ seed: 3, staff: 12, pupils: 40, logs: 3000 })));
    await bothAgree(big);
  });

  it('agrees on every kind of cell: formulas and their errors, rich text, links, dates, times, booleans, merges', async () => {
    const dir = tempDir();
    const file = join(dir, 'kinds.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Kinds & <odd> "names"');
    ws.getCell('A1').value = { formula: 'A2*2', result: 14 };
    ws.getCell('B1').value = { formula: 'VLOOKUP(1,Z:Z,2)', result: { error: '#N/A' } };
    ws.getCell('C1').value = { error: '#REF!' };
    ws.getCell('D1').value = { richText: [{ text: 'Zo' }, { font: { italic: true }, text: 'ë & <b>' }] };
    ws.getCell('E1').value = { text: 'Arbor', hyperlink: 'https://example.invalid/' };
    ws.getCell('F1').value = new Date(Date.UTC(2026, 10, 23));
    ws.getCell('G1').value = true;
    ws.getCell('H1').value = { formula: 'TODAY()' };
    ws.getCell('I1').value = { formula: 'A1&"x"', result: 'text result' };
    ws.getCell('A3').value = new Date(Date.UTC(1899, 11, 30, 9, 15));
    ws.getCell('A3').numFmt = 'hh:mm';
    ws.getCell('B3').value = 0.5;
    ws.getCell('B3').numFmt = '0.00%';
    ws.getCell('C3').value = '  spaced  \n two lines';
    ws.getCell('D3').value = '=not a formula';
    ws.getCell('A4').value = 'merged';
    ws.getCell('B4').value = 'hidden under the merge';
    ws.mergeCells('A4:C5');
    ws.getCell('A8').value = 'after blank rows';
    ws.getCell('AB8').value = 28;
    await wb.xlsx.writeFile(file);
    await bothAgree(file);
    const sheet = (await readWorkbook(file)).sheets[0]!;
    expect(sheet.values[0]).toEqual([
      14,
      '#N/A',
      '#REF!',
      'Zoë & <b>',
      'Arbor',
      new Date(Date.UTC(2026, 10, 23)),
      true,
      null,
      'text result',
    ]);
    expect(sheet.values[3]).toEqual(['merged']);
    expect(sheet.merges).toEqual(['A4:C5']);
  });

  it('reads SpreadsheetML as other producers write it: inline strings, no cell references, phonetic runs, escapes, 1904 dates', async () => {
    const dir = tempDir();
    const file = join(dir, 'other.xlsx');
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file(
      'xl/workbook.xml',
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="Log" sheetId="1" r:id="rId1"/></sheets></workbook>',
    );
    zip.file(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>',
    );
    zip.file(
      'xl/styles.xml',
      '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="20" applyNumberFormat="1"/></cellXfs></styleSheet>',
    );
    zip.file(
      'xl/sharedStrings.xml',
      '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Log ID</t></si><si><r><t>Kanji</t></r><rPh sb="0" eb="1"><t>ignored reading</t></rPh></si><si><t xml:space="preserve">line_x000D_\nbreak &amp; &#233;</t></si></sst>',
    );
    zip.file(
      'xl/worksheets/sheet1.xml',
      '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
        '<row r="1"><c t="s"><v>0</v></c><c t="inlineStr"><is><t>Date</t></is></c><c t="inlineStr"><is><r><t>Ti</t></r><r><t>me</t></r></is></c></row>' +
        '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="1"><v>45619</v></c><c r="C2" s="2"><v>0.385416666666667</v></c><c r="D2" t="s"><v>2</v></c></row>' +
        '<row r="3"/><row r="4"><c r="A4" t="b"><v>0</v></c><c r="C4" t="e"><v>#DIV/0!</v></c><c r="D4"><f>1/0</f><v>7</v></c></row>' +
        '</sheetData><mergeCells count="1"><mergeCell ref="A4:B4"/></mergeCells></worksheet>',
    );
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const sheet = (await readWorkbook(file)).sheets[0]!;
    expect(sheet.name).toBe('Log');
    expect(sheet.values).toEqual([
      ['Log ID', 'Date', 'Time'],
      ['Kanji', new Date(Date.UTC(2028, 10, 24)), new Date(Date.UTC(1904, 0, 1, 9, 15)), 'line\r\nbreak & é'],
      [],
      [false, null, '#DIV/0!', 7],
    ]);
    expect(sheet.merges).toEqual(['A4:B4']);
  });

  it('reads only the tabs asked for, found by marker when renamed', async () => {
    const dir = tempDir();
    const file = join(dir, 'renamed.xlsx');
    const wb = trackerWorkbook(generateSchool({ seed: 5, staff: 4, pupils: 6, logs: 20 }));
    const log = wb.sheets.find((s) => s.name === 'Log')!;
    log.name = 'Log 2026-27';
    await writeWorkbook(file, wb);
    const only = await readWorkbook(file, { tabs: ['log'] });
    expect(only.sheets.map((s) => s.name)).toEqual(['Log 2026-27']);
    expect(only.sheets[0]).toEqual((await readWorkbookWithExceljs(file)).sheets.find((s) => s.name === 'Log 2026-27'));
    expect(only.sheets[0]!.values).toHaveLength(21);
    let seen = 0;
    await readWorkbook(file, { onRows: (n) => (seen = Math.max(seen, n)) });
    expect(seen).toBeGreaterThanOrEqual(log.values.length);
  });

  it('holds each worksheet to the size the zip directory declares while streaming, and names a crafted file', async () => {
    // The reader no longer inflates the whole file once up front to check sizes; the stream itself must refuse a
    // part that inflates past its declared size (a zip bomb whose directory lies), with the door's own words.
    const dir = tempDir();
    const file = join(dir, 'lying.xlsx');
    await writeWorkbook(file, trackerWorkbook(generateSchool({ seed: 3, staff: 4, pupils: 10, logs: 400, date: '2026-11-24' })));
    const bytes = readFileSync(file);
    const name = Buffer.from('xl/worksheets/sheet7.xml'); // the Log, seventh tab
    const central = Buffer.from([0x50, 0x4b, 0x01, 0x02]); // a central directory record (APPNOTE §4.3.12)
    let patched = 0;
    for (let at = bytes.indexOf(central); at >= 0; at = bytes.indexOf(central, at + 4)) {
      const nameLength = bytes.readUInt16LE(at + 28);
      if (bytes.subarray(at + 46, at + 46 + nameLength).equals(name)) {
        bytes.writeUInt32LE(100, at + 24); // declared uncompressed size: 100 bytes
        patched++;
      }
    }
    expect(patched).toBe(1);
    writeFileSync(file, bytes);
    await expect(readWorkbook(file)).rejects.toThrow(/lying\.xlsx holds more data than its own index declares/);
    // A command that never opens that worksheet is not refused for it: nothing outside what it reads is inflated.
    await expect(readWorkbook(file, { tabs: ['pupils'] })).resolves.toMatchObject({ sheets: [{ name: 'Pupils' }] });
  });

  it('tells date formats from others as exceljs does', () => {
    expect(['dd/mm/yyyy', 'hh:mm', '[h]:mm:ss', 'd-mmm'].every(isDateFormat)).toBe(true);
    expect(['0.00', '#,##0', '[Red]0.00', '"Year "0', '@', 'General'].some(isDateFormat)).toBe(false);
  });
});
