// Google sign-in both ways. getAuthToken is played by a stand-in (it needs a Chrome profile signed in to
// Google); the launchWebAuthFlow fallback is exercised for real against the local server's OAuth authorisation
// endpoint over HTTP: the stand-in browser window follows Google's 302 exactly as Chrome does, stopping at the
// extension's chromiumapp.org redirect. The account's email then comes from the local tokeninfo endpoint.
import { afterEach, describe, expect, it } from 'vitest';
import { SCOPE, startSheetsServer, type SheetsServer } from '../../sheets-server';
import { staffForEmail } from '../../shared/sync';
import { tokenInfo } from '../../extension/sync/account';
import { ChromeIdentityTokens, getAuthTokenUnavailable, type IdentityApi } from '../../extension/sync/identity';
import { KEYS, memoryArea } from '../../extension/sync/kv';
import { oauthEndpoints, SCOPE_URLS } from '../../extension/sync/settings';
import { SHEET, trackerWorkbook } from './support';

const LSA = 'g.adeyemi@kestrellane.example';
const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/oauth2';
let server: SheetsServer;
afterEach(async () => server?.close());

/** chrome.identity in a browser without Chrome's Google account service (Edge) or a profile not signed in:
 * getAuthToken fails as given; launchWebAuthFlow opens the URL and returns where it redirected. */
function browserIdentity(getAuthTokenError: string | undefined): IdentityApi & { webUrls: string[]; authCalls: number } {
  const api = {
    webUrls: [] as string[],
    authCalls: 0,
    getRedirectURL: (path?: string) => `https://abcdefghijklmnop.chromiumapp.org/${path ?? ''}`,
    async launchWebAuthFlow(d: { url: string; interactive: boolean }) {
      api.webUrls.push(d.url);
      const res = await fetch(d.url, { redirect: 'manual' });
      const location = res.headers.get('location');
      if (res.status !== 302 || !location?.startsWith(REDIRECT)) throw new Error(`Authorization page could not be loaded (${res.status})`);
      return location;
    },
    ...(getAuthTokenError === undefined
      ? {}
      : {
          async getAuthToken(): Promise<{ token?: string }> {
            api.authCalls += 1;
            throw new Error(getAuthTokenError);
          },
        }),
  };
  return api;
}

async function start() {
  server = await startSheetsServer({
    workbooks: { [SHEET]: trackerWorkbook() },
    sharing: { [SHEET]: { owner: 'p.raman@kestrellane.example', editors: [LSA] } },
    oauth: { users: [LSA], clientIds: ['cid.apps.googleusercontent.com'] },
  });
  return oauthEndpoints({ apiRoot: `${server.url}/` });
}

describe('launchWebAuthFlow fallback, against the local authorisation endpoint', () => {
  for (const [browser, error] of [
    ['Chrome with no Google account signed in', 'The user is not signed in.'],
    ['Microsoft Edge', 'This API is not supported on Microsoft Edge.'],
  ] as const) {
    it(`${browser}: switches to the web flow without asking, gets a working token, and remembers the route`, async () => {
      const { authUrl, tokenInfoUrl } = await start();
      const identity = browserIdentity(error);
      const session = memoryArea();
      const tokens = new ChromeIdentityTokens(identity, {
        scopeUrl: SCOPE_URLS.spreadsheets,
        clientId: 'cid.apps.googleusercontent.com',
        session,
        authUrl: authUrl!,
      });
      const token = await tokens.getToken({ interactive: false });
      const asked = new URL(identity.webUrls[0]!);
      expect(asked.searchParams.get('redirect_uri')).toBe(REDIRECT);
      expect(asked.searchParams.get('scope')).toBe(`${SCOPE.spreadsheets} ${SCOPE.email}`);
      expect(server.issuedTokens.map((t) => t.token)).toEqual([token]);
      // The token reads the Sheet shared with the LSA, and tokeninfo names the account.
      const read = await fetch(`${server.url}/v4/spreadsheets/${SHEET}/values/Log`, { headers: { authorization: `Bearer ${token}` } });
      expect(read.status).toBe(200);
      expect((await tokenInfo(token, tokenInfoUrl))?.email).toBe(LSA);
      // Remembered: the next call neither asks getAuthToken again nor opens another window (cached token).
      expect(await session.get(KEYS.webAuthMode)).toBe(true);
      expect(await tokens.getToken({ interactive: false })).toBe(token);
      expect(identity.authCalls).toBe(1);
      expect(identity.webUrls).toHaveLength(1);
    });
  }

  it('a wrong client id or a tampered answer is refused, never taken as a token', async () => {
    const { authUrl } = await start();
    const wrongClient = new ChromeIdentityTokens(browserIdentity('The user is not signed in.'), {
      scopeUrl: SCOPE_URLS.spreadsheets,
      clientId: 'other-client',
      session: memoryArea(),
      authUrl: authUrl!,
    });
    await expect(wrongClient.getToken({ interactive: true })).rejects.toThrow(/could not be loaded \(401\)/);
    const identity = browserIdentity('The user is not signed in.');
    const real = identity.launchWebAuthFlow.bind(identity);
    identity.launchWebAuthFlow = async (d) => (await real(d))!.replace(/state=[^&]+/, 'state=forged');
    const forged = new ChromeIdentityTokens(identity, {
      scopeUrl: SCOPE_URLS.spreadsheets,
      clientId: 'cid.apps.googleusercontent.com',
      session: memoryArea(),
      authUrl: authUrl!,
    });
    await expect(forged.getToken({ interactive: true })).rejects.toThrow('different request');
  });
});

