// Authentication, permission and injected faults, seen by the real googleapis client and by plain fetch.
import { generateKeyPairSync } from 'node:crypto';
import { google } from 'googleapis';
import { afterEach, describe, expect, it } from 'vitest';
import { startSheetsServer, type SheetsServer, type SheetsServerOptions } from '../../sheets-server';
import { call, gaxiosFailure, SHEET_ID, sheetsClient, smallTracker } from './support';

let server: SheetsServer;
async function start(options: SheetsServerOptions = {}) {
  server = await startSheetsServer({ workbooks: { [SHEET_ID]: smallTracker() }, ...options });
  return server;
}
afterEach(async () => server?.close());

const appendOne = (id = 'L1', token?: string) =>
  call(server, `/v4/spreadsheets/${SHEET_ID}/values/Log!A%3AK:append?valueInputOption=RAW&insertDataOption=INSERT_ROWS`, {
    method: 'POST',
    body: JSON.stringify({ values: [[id]] }),
    ...(token ? { token } : {}),
  });
const logIds = () =>
  server
    .workbook(SHEET_ID)
    .sheets[1]!.values.slice(1)
    .map((r) => r[0]);

describe('authentication', () => {
  it('answers 401 UNAUTHENTICATED without a token or with an unknown one', async () => {
    await start();
    const none = await call(server, `/v4/spreadsheets/${SHEET_ID}`, { token: null });
    expect(none.status).toBe(401);
    expect(none.body?.error.status).toBe('UNAUTHENTICATED');
    const failure = await gaxiosFailure(sheetsClient(server, 'wrong').spreadsheets.get({ spreadsheetId: SHEET_ID }));
    expect(failure.status).toBe(401);
    expect(failure.error?.status).toBe('UNAUTHENTICATED');
  });

  it('refuses a token once it has expired on the server clock', async () => {
    let clock = 1_000_000;
    await start({ tokens: [{ token: 'short', expiresAt: 1_000_500 }], now: () => clock });
    expect((await call(server, `/v4/spreadsheets/${SHEET_ID}`, { token: 'short' })).status).toBe(200);
    clock = 1_000_500;
    expect((await call(server, `/v4/spreadsheets/${SHEET_ID}`, { token: 'short' })).status).toBe(401);
  });

  it('accepts a service account’s self-signed JWT from googleapis, and not one signed by another key', async () => {
    const account = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const impostor = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const email = 'caseload@school.iam.gserviceaccount.com';
    await start({
      tokens: [],
      serviceAccounts: [{ email, publicKey: account.publicKey.export({ type: 'spki', format: 'pem' }).toString() }],
    });
    const client = (key: typeof account) => {
      const auth = new google.auth.JWT({
        email,
        key: key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        scopes: ['https://www.googleapis.com/auth/spreadsheets'],
      });
      // Sign our own JWT instead of exchanging it at Google's token endpoint (the constructor does not take this).
      auth.useJWTAccessWithScope = true;
      return google.sheets({ version: 'v4', rootUrl: `${server.url}/`, auth });
    };
    const ok = await client(account).spreadsheets.get({ spreadsheetId: SHEET_ID });
    expect(ok.status).toBe(200);
    const failure = await gaxiosFailure(client(impostor).spreadsheets.get({ spreadsheetId: SHEET_ID }));
    expect(failure.status).toBe(401);
  });
});

describe('read-only spreadsheets', () => {
  it('lets the caller read but answers writes with 403 PERMISSION_DENIED', async () => {
    await start({ readOnly: [SHEET_ID] });
    expect((await call(server, `/v4/spreadsheets/${SHEET_ID}/values/Log`)).status).toBe(200);
    const res = await appendOne();
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } });
    server.setReadOnly(SHEET_ID, false);
    expect((await appendOne()).status).toBe(200);
  });
});

