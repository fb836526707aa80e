// Google's access model on the local server, over real HTTP: accounts and scopes on tokens, owner/editors/viewers
// on spreadsheets, drive.file's per-app files, and the OAuth authorisation and tokeninfo endpoints.
import { afterEach, describe, expect, it } from 'vitest';
import { SCOPE, startSheetsServer, type SheetsServer } from '../../sheets-server';
import { call, gaxiosFailure, SHEET_ID, sheetsClient, smallTracker } from './support';

const SENCO = 'p.raman@kestrellane.example';
const LSA = 'g.adeyemi@kestrellane.example';
let server: SheetsServer;
afterEach(async () => server?.close());

async function start() {
  server = await startSheetsServer({
    workbooks: { [SHEET_ID]: smallTracker() },
    sharing: { [SHEET_ID]: { owner: SENCO } },
    tokens: [
      { token: 'senco', email: SENCO, scopes: [SCOPE.spreadsheets, 'email'] },
      { token: 'lsa', email: LSA, scopes: [SCOPE.spreadsheets, 'email'] },
      { token: 'lsa-file', email: LSA, scopes: [SCOPE.driveFile, 'email'] },
      { token: 'lsa-readonly-scope', email: LSA, scopes: [SCOPE.spreadsheetsReadonly] },
      { token: 'lsa-email-only', email: LSA, scopes: ['email'] },
    ],
  });
}

const read = (token: string) => call(server, `/v4/spreadsheets/${SHEET_ID}/values/Log`, { token });
const append = (token: string) =>
  call(server, `/v4/spreadsheets/${SHEET_ID}/values/Log!A%3AK:append?valueInputOption=RAW&insertDataOption=INSERT_ROWS`, {
    method: 'POST',
    body: JSON.stringify({ values: [['L1']] }),
    token,
  });
const DENIED = { error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } };

describe('sharing', () => {
  it('the owner reads and writes; an account the Sheet is not shared with gets 403 PERMISSION_DENIED on both', async () => {
    await start();
    expect((await read('senco')).status).toBe(200);
    expect((await append('senco')).status).toBe(200);
    const r = await read('lsa');
    expect(r.status).toBe(403);
    expect(r.body).toEqual(DENIED);
    expect((await append('lsa')).body).toEqual(DENIED);
  });

  it('shared as an editor: reads and writes; as a viewer: reads, and writes get 403; unshared again: nothing', async () => {
    await start();
    server.sharing.share(SHEET_ID, LSA.toUpperCase(), 'writer'); // Google compares addresses case-insensitively
    expect((await append('lsa')).status).toBe(200);
    server.sharing.share(SHEET_ID, LSA, 'reader');
    expect((await read('lsa')).status).toBe(200);
    expect((await append('lsa')).body).toEqual(DENIED);
    server.sharing.unshare(SHEET_ID, LSA);
    expect((await read('lsa')).status).toBe(403);
    // The owner cannot be unshared.
    server.sharing.unshare(SHEET_ID, SENCO);
    expect((await read('senco')).status).toBe(200);
  });

  it('an unknown spreadsheet is 404 NOT_FOUND, whoever asks', async () => {
    await start();
    const r = await call(server, '/v4/spreadsheets/no-such-sheet/values/Log', { token: 'lsa' });
    expect(r.status).toBe(404);
    expect(r.body?.error.status).toBe('NOT_FOUND');
  });

  it('through googleapis: the same 403 for an unshared account and a viewer’s write', async () => {
    await start();
    const f = await gaxiosFailure(sheetsClient(server, 'lsa').spreadsheets.get({ spreadsheetId: SHEET_ID }));
    expect(f).toEqual({ status: 403, error: DENIED.error });
    server.sharing.share(SHEET_ID, LSA, 'reader');
    expect((await sheetsClient(server, 'lsa').spreadsheets.get({ spreadsheetId: SHEET_ID })).status).toBe(200);
    const w = await gaxiosFailure(
      sheetsClient(server, 'lsa').spreadsheets.values.append({
        spreadsheetId: SHEET_ID,
        range: 'Log',
        valueInputOption: 'RAW',
        requestBody: { values: [['L2']] },
      }),
    );
    expect(w.status).toBe(403);
  });
});