describe('getAuthToken (Chrome signed in)', () => {
  it('is used when it works; a consent it may not ask for in the background is not a reason to switch routes', async () => {
    const session = memoryArea();
    const calls: string[] = [];
    let consent = false;
    const identity: IdentityApi = {
      getRedirectURL: () => REDIRECT,
      launchWebAuthFlow: async () => {
        calls.push('web');
        return undefined;
      },
      getAuthToken: async (d) => {
        calls.push(`auth ${d.interactive} ${d.scopes?.join(' ')}`);
        if (!consent && !d.interactive) throw new Error('OAuth2 not granted or revoked.');
        consent = true;
        return { token: 'chrome-token' };
      },
    };
    const tokens = new ChromeIdentityTokens(identity, { scopeUrl: SCOPE_URLS.spreadsheets, clientId: 'cid', session });
    await expect(tokens.getToken({ interactive: false })).rejects.toThrow('not granted');
    expect(await tokens.route()).toBe('chrome');
    expect(await tokens.getToken({ interactive: true })).toBe('chrome-token');
    expect(await tokens.getToken({ interactive: false })).toBe('chrome-token');
    expect(calls).toEqual([
      `auth false ${SCOPE.spreadsheets} ${SCOPE.email}`,
      `auth true ${SCOPE.spreadsheets} ${SCOPE.email}`,
      `auth false ${SCOPE.spreadsheets} ${SCOPE.email}`,
    ]);
  });

  it('tells "cannot work here" from "needs consent"', () => {
    expect(getAuthTokenUnavailable(new Error('The user is not signed in.'))).toBe(true);
    expect(getAuthTokenUnavailable(new Error('This API is not supported on Microsoft Edge.'))).toBe(true);
    expect(getAuthTokenUnavailable(new Error('OAuth2 not granted or revoked.'))).toBe(false);
    expect(getAuthTokenUnavailable(new Error('The user did not approve access.'))).toBe(false);
  });
});

describe('the account → Staff ID', () => {
  const staff = [
    { id: 'PRA', name: 'Priya Raman', role: 'SENCo' as const, email: 'p.raman@kestrellane.example' },
    { id: 'GAD', name: 'Grace Adeyemi', role: 'LSA' as const, email: 'G.Adeyemi@KestrelLane.example ' },
    { id: 'X1', name: 'Twin A', email: 'shared@kestrellane.example' },
    { id: 'X2', name: 'Twin B', email: 'shared@kestrellane.example' },
  ];
  it('matches the Staff tab’s Email case-insensitively, and says why when it cannot', () => {
    expect(staffForEmail(staff, LSA)).toMatchObject({ kind: 'matched', staff: { id: 'GAD' } });
    expect(staffForEmail(staff, 'new.lsa@kestrellane.example')).toEqual({
      kind: 'unmatched',
      email: 'new.lsa@kestrellane.example',
      reason:
        "Your Google account new.lsa@kestrellane.example is not in the Staff tab's Email column; choose who you are or ask your SENCo to add it",
    });
    expect(staffForEmail(staff, 'shared@kestrellane.example')).toMatchObject({
      kind: 'ambiguous',
      candidates: [{ id: 'X1' }, { id: 'X2' }],
    });
  });
});
