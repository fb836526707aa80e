// The values endpoints through the real googleapis client over HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSheetsServer, type SheetsServer } from '../../sheets-server';
import { call, gaxiosFailure, SHEET_ID, sheetsClient, smallTracker } from './support';

let server: SheetsServer;
beforeEach(async () => {
  server = await startSheetsServer({ workbooks: { [SHEET_ID]: smallTracker() } });
});
afterEach(async () => server.close());

describe('values.get and values.batchGet', () => {
  it('reads a whole tab, reporting the range clamped to the grid and trimming trailing blanks', async () => {
    const res = await sheetsClient(server).spreadsheets.values.get({ spreadsheetId: SHEET_ID, range: 'Pupils' });
    expect(res.status).toBe(200);
    expect(res.data.range).toBe('Pupils!A1:Z1000');
    expect(res.data.majorDimension).toBe('ROWS');
    expect(res.data.values).toEqual([
      ['Pupil ID', 'First name', 'Last name', 'Year'],
      ['P1', 'Amara', 'Okafor', '4'],
      ['P2', 'Ben', 'Walsh', '6'],
    ]);
  });

  it('reads quoted sheet names and open-ended ranges, rendering by option', async () => {
    const sheets = sheetsClient(server);
    const formatted = await sheets.spreadsheets.values.get({ spreadsheetId: SHEET_ID, range: "'Key stage 2'!A2:D" });
    expect(formatted.data.range).toBe("'Key stage 2'!A2:D1000");
    expect(formatted.data.values).toEqual([
      ['1', '2', '3'],
      ['23/11/2026', 'TRUE', '', 'x'],
    ]);
    const raw = await sheets.spreadsheets.values.get({
      spreadsheetId: SHEET_ID,
      range: "'Key stage 2'!A2:D3",
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    expect(raw.data.range).toBe("'Key stage 2'!A2:D3");
    expect(raw.data.values).toEqual([
      [1, 2, 3],
      [46349, true, '', 'x'],
    ]);
    const dated = await sheets.spreadsheets.values.get({
      spreadsheetId: SHEET_ID,
      range: "'Key stage 2'!A3",
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'FORMATTED_STRING',
    });
    expect(dated.data.range).toBe("'Key stage 2'!A3");
    expect(dated.data.values).toEqual([['23/11/2026']]);
  });

  it('reads whole columns and columns-major', async () => {
    const res = await sheetsClient(server).spreadsheets.values.get({
      spreadsheetId: SHEET_ID,
      range: 'Pupils!A:A',
      majorDimension: 'COLUMNS',
    });
    expect(res.data.range).toBe('Pupils!A1:A1000');
    expect(res.data.values).toEqual([['Pupil ID', 'P1', 'P2']]);
  });

  it('leaves values out for an empty range', async () => {
    const res = await sheetsClient(server).spreadsheets.values.get({ spreadsheetId: SHEET_ID, range: 'Log!A2:K' });
    expect(res.data.range).toBe('Log!A2:K1000');
    expect(res.data.values).toBeUndefined();
  });

  it('batchGet reads several ranges in one request, in order', async () => {
    const res = await sheetsClient(server).spreadsheets.values.batchGet({
      spreadsheetId: SHEET_ID,
      ranges: ['Log', 'Pupils!B2:C3', "'Key stage 2'!C1"],
    });
    expect(res.data.spreadsheetId).toBe(SHEET_ID);
    expect(res.data.valueRanges?.map((v) => v.range)).toEqual(['Log!A1:Z1000', 'Pupils!B2:C3', "'Key stage 2'!C1"]);
    expect(res.data.valueRanges?.[1]?.values).toEqual([
      ['Amara', 'Okafor'],
      ['Ben', 'Walsh'],
    ]);
    expect(server.requests.filter((r) => r.operation === 'values.batchGet')).toHaveLength(1);
    expect(server.requests.at(-1)?.query['ranges']).toEqual(['Log', 'Pupils!B2:C3', "'Key stage 2'!C1"]);
  });

  it('refuses an unknown sheet with Google’s 400 INVALID_ARGUMENT body', async () => {
    const failure = await gaxiosFailure(sheetsClient(server).spreadsheets.values.get({ spreadsheetId: SHEET_ID, range: 'Nope!A1:B2' }));
    expect(failure.status).toBe(400);
    expect(failure.error).toEqual({ code: 400, message: 'Unable to parse range: Nope!A1:B2', status: 'INVALID_ARGUMENT' });
    const batch = await gaxiosFailure(
      sheetsClient(server).spreadsheets.values.batchGet({ spreadsheetId: SHEET_ID, ranges: ['Pupils', 'Missing'] }),
    );
    expect(batch.error?.message).toBe('Unable to parse range: Missing');
  });
});

describe('values.append', () => {
  it('RAW appends after the last row of the table and keeps text as text', async () => {
    const sheets = sheetsClient(server);
    const row = ['L1', '2026-11-23T10:15:00+00:00', 'P1', '', 'Note', '', '', '15', 'S1', '=HYPERLINK("http://x")', 'mis/x'];
    const res = await sheets.spreadsheets.values.append({
      spreadsheetId: SHEET_ID,
      range: 'Log!A:K',
      valueInputOption: 'RAW',
      insertDataOption: 'INSERT_ROWS',
      requestBody: { values: [row, ['L2', '2026-11-23T10:16:00+00:00', 'P2']] },
    });
    expect(res.data).toEqual({
      spreadsheetId: SHEET_ID,
      tableRange: 'Log!A1:K1',
      updates: { spreadsheetId: SHEET_ID, updatedRange: 'Log!A2:K3', updatedRows: 2, updatedColumns: 11, updatedCells: 14 },
    });
    const back = await sheets.spreadsheets.values.get({ spreadsheetId: SHEET_ID, range: 'Log!A2:K3', valueRenderOption: 'FORMULA' });
    expect(back.data.values?.[0]?.[9]).toBe('=HYPERLINK("http://x")');
    expect(back.data.values?.[0]?.[7]).toBe('15');
    expect(server.state.spreadsheets.get(SHEET_ID)!.sheets[1]!.cells[1]![9]).toBe('=HYPERLINK("http://x")');
    const next = await sheets.spreadsheets.values.append({
      spreadsheetId: SHEET_ID,
      range: 'Log',
      valueInputOption: 'RAW',
      requestBody: { values: [['L3']] },
    });
    expect(next.data.tableRange).toBe('Log!A1:K3');
    expect(next.data.updates?.updatedRange).toBe('Log!A4');
  });

  it('USER_ENTERED turns formulas into formulas and number-like text into numbers', async () => {
    const sheets = sheetsClient(server);
    await sheets.spreadsheets.values.append({
      spreadsheetId: SHEET_ID,
      range: 'Log!A1',
      valueInputOption: 'USER_ENTERED',
      requestBody: { values: [['L9', '23/11/2026', 'P1', "'007", '', '', '', '15', '', '=1+1', 'TRUE']] },
    });
    const cells = server.state.spreadsheets.get(SHEET_ID)!.sheets[1]!.cells[1]!;
    expect(cells[7]).toBe(15);
    expect(cells[3]).toBe('007');
    expect(cells[9]).toEqual({ kind: 'formula', formula: '=1+1' });
    expect(cells[10]).toBe(true);
    expect(cells[1]).toMatchObject({ kind: 'date', format: 'date' });
    const back = await sheets.spreadsheets.values.get({
      spreadsheetId: SHEET_ID,
      range: 'Log!A2:K2',
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    expect(back.data.values?.[0]?.[7]).toBe(15);
    expect(back.data.values?.[0]?.[1]).toBe(46349);
  });

  it('INSERT_ROWS grows the grid and pushes rows below down; OVERWRITE writes in place', async () => {
    const sheets = sheetsClient(server);
    const sheet = () => server.state.spreadsheets.get(SHEET_ID)!.sheets[0]!;
    // Something far below the table in another column: INSERT_ROWS moves it, OVERWRITE does not.
    await sheets.spreadsheets.values.update({
      spreadsheetId: SHEET_ID,
      range: 'Pupils!F4',
      valueInputOption: 'RAW',
      requestBody: { values: [['below']] },
    });
    const before = sheet().rowCount;
    await sheets.spreadsheets.values.append({
      spreadsheetId: SHEET_ID,
      range: 'Pupils!A:D',
      valueInputOption: 'RAW',
      insertDataOption: 'INSERT_ROWS',
      requestBody: { values: [['P3', 'Cara', 'Jones', '5']] },
    });
    expect(sheet().rowCount).toBe(before + 1);
    expect(sheet().cells[4]?.[5]).toBe('below');
    expect(sheet().cells[3]?.[0]).toBe('P3');
    await sheets.spreadsheets.values.append({
      spreadsheetId: SHEET_ID,
      range: 'Pupils!A:D',
      valueInputOption: 'RAW',
      insertDataOption: 'OVERWRITE',
      requestBody: { values: [['P4', 'Dev', 'Shah', '5']] },
    });
    expect(sheet().rowCount).toBe(before + 1);
    expect(sheet().cells[4]?.slice(0, 6)).toEqual(['P4', 'Dev', 'Shah', '5', null, 'below']);
  });

  it('appends to an empty sheet at its first row, with no tableRange', async () => {
    const sheets = sheetsClient(server);
    await sheets.spreadsheets.batchUpdate({
      spreadsheetId: SHEET_ID,
      requestBody: { requests: [{ addSheet: { properties: { title: 'Empty one' } } }] },
    });
    const res = await sheets.spreadsheets.values.append({
      spreadsheetId: SHEET_ID,
      range: "'Empty one'",
      valueInputOption: 'RAW',
      requestBody: { values: [['x', 'y']] },
    });
    expect(res.data.tableRange).toBeUndefined();
    expect(res.data.updates?.updatedRange).toBe("'Empty one'!A1:B1");
  });

  it('requires valueInputOption', async () => {
    const res = await call(server, `/v4/spreadsheets/${SHEET_ID}/values/Log:append`, {
      method: 'POST',
      body: JSON.stringify({ values: [['x']] }),
    });
    expect(res.status).toBe(400);
    expect(res.body?.error.status).toBe('INVALID_ARGUMENT');
  });

  it('accepts an unencoded colon in the range before :append (fetch clients)', async () => {
    const res = await call(server, `/v4/spreadsheets/${SHEET_ID}/values/Log!A:K:append?valueInputOption=RAW`, {
      method: 'POST',
      body: JSON.stringify({ values: [['L1']] }),
    });
    expect(res.status).toBe(200);
    expect(res.body?.updates.updatedRange).toBe('Log!A2');
  });
});

describe('values.update, batchUpdate and clear', () => {
  it('update writes a rectangle and refuses to write outside a closed range', async () => {
    const sheets = sheetsClient(server);
    const res = await sheets.spreadsheets.values.update({
      spreadsheetId: SHEET_ID,
      range: 'Pupils!E1:E3',
      valueInputOption: 'RAW',
      requestBody: { values: [['Class'], ['4B'], ['6A']] },
    });
    expect(res.data).toEqual({ spreadsheetId: SHEET_ID, updatedRange: 'Pupils!E1:E3', updatedRows: 3, updatedColumns: 1, updatedCells: 3 });
    const failure = await gaxiosFailure(
      sheets.spreadsheets.values.update({
        spreadsheetId: SHEET_ID,
        range: 'Pupils!E1:E2',
        valueInputOption: 'RAW',
        requestBody: { values: [['a'], ['b'], ['c']] },
      }),
    );
    expect(failure.status).toBe(400);
    expect(failure.error?.message).toContain('tried writing to row [3]');
  });

  it('values.batchUpdate is all or nothing', async () => {
    const sheets = sheetsClient(server);
    const ok = await sheets.spreadsheets.values.batchUpdate({
      spreadsheetId: SHEET_ID,
      requestBody: {
        valueInputOption: 'RAW',
        data: [
          { range: 'Pupils!E1', values: [['Class']] },
          { range: "'Key stage 2'!A1", values: [['z']] },
        ],
      },
    });
    expect(ok.data.totalUpdatedCells).toBe(2);
    expect(ok.data.totalUpdatedSheets).toBe(2);
    const failure = await gaxiosFailure(
      sheets.spreadsheets.values.batchUpdate({
        spreadsheetId: SHEET_ID,
        requestBody: {
          valueInputOption: 'RAW',
          data: [
            { range: 'Pupils!E2', values: [['changed']] },
            { range: 'Nope!A1', values: [['x']] },
          ],
        },
      }),
    );
    expect(failure.status).toBe(400);
    expect(server.workbook(SHEET_ID).sheets[0]!.values[1]![4]).toBeUndefined();
  });

  it('clear empties values', async () => {
    const sheets = sheetsClient(server);
    const res = await sheets.spreadsheets.values.clear({ spreadsheetId: SHEET_ID, range: 'Pupils!B2:C2' });
    expect(res.data.clearedRange).toBe('Pupils!B2:C2');
    expect(server.workbook(SHEET_ID).sheets[0]!.values[1]).toEqual(['P1', null, null, '4']);
  });
});