describe('scopes', () => {
  it('a token without a Sheets scope gets 403 with ACCESS_TOKEN_SCOPE_INSUFFICIENT, even on a Sheet shared with the account', async () => {
    await start();
    server.sharing.share(SHEET_ID, LSA, 'writer');
    const r = await read('lsa-email-only');
    expect(r.status).toBe(403);
    expect(r.body?.error.message).toBe('Request had insufficient authentication scopes.');
    expect(r.body?.error.details[0]).toMatchObject({
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
    });
    // spreadsheets.readonly reads, and cannot write whatever the sharing says.
    expect((await read('lsa-readonly-scope')).status).toBe(200);
    expect((await append('lsa-readonly-scope')).body?.error.details[0].reason).toBe('ACCESS_TOKEN_SCOPE_INSUFFICIENT');
  });

  it('drive.file: a Sheet shared with the account is still refused until it is opened with the app', async () => {
    await start();
    server.sharing.share(SHEET_ID, LSA, 'writer');
    expect((await read('lsa-file')).body).toEqual(DENIED);
    server.sharing.openWithApp(SHEET_ID, LSA);
    expect((await read('lsa-file')).status).toBe(200);
    expect((await append('lsa-file')).status).toBe(200);
    // Opened with the app but no longer shared: Drive's sharing still decides.
    server.sharing.unshare(SHEET_ID, LSA);
    expect((await read('lsa-file')).status).toBe(403);
  });
});

describe('OAuth endpoints', () => {
  it('tokeninfo names the account only for a token with the email scope, and refuses an unknown token', async () => {
    await start();
    const withEmail = await call(server, '/tokeninfo?access_token=lsa', { token: null });
    expect(withEmail.status).toBe(200);
    expect(withEmail.body).toMatchObject({ email: LSA, email_verified: 'true' });
    expect(withEmail.body?.scope.split(' ')).toEqual([SCOPE.spreadsheets, SCOPE.email]);
    const without = await call(server, '/tokeninfo?access_token=lsa-readonly-scope', { token: null });
    expect(without.body?.email).toBeUndefined();
    const bad = await call(server, '/tokeninfo?access_token=nope', { token: null });
    expect(bad).toMatchObject({ status: 400, body: { error: 'invalid_token' } });
  });

  it('the authorisation endpoint redirects to the extension with a token for the signed-in account, carrying state back', async () => {
    server = await startSheetsServer({
      workbooks: { [SHEET_ID]: smallTracker() },
      sharing: { [SHEET_ID]: { owner: SENCO, editors: [LSA] } },
      oauth: { users: [LSA] },
    });
    const q = new URLSearchParams({
      client_id: 'cid.apps.googleusercontent.com',
      response_type: 'token',
      redirect_uri: 'https://abcdefgh.chromiumapp.org/oauth2',
      scope: `${SCOPE.spreadsheets} ${SCOPE.email}`,
      state: 's1',
    });
    const res = await fetch(`${server.url}/o/oauth2/v2/auth?${q}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin + to.pathname).toBe('https://abcdefgh.chromiumapp.org/oauth2');
    const f = new URLSearchParams(to.hash.slice(1));
    expect(f.get('state')).toBe('s1');
    expect(f.get('token_type')).toBe('Bearer');
    expect((await read(f.get('access_token')!)).status).toBe(200);
    expect((await call(server, `/tokeninfo?access_token=${f.get('access_token')}`, { token: null })).body?.email).toBe(LSA);
    // Google's own refusals: a redirect that is not the extension's, and no client id.
    q.set('redirect_uri', 'https://evil.example/cb');
    expect((await fetch(`${server.url}/o/oauth2/v2/auth?${q}`, { redirect: 'manual' })).status).toBe(400);
    q.set('redirect_uri', 'https://abcdefgh.chromiumapp.org/oauth2');
    q.delete('client_id');
    expect((await fetch(`${server.url}/o/oauth2/v2/auth?${q}`, { redirect: 'manual' })).status).toBe(401);
  });
});
