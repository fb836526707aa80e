// Token providers and sync settings. chrome.identity cannot run in Node, so its small surface is played by a
// scripted stand-in that records what Caseload asked of it.
import { describe, expect, it } from 'vitest';
import { ChromeIdentityTokens, FixedToken, type IdentityApi } from '../../extension/sync/identity';
import { KEYS, memoryArea } from '../../extension/sync/kv';
import {
  DEFAULT_SYNC_SETTINGS,
  isGoogleRoot,
  readLocalSettings,
  resolveSettings,
  saveSyncSettings,
  SCOPE_URLS,
  sheetIdFrom,
} from '../../extension/sync/settings';
import { KvJournal } from '../../extension/sync/journal';

function identity(script: Partial<IdentityApi> = {}): IdentityApi & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    getRedirectURL: (p) => `https://abcdefgh.chromiumapp.org/${p ?? ''}`,
    launchWebAuthFlow: async (d) => {
      calls.push(`web ${d.interactive} ${d.url}`);
      const state = new URL(d.url).searchParams.get('state');
      return `https://abcdefgh.chromiumapp.org/oauth2#access_token=web-token&token_type=Bearer&expires_in=3600&state=${state}`;
    },
    ...script,
  };
}

describe('ChromeIdentityTokens', () => {
  it('uses getAuthToken with the chosen scope, and removes a rejected token from Chrome’s cache', async () => {
    const removed: string[] = [];
    const id = identity({
      getAuthToken: async (d) => {
        id.calls.push(`auth ${d.interactive} ${d.scopes?.join(' ')}`);
        return { token: 'chrome-token' };
      },
      removeCachedAuthToken: async (d) => void removed.push(d.token),
    });
    const tokens = new ChromeIdentityTokens(id, { scopeUrl: SCOPE_URLS['drive.file'], clientId: 'cid', session: memoryArea() });
    expect(await tokens.getToken({ interactive: false })).toBe('chrome-token');
    expect(id.calls).toEqual(['auth false https://www.googleapis.com/auth/drive.file https://www.googleapis.com/auth/userinfo.email']);
    await tokens.invalidate('chrome-token');
    expect(removed).toEqual(['chrome-token']);
  });

  it('does not open a sign-in window in the background when Chrome has no token', async () => {
    const id = identity({ getAuthToken: async () => Promise.reject(new Error('OAuth2 not granted or revoked.')) });
    const tokens = new ChromeIdentityTokens(id, { scopeUrl: SCOPE_URLS.spreadsheets, clientId: 'cid', session: memoryArea() });
    await expect(tokens.getToken({ interactive: false })).rejects.toThrow('not granted');
    expect(id.calls).toEqual([]);
  });

  it('falls back to launchWebAuthFlow, caches the token until near expiry, and forgets it when rejected', async () => {
    let now = 1_000_000;
    const id = identity();
    const session = memoryArea();
    const tokens = new ChromeIdentityTokens(id, {
      scopeUrl: SCOPE_URLS['drive.file'],
      clientId: 'my-client.apps.googleusercontent.com',
      session,
      now: () => now,
    });
    expect(await tokens.getToken({ interactive: true })).toBe('web-token');
    const url = new URL(id.calls[0]!.split(' ')[2]!);
    expect(url.origin + url.pathname).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(url.searchParams.get('client_id')).toBe('my-client.apps.googleusercontent.com');
    expect(url.searchParams.get('response_type')).toBe('token');
    expect(url.searchParams.get('scope')).toBe('https://www.googleapis.com/auth/drive.file https://www.googleapis.com/auth/userinfo.email');
    expect(url.searchParams.get('redirect_uri')).toBe('https://abcdefgh.chromiumapp.org/oauth2');
    await tokens.getToken({ interactive: false });
    expect(id.calls).toHaveLength(1);
    now += 3600_000 - 30_000;
    await tokens.getToken({ interactive: false });
    expect(id.calls).toHaveLength(2);
    await tokens.invalidate('web-token');
    expect(await session.get(KEYS.webAuthToken)).toBeUndefined();
  });

  it('FixedToken stops handing out a token once it was rejected', async () => {
    const t = new FixedToken('demo');
    expect(await t.getToken()).toBe('demo');
    await t.invalidate('demo');
    await expect(t.getToken()).rejects.toThrow();
  });
});

describe('sync settings', () => {
  it('takes a sheet id or a full Sheets URL', () => {
    expect(sheetIdFrom('https://docs.google.com/spreadsheets/d/1AbC-def_GHIjkl/edit#gid=0')).toBe('1AbC-def_GHIjkl');
    expect(sheetIdFrom(' 1AbC-def_GHIjkl ')).toBe('1AbC-def_GHIjkl');
    expect(sheetIdFrom('not a sheet')).toBeUndefined();
  });

  it('defaults to the spreadsheets scope and Google, and lets the school’s managed config win', async () => {
    const kv = memoryArea();
    expect(resolveSettings(await readLocalSettings(kv), undefined)).toEqual(DEFAULT_SYNC_SETTINGS);
    expect(DEFAULT_SYNC_SETTINGS.scope).toBe('spreadsheets');
    await saveSyncSettings(kv, {
      sheetId: 'https://docs.google.com/spreadsheets/d/mine123456/edit',
      scope: 'drive.file',
      pullEveryMinutes: 5,
    });
    expect(resolveSettings(await readLocalSettings(kv), undefined)).toMatchObject({
      sheetId: 'mine123456',
      scope: 'drive.file',
      pullEveryMinutes: 5,
    });
    expect(resolveSettings(await readLocalSettings(kv), { trackerSheetId: 'school7890123', scope: 'spreadsheets' })).toMatchObject({
      sheetId: 'school7890123',
      scope: 'spreadsheets',
    });
  });

  it('knows Google’s API root from a local one', () => {
    expect(isGoogleRoot('https://sheets.googleapis.com/')).toBe(true);
    expect(isGoogleRoot('http://127.0.0.1:8787/')).toBe(false);
  });

  it('the journal keeps ids in flight and clears to nothing', async () => {
    const kv = memoryArea();
    const j = new KvJournal(kv);
    expect(await j.inFlight()).toEqual([]);
    await j.setInFlight(['a', 'b']);
    expect(await new KvJournal(kv).inFlight()).toEqual(['a', 'b']);
    await j.setInFlight([]);
    expect(kv.data.has(KEYS.inFlight)).toBe(false);
  });
});
