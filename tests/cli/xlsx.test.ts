// cli/xlsx.ts against real files: what exceljs stores, read back as the plain Workbook the core parses.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readWorkbook, WorkbookFileError, writeWorkbook, METADATA_SHEET } from '../../cli/xlsx';
import { parseWorkbook, trackerWorkbook } from '../../cli/tracker';
import { demoSchool } from '../../demo/school';
import type { Tracker } from '../../shared/model';
import { tempDir } from './run-cli';

/** Records without the `row` the parser adds, for comparing with records built in code. */
function withoutRows(t: Tracker): Omit<Tracker, 'layout'> {
  const strip = <T extends object>(xs: readonly T[]) =>
    xs.map((x) => Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'row')) as T);
  return {
    pupils: strip(t.pupils),
    targets: strip(t.targets),
    staff: strip(t.staff),
    training: strip(t.training),
    rota: strip(t.rota),
    absences: strip(t.absences),
    logs: strip(t.logs),
    reviews: strip(t.reviews),
    settings: t.settings,
  };
}

describe('xlsx round trip', () => {
  it('demoSchool → write → read → parse gives back the same records', async () => {
    const dir = tempDir();
    const school = demoSchool({ today: '2026-11-23', seed: 7 });
    await writeWorkbook(join(dir, 'demo.xlsx'), trackerWorkbook(school));
    const back = parseWorkbook(await readWorkbook(join(dir, 'demo.xlsx')));
    expect(back.findings).toEqual([]);
    expect(withoutRows(back.tracker)).toEqual(withoutRows(school));
    // Records know their rows, so findings can name cells.
    expect(back.tracker.pupils[0]!.row).toBe(2);
    expect(back.tracker.layout.pupils?.name).toBe('Pupils');
  });

  it('stores dates as real date cells shown dd/mm/yyyy, and choice columns with drop-down lists', async () => {
    const dir = tempDir();
    await writeWorkbook(join(dir, 'demo.xlsx'), trackerWorkbook(demoSchool()));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'demo.xlsx'));
    const pupils = wb.getWorksheet('Pupils')!;
    const header = (pupils.getRow(1).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
    const letter = (name: string) => pupils.getColumn(header.indexOf(name)).letter;
    // EHCP issued, on the first pupil with an EHC plan: a real date cell shown dd/mm/yyyy.
    const issuedCol = pupils.getColumn(header.indexOf('EHCP issued'));
    const issued = issuedCol.values.find((v): v is Date => v instanceof Date);
    expect(issued).toBeInstanceOf(Date);
    const issuedRow = issuedCol.values.findIndex((v) => v instanceof Date);
    expect(pupils.getCell(`${issuedCol.letter}${issuedRow}`).numFmt).toBe('dd/mm/yyyy');
    const dv = (pupils as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations
      .model;
    expect(dv[`${letter('Year')}2`]).toMatchObject({ type: 'list' });
    expect(dv[`${letter('Year')}2`]!.formulae[0]).toContain('N1,N2,R,1,2');
    expect(dv[`${letter('SEN status')}2`]!.formulae[0]).toBe('"E,K,N"'); // the census codes
    // A hidden tab carries which tab is which, so a renamed tab is still found.
    expect(wb.getWorksheet(METADATA_SHEET)?.state).toBe('veryHidden');
  });

  it('never writes text as a formula', async () => {
    const dir = tempDir();
    const file = join(dir, 'hostile.xlsx');
    const hostile = ['=HYPERLINK("http://evil.example","click")', '+SUM(1,2)', '-2+3', '@SUM(A1)', '=1+1'];
    await writeWorkbook(file, { sheets: [{ name: 'Notes', values: [['Note'], ...hostile.map((h) => [h])] }] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    hostile.forEach((h, i) => {
      const cell = wb.getWorksheet('Notes')!.getCell(`A${i + 2}`);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(h);
    });
    const back = await readWorkbook(file);
    expect(back.sheets[0]!.values.slice(1).map((r) => r[0])).toEqual(hostile);
  });

  it('reads formulas as cached results, errors as their text, rich text and links as text, merges as ranges', async () => {
    const dir = tempDir();
    const file = join(dir, 'kinds.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Kinds');
    ws.getCell('A1').value = { formula: 'A2*2', result: 14 };
    ws.getCell('B1').value = { formula: 'VLOOKUP(1,Z:Z,2)', result: { error: '#N/A' } };
    ws.getCell('C1').value = { error: '#REF!' };
    ws.getCell('D1').value = { richText: [{ text: 'Zo' }, { font: { italic: true }, text: 'ë' }] };
    ws.getCell('E1').value = { text: 'Arbor', hyperlink: 'https://example.invalid/' };
    ws.getCell('F1').value = new Date(Date.UTC(2026, 10, 23));
    ws.getCell('G1').value = true;
    ws.getCell('A2').value = 'merged';
    ws.mergeCells('A2:C3');
    ws.getCell('A5').value = 'after a blank row';
    await wb.xlsx.writeFile(file);

    const sheet = (await readWorkbook(file)).sheets[0]!;
    expect(sheet.values[0]).toEqual([14, '#N/A', '#REF!', 'Zoë', 'Arbor', new Date(Date.UTC(2026, 10, 23)), true]);
    expect(sheet.values[1]).toEqual(['merged']);
    expect(sheet.values[2]).toEqual([]);
    expect(sheet.values[3]).toEqual([]);
    expect(sheet.values[4]).toEqual(['after a blank row']);
    expect(sheet.merges).toEqual(['A2:C3']);
  });

  it('names the file when it is missing or not a spreadsheet', async () => {
    const dir = tempDir();
    await expect(readWorkbook(join(dir, 'none.xlsx'))).rejects.toThrow(WorkbookFileError);
    await expect(readWorkbook(join(dir, 'none.xlsx'))).rejects.toThrow(/none\.xlsx/);
    writeFileSync(join(dir, 'plain.xlsx'), 'just text');
    await expect(readWorkbook(join(dir, 'plain.xlsx'))).rejects.toThrow(/plain\.xlsx is not an \.xlsx spreadsheet/);
  });
});
