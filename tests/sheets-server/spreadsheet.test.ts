// spreadsheets.get, spreadsheets.batchUpdate and developer metadata through the real googleapis client.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadXlsxInto, saveXlsxFrom, startSheetsServer, type SheetsServer } from '../../sheets-server';
import { gaxiosFailure, SHEET_ID, sheetsClient, smallTracker } from './support';

let server: SheetsServer;
beforeEach(async () => {
  server = await startSheetsServer({ workbooks: { [SHEET_ID]: smallTracker() } });
});
afterEach(async () => server.close());

describe('spreadsheets.get', () => {
  it('describes the sheets and their developer metadata, accepting fields and includeGridData', async () => {
    const res = await sheetsClient(server).spreadsheets.get({
      spreadsheetId: SHEET_ID,
      fields: 'sheets(properties,developerMetadata)',
      includeGridData: false,
    });
    expect(res.data.spreadsheetId).toBe(SHEET_ID);
    expect(res.data.properties?.locale).toBe('en_GB');
    const sheets = res.data.sheets ?? [];
    expect(sheets.map((s) => s.properties?.title)).toEqual(['Pupils', 'Log', 'Key stage 2']);
    expect(sheets.map((s) => s.properties?.index)).toEqual([0, 1, 2]);
    expect(sheets[0]?.properties?.gridProperties).toEqual({ rowCount: 1000, columnCount: 26 });
    expect(new Set(sheets.map((s) => s.properties?.sheetId)).size).toBe(3);
    expect(sheets[1]?.developerMetadata?.[0]).toMatchObject({
      metadataKey: 'caseload:tab',
      metadataValue: 'log',
      location: { locationType: 'SHEET', sheetId: sheets[1]?.properties?.sheetId },
    });
    expect(sheets[2]?.developerMetadata).toBeUndefined();
  });

  it('answers 404 NOT_FOUND for an unknown spreadsheet', async () => {
    const failure = await gaxiosFailure(sheetsClient(server).spreadsheets.get({ spreadsheetId: 'nope' }));
    expect(failure.status).toBe(404);
    expect(failure.error).toEqual({ code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' });
  });
});

describe('spreadsheets.batchUpdate', () => {
  it('applies set-up requests and replies to each in order', async () => {
    const sheets = sheetsClient(server);
    const res = await sheets.spreadsheets.batchUpdate({
      spreadsheetId: SHEET_ID,
      requestBody: {
        requests: [
          { addSheet: { properties: { title: 'Staff', sheetId: 77, gridProperties: { frozenRowCount: 1 } } } },
          {
            updateCells: {
              start: { sheetId: 77, rowIndex: 0, columnIndex: 0 },
              fields: 'userEnteredValue',
              rows: [
                { values: [{ userEnteredValue: { stringValue: 'Staff ID' } }, { userEnteredValue: { stringValue: '=not a formula' } }] },
              ],
            },
          },
          {
            appendCells: {
              sheetId: 77,
              fields: 'userEnteredValue',
              rows: [{ values: [{ userEnteredValue: { stringValue: 'S1' } }, { userEnteredValue: { numberValue: 32.5 } }] }],
            },
          },
          {
            setDataValidation: {
              range: { sheetId: 77, startRowIndex: 1, startColumnIndex: 2, endColumnIndex: 3 },
              rule: { condition: { type: 'ONE_OF_LIST', values: [{ userEnteredValue: 'LSA' }] }, strict: true },
            },
          },
          {
            addConditionalFormatRule: {
              index: 0,
              rule: { ranges: [{ sheetId: 77 }], booleanRule: { condition: { type: 'BLANK' }, format: {} } },
            },
          },
          { addProtectedRange: { protectedRange: { range: { sheetId: 77 }, description: 'Append only', warningOnly: true } } },
          {
            createDeveloperMetadata: {
              developerMetadata: { metadataKey: 'caseload:tab', metadataValue: 'staff', location: { sheetId: 77 }, visibility: 'DOCUMENT' },
            },
          },
          { updateSheetProperties: { properties: { sheetId: 77, index: 0 }, fields: 'index' } },
          {
            repeatCell: {
              range: { sheetId: 77, endRowIndex: 1 },
              cell: { userEnteredFormat: { textFormat: { bold: true } } },
              fields: 'userEnteredFormat.textFormat.bold',
            },
          },
        ],
      },
    });
    const replies = res.data.replies ?? [];
    expect(replies).toHaveLength(9);
    expect(replies[0]?.addSheet?.properties).toMatchObject({ sheetId: 77, title: 'Staff', gridProperties: { frozenRowCount: 1 } });
    expect(replies[5]?.addProtectedRange?.protectedRange?.protectedRangeId).toEqual(expect.any(Number));
    expect(replies[6]?.createDeveloperMetadata?.developerMetadata?.metadataValue).toBe('staff');
    const values = await sheets.spreadsheets.values.get({
      spreadsheetId: SHEET_ID,
      range: 'Staff',
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    expect(values.data.values).toEqual([
      ['Staff ID', '=not a formula'],
      ['S1', 32.5],
    ]);
    const after = await sheets.spreadsheets.get({ spreadsheetId: SHEET_ID });
    expect(after.data.sheets?.map((s) => s.properties?.title)).toEqual(['Staff', 'Pupils', 'Log', 'Key stage 2']);
    expect(after.data.sheets?.[0]?.protectedRanges?.[0]?.description).toBe('Append only');
    const staff = server.state.spreadsheets.get(SHEET_ID)!.sheets.find((s) => s.title === 'Staff')!;
    expect(staff.dataValidations).toHaveLength(1);
    expect(staff.conditionalFormats).toHaveLength(1);
  });

  it('is atomic: one bad request and nothing is applied', async () => {
    const sheets = sheetsClient(server);
    const failure = await gaxiosFailure(
      sheets.spreadsheets.batchUpdate({
        spreadsheetId: SHEET_ID,
        requestBody: { requests: [{ addSheet: { properties: { title: 'Training' } } }, { addSheet: { properties: { title: 'pupils' } } }] },
      }),
    );
    expect(failure.status).toBe(400);
    expect(failure.error?.message).toBe(
      'Invalid requests[1].addSheet: A sheet with the name "pupils" already exists. Please enter another name.',
    );
    const after = await sheets.spreadsheets.get({ spreadsheetId: SHEET_ID });
    expect(after.data.sheets?.map((s) => s.properties?.title)).toEqual(['Pupils', 'Log', 'Key stage 2']);
  });

  it('deleteDimension ROWS: startIndex inclusive, endIndex exclusive (0-based), rows below shift up, several requests in order', async () => {
    const sheets = sheetsClient(server);
    const meta = await sheets.spreadsheets.get({ spreadsheetId: SHEET_ID });
    const logId = meta.data.sheets?.find((x) => x.properties?.title === 'Log')?.properties?.sheetId;
    await sheets.spreadsheets.values.append({
      spreadsheetId: SHEET_ID,
      range: 'Log',
      valueInputOption: 'RAW',
      insertDataOption: 'INSERT_ROWS',
      requestBody: { values: ['a', 'b', 'c', 'd', 'e', 'f'].map((x) => [x, `${x}-time`]) },
    });
    const rowCount = server.state.spreadsheets.get(SHEET_ID)!.sheets.find((x) => x.title === 'Log')!.rowCount;
    // Rows 1-based: 1 header, 2 a, 3 b, 4 c, 5 d, 6 e, 7 f. Delete f (index 6), then c and d (indices 3–4), bottom-up.
    await sheets.spreadsheets.batchUpdate({
      spreadsheetId: SHEET_ID,
      requestBody: {
        requests: [
          { deleteDimension: { range: { sheetId: logId!, dimension: 'ROWS', startIndex: 6, endIndex: 7 } } },
          { deleteDimension: { range: { sheetId: logId!, dimension: 'ROWS', startIndex: 3, endIndex: 5 } } },
        ],
      },
    });
    const values = await sheets.spreadsheets.values.get({ spreadsheetId: SHEET_ID, range: 'Log!A:B' });
    expect(values.data.values?.map((r) => r[0])).toEqual(['Log ID', 'a', 'b', 'e']);
    expect(values.data.values?.[3]).toEqual(['e', 'e-time']);
    const after = await sheets.spreadsheets.get({ spreadsheetId: SHEET_ID });
    expect(after.data.sheets?.find((x) => x.properties?.sheetId === logId)?.properties?.gridProperties?.rowCount).toBe(rowCount - 3);
    // An append after deleting goes right below the last row left.
    const appended = await sheets.spreadsheets.values.append({
      spreadsheetId: SHEET_ID,
      range: 'Log',
      valueInputOption: 'RAW',
      insertDataOption: 'INSERT_ROWS',
      requestBody: { values: [['g']] },
    });
    expect(appended.data.updates?.updatedRange).toBe('Log!A5');
  });

  it('deleteDimension COLUMNS shifts cells left; bad ranges are refused and nothing is applied', async () => {
    const sheets = sheetsClient(server);
    const meta = await sheets.spreadsheets.get({ spreadsheetId: SHEET_ID });
    const ks2 = meta.data.sheets?.find((x) => x.properties?.title === 'Key stage 2')?.properties?.sheetId;
    await sheets.spreadsheets.batchUpdate({
      spreadsheetId: SHEET_ID,
      requestBody: { requests: [{ deleteDimension: { range: { sheetId: ks2!, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 } } }] },
    });
    const values = await sheets.spreadsheets.values.get({
      spreadsheetId: SHEET_ID,
      range: "'Key stage 2'!A1:B2",
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    expect(values.data.values).toEqual([
      ['b', 'c'],
      [2, 3],
    ]);
    for (const range of [
      { sheetId: ks2!, dimension: 'ROWS', startIndex: 2, endIndex: 2 },
      { sheetId: ks2!, dimension: 'ROWS', startIndex: 0, endIndex: 5000 },
      { sheetId: ks2!, dimension: 'ROWS', startIndex: 0 },
      { sheetId: 4242, dimension: 'ROWS', startIndex: 1, endIndex: 2 },
    ]) {
      const failure = await gaxiosFailure(
        sheets.spreadsheets.batchUpdate({
          spreadsheetId: SHEET_ID,
          requestBody: {
            requests: [
              { deleteDimension: { range: { sheetId: ks2!, dimension: 'ROWS', startIndex: 1, endIndex: 2 } } },
              { deleteDimension: { range } },
            ],
          },
        }),
      );
      expect(failure.status, JSON.stringify(range)).toBe(400);
      expect(failure.error?.message).toMatch(/^Invalid requests\[1\]\.deleteDimension: /);
    }
    const still = await sheets.spreadsheets.values.get({
      spreadsheetId: SHEET_ID,
      range: "'Key stage 2'!A2:B2",
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    expect(still.data.values).toEqual([[2, 3]]);
  });

  it('refuses unknown request kinds', async () => {
    const failure = await gaxiosFailure(
      sheetsClient(server).spreadsheets.batchUpdate({ spreadsheetId: SHEET_ID, requestBody: { requests: [{ frobnicate: {} } as never] } }),
    );
    expect(failure.status).toBe(400);
  });
});

describe('developerMetadata', () => {
  it('search finds metadata by key and value; get finds it by id', async () => {
    const sheets = sheetsClient(server);
    const res = await sheets.spreadsheets.developerMetadata.search({
      spreadsheetId: SHEET_ID,
      requestBody: { dataFilters: [{ developerMetadataLookup: { metadataKey: 'caseload:tab' } }] },
    });
    const found = res.data.matchedDeveloperMetadata ?? [];
    expect(found.map((m) => m.developerMetadata?.metadataValue).sort()).toEqual(['log', 'pupils']);
    const one = await sheets.spreadsheets.developerMetadata.search({
      spreadsheetId: SHEET_ID,
      requestBody: { dataFilters: [{ developerMetadataLookup: { metadataKey: 'caseload:tab', metadataValue: 'log' } }] },
    });
    expect(one.data.matchedDeveloperMetadata).toHaveLength(1);
    const id = one.data.matchedDeveloperMetadata![0]!.developerMetadata!.metadataId!;
    const got = await sheets.spreadsheets.developerMetadata.get({ spreadsheetId: SHEET_ID, metadataId: id });
    expect(got.data.metadataValue).toBe('log');
    const none = await sheets.spreadsheets.developerMetadata.search({
      spreadsheetId: SHEET_ID,
      requestBody: { dataFilters: [{ developerMetadataLookup: { metadataKey: 'other' } }] },
    });
    expect(none.data.matchedDeveloperMetadata).toBeUndefined();
  });
});

describe('Workbook round trip', () => {
  it('gives back what it was loaded with, plus what was written', async () => {
    await sheetsClient(server).spreadsheets.values.append({
      spreadsheetId: SHEET_ID,
      range: 'Log',
      valueInputOption: 'RAW',
      requestBody: { values: [['L1', 'now', 'P1']] },
    });
    const wb = server.workbook(SHEET_ID);
    const original = smallTracker();
    expect(wb.sheets.map((s) => s.name)).toEqual(original.sheets.map((s) => s.name));
    expect(wb.sheets[0]).toEqual(original.sheets[0]);
    expect(wb.sheets[1]!.values).toEqual([...original.sheets[1]!.values, ['L1', 'now', 'P1']]);
    expect(wb.sheets[2]!.values[2]).toEqual([new Date(Date.UTC(2026, 10, 23)), true, null, 'x']);
  });
});

describe('.xlsx load and save through cli/xlsx', () => {
  it('saves what was appended through the API and loads it back, metadata included', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sheets-server-')), 'tracker.xlsx');
    await sheetsClient(server).spreadsheets.values.append({
      spreadsheetId: SHEET_ID,
      range: 'Log',
      valueInputOption: 'RAW',
      requestBody: { values: [['L1', '2026-11-23T10:15:00+00:00', 'P1', '', 'Note', '', '', 5, '', '=not run', '']] },
    });
    await saveXlsxFrom(server, SHEET_ID, path);
    await loadXlsxInto(server, 'copy', path);
    const copy = server.workbook('copy');
    const log = copy.sheets.find((s) => s.name === 'Log')!;
    expect(log.values[1]).toEqual(['L1', '2026-11-23T10:15:00+00:00', 'P1', null, 'Note', null, null, 5, null, '=not run']);
    expect(log.metadata).toEqual({ 'caseload:tab': 'log' });
    expect(copy.sheets.find((s) => s.name === 'Pupils')!.values).toEqual(smallTracker().sheets[0]!.values);
  });
});
