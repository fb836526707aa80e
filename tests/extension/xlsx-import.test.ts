import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnIndex, decodeXml, readXlsx } from '../../extension/import/xlsx';
import { parseTracker } from '../../shared/schema/parse';

async function workbookBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('xlsx reader', () => {
  it('reads sheet names, shared and inline text, numbers, booleans, errors and gaps', async () => {
    const bytes = await workbookBytes((wb) => {
      const s = wb.addWorksheet('Pupils');
      s.addRow(['Pupil ID', 'First name', 'Last name', 'Funded 1:1 hours/week', 'EHCP']);
      s.addRow(['P01', 'Zoë', "O'Neill & <Sons>", 12.5, true]);
      s.getCell('G4').value = '=cmd|x';
      s.getCell('B5').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
      wb.addWorksheet('Rota').addRow(['Day', 'Start']);
    });
    const grids = await readXlsx(bytes);
    expect(Object.keys(grids)).toEqual(['Pupils', 'Rota']);
    const p = grids['Pupils']!;
    expect(p[0]).toEqual(['Pupil ID', 'First name', 'Last name', 'Funded 1:1 hours/week', 'EHCP']);
    expect(p[1]).toEqual(['P01', 'Zoë', "O'Neill & <Sons>", 12.5, true]);
    expect(p[2]).toEqual([]);
    // Text that looks like a formula stays text.
    expect(p[3]?.[6]).toBe('=cmd|x');
    expect(p[4]?.[1]).toBe('#REF!');
  });

  it('feeds the tracker parser: dates written by exceljs arrive as serials the parser reads', async () => {
    const bytes = await workbookBytes((wb) => {
      const pupils = wb.addWorksheet('Pupils');
      pupils.addRow(['Pupil ID', 'First name', 'Last name', 'Year', 'EHCP', 'Last annual review']);
      pupils.addRow(['P01', 'Amara', 'Okafor', '4', 'Y', new Date(Date.UTC(2026, 2, 14))]);
      const targets = wb.addWorksheet('Targets');
      targets.addRow(['Target ID', 'Pupil ID', 'Target', 'Status']);
      targets.addRow(['T01', 'P01', 'Asks for help using a help card', 'Developing']);
    });
    const { tracker } = parseTracker(await readXlsx(bytes));
    expect(tracker.pupils).toHaveLength(1);
    expect(tracker.pupils[0]).toMatchObject({ id: 'P01', firstName: 'Amara', lastAnnualReview: '2026-03-14', ehcp: true });
    expect(tracker.targets[0]).toMatchObject({ id: 'T01', text: 'Asks for help using a help card' });
  });

  it('refuses a file that is not a workbook, in plain English', async () => {
    await expect(readXlsx(new TextEncoder().encode('Pupil ID,First name\nP01,Amara'))).rejects.toThrow(/not a spreadsheet/);
  });

  it('decodes entities and column letters', () => {
    expect(decodeXml('&lt;b&gt; &amp;amp; &#39; &#x41; _x000D_')).toBe("<b> &amp; ' A \r");
    expect(columnIndex('A1')).toBe(0);
    expect(columnIndex('Z9')).toBe(25);
    expect(columnIndex('AA10')).toBe(26);
  });
});
