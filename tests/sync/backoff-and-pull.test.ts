// Backoff arithmetic, and pulling the caseload in one batchGet.
import { afterEach, describe, expect, it } from 'vitest';
import { startSheetsServer, type SheetsServer } from '../../sheets-server';
import { backoffDelay, MAX_BACKOFF_MS, parseRetryAfter, pullCaseload } from '../../shared/sync';
import { fetchSheets, SHEET, trackerWorkbook } from './support';

describe('backoffDelay', () => {
  it('doubles from one second, adds up to a second of jitter, and stops at 64 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, () => 0))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 64000, 64000]);
    expect(backoffDelay(2, () => 0.999)).toBe(4999);
    expect(backoffDelay(10, () => 0.999)).toBe(MAX_BACKOFF_MS);
  });

  it('never retries sooner than Retry-After', () => {
    expect(backoffDelay(0, () => 0, 30_000)).toBe(30_000);
    expect(backoffDelay(3, () => 0, 500)).toBe(8000);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('7', 0)).toBe(7000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:30 GMT', Date.UTC(2026, 10, 23, 10, 0, 0))).toBe(30_000);
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
});

describe('pullCaseload', () => {
  let server: SheetsServer;
  afterEach(async () => server?.close());

  it('reads pupils, targets, staff and rota with one spreadsheets.get and one values.batchGet', async () => {
    server = await startSheetsServer({ workbooks: { [SHEET]: trackerWorkbook() } });
    const pulled = await pullCaseload(fetchSheets(server));
    expect(pulled.pupils.map((p) => p.id)).toEqual(['P1', 'P2', 'P3']);
    expect(pulled.targets.map((t) => [t.id, t.pupilId, t.status])).toEqual([
      ['T1', 'P1', 'Developing'],
      ['T2', 'P2', 'Developing'],
      ['T3', 'P3', 'Developing'],
    ]);
    expect(pulled.staff[0]).toMatchObject({ id: 'S1', name: 'Sam Lee', contractHours: 30 });
    expect(pulled.settings.timezone).toBe('Europe/London');
    expect(pulled.findings).toEqual([]);
    expect(server.requests.map((r) => r.operation)).toEqual(['spreadsheets.get', 'values.batchGet']);
    const ranges = server.requests[1]!.query['ranges'];
    expect(ranges).not.toContain('Log');
    expect(ranges).toContain('Pupils');
  });

  it('reports problems in the tabs it read, naming cells, and missing tabs it needed', async () => {
    const wb = trackerWorkbook();
    wb.sheets = wb.sheets.filter((s) => s.name !== 'Rota');
    wb.sheets.find((s) => s.name === 'Pupils')!.values.push(['P9', '', 'Nolast', '17']);
    server = await startSheetsServer({ workbooks: { [SHEET]: wb } });
    const pulled = await pullCaseload(fetchSheets(server));
    const codes = pulled.findings.map((f) => `${f.code} ${f.cell}`);
    expect(codes).toContain('HEADER_MISSING Rota!A1');
    expect(codes.some((c) => c.startsWith('DATA_MISSING_REQUIRED Pupils!B5'))).toBe(true);
    expect(codes.some((c) => c.includes('Log!'))).toBe(false);
  });

  it('keeps dates as dates when the sheet holds real date cells', async () => {
    const wb = trackerWorkbook();
    const targets = wb.sheets.find((s) => s.name === 'Targets')!;
    const header = targets.values[0]!.map(String);
    const row = targets.values[1]!;
    row[header.indexOf('Review by')] = new Date(Date.UTC(2027, 1, 12));
    server = await startSheetsServer({ workbooks: { [SHEET]: wb } });
    const pulled = await pullCaseload(fetchSheets(server));
    expect(pulled.targets[0]!.reviewBy).toBe('2027-02-12');
  });
});