describe('faults', () => {
  it('N × 429 with Retry-After on the named operation, then normal service', async () => {
    await start({ faults: { tooManyRequests: { count: 2, retryAfterSeconds: 7, on: ['values.append'] } } });
    expect((await call(server, `/v4/spreadsheets/${SHEET_ID}`)).status).toBe(200);
    const first = await appendOne();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(first.body?.error.status).toBe('RESOURCE_EXHAUSTED');
    expect((await appendOne()).status).toBe(429);
    expect((await appendOne()).status).toBe(200);
    expect(logIds()).toEqual(['L1']);
  });

  it('500 and 503 apply nothing', async () => {
    await start({ faults: { serverError: { count: 1, status: 503 } } });
    const res = await appendOne();
    expect(res.status).toBe(503);
    expect(res.body?.error.status).toBe('UNAVAILABLE');
    server.setFaults({ serverError: { count: 1 } });
    expect((await appendOne()).status).toBe(500);
    expect(logIds()).toEqual([]);
  });

  it('401 on demand, as if the token had just expired', async () => {
    await start({ faults: { unauthorised: { count: 1 } } });
    expect((await appendOne()).status).toBe(401);
    expect((await appendOne()).status).toBe(200);
  });

  it('drop after write: the append is applied but the client gets no answer', async () => {
    await start({ faults: { dropAfterWrite: { count: 1, on: ['values.append'] } } });
    await expect(appendOne('L1')).rejects.toThrow(/fetch failed/);
    expect(logIds()).toEqual(['L1']);
    expect(server.requests.at(-1)?.dropped).toBe('after-write');
    server.setFaults({ dropAfterWrite: { count: 1 } });
    const failure = await gaxiosFailure(
      sheetsClient(server).spreadsheets.values.append({
        spreadsheetId: SHEET_ID,
        range: 'Log',
        valueInputOption: 'RAW',
        requestBody: { values: [['L2']] },
      }),
    );
    expect(failure.status).toBeUndefined();
    expect(logIds()).toEqual(['L1', 'L2']);
  });

  it('drop before handling: nothing is applied', async () => {
    await start({ faults: { dropBeforeHandling: { count: 1 } } });
    await expect(appendOne('L1')).rejects.toThrow(/fetch failed/);
    expect(logIds()).toEqual([]);
  });

  it('per-minute-per-user quota: 429 RESOURCE_EXHAUSTED past the limit, reset the next minute, users apart', async () => {
    let clock = 60_000 * 100;
    await start({
      tokens: [
        { token: 'a', user: 'ann' },
        { token: 'b', user: 'bob' },
      ],
      now: () => clock,
      faults: { quota: { writesPerMinutePerUser: 2 } },
    });
    expect((await appendOne('1', 'a')).status).toBe(200);
    expect((await appendOne('2', 'a')).status).toBe(200);
    const over = await appendOne('3', 'a');
    expect(over.status).toBe(429);
    expect(over.body?.error.message).toContain("'Write requests per minute per user'");
    expect((await appendOne('4', 'b')).status).toBe(200);
    expect((await call(server, `/v4/spreadsheets/${SHEET_ID}`, { token: 'a' })).status).toBe(200);
    clock += 60_000;
    expect((await appendOne('5', 'a')).status).toBe(200);
    expect(logIds()).toEqual(['1', '2', '4', '5']);
  });

  it('latency delays every response by at least the configured time', async () => {
    await start({ faults: { latencyMs: 60 } });
    const t0 = performance.now();
    expect((await call(server, `/v4/spreadsheets/${SHEET_ID}`)).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(55);
  });

  it('records every request with method, path, query and body', async () => {
    await start();
    await appendOne('L7');
    expect(server.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: `/v4/spreadsheets/${SHEET_ID}/values/Log!A%3AK:append`,
        query: { valueInputOption: ['RAW'], insertDataOption: ['INSERT_ROWS'] },
        body: { values: [['L7']] },
        operation: 'values.append',
        status: 200,
      }),
    ]);
  });

  it('unknown paths get 404', async () => {
    await start();
    expect((await call(server, '/v4/nothing')).status).toBe(404);
  });
});
