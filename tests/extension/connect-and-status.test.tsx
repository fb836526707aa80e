// @vitest-environment happy-dom
// Options › "Connect the tracker Sheet" against the real local Sheets server (FetchSheets over HTTP, settings in a
// key/value area like chrome.storage.local), and the popup's sync status from the real router and store.
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../extension/background/router';
import type { Request } from '../../extension/messages';
import { ConnectSection, connectApi } from '../../extension/entrypoints/options/connect';
import { Popup } from '../../extension/entrypoints/popup/Popup';
import { openCaseloadDb } from '../../extension/store/db';
import { replaceCaseload } from '../../extension/store/caseload';
import { IdbLogStore } from '../../extension/store/logs';
import { recordSyncResult } from '../../extension/store/sync-state';
import type { ConnectionEnv } from '../../extension/sync/connection';
import type { IdentityApi } from '../../extension/sync/identity';
import { KEYS, memoryArea } from '../../extension/sync/kv';
import type { ManagedConfig } from '../../extension/sync/settings';
import { startSheetsServer, type SheetsServer } from '../../sheets-server';
import { STUCK } from '../../shared/sync';
import { makeLog, SHEET, trackerWorkbook } from '../sync/support';
import { until } from './until';

let server: SheetsServer | undefined;
afterEach(async () => {
  document.body.innerHTML = '';
  await server?.close();
  server = undefined;
});

/** chrome.identity as Chrome answers when nobody is signed in. */
function signedOutIdentity(): IdentityApi & { asked: boolean[] } {
  const asked: boolean[] = [];
  return {
    asked,
    getAuthToken: async ({ interactive }) => {
      asked.push(interactive);
      throw new Error(interactive ? 'The user did not approve access.' : 'OAuth2 not granted or revoked.');
    },
    launchWebAuthFlow: async () => {
      throw new Error('The user did not approve access.');
    },
    getRedirectURL: () => 'https://extension-id.chromiumapp.org/oauth2',
  };
}

async function setup(o: { managed?: ManagedConfig; devApi: boolean; settings?: Record<string, unknown> }) {
  server = await startSheetsServer({ workbooks: { [SHEET]: trackerWorkbook() }, tokens: ['e2e-token'] });
  const kv = memoryArea(o.settings ? { [KEYS.settings]: o.settings } : {});
  const identity = signedOutIdentity();
  const env: ConnectionEnv = { identity, clientId: 'client', session: memoryArea() };
  const sent: Request[] = [];
  const api = connectApi(kv, env, {
    managed: async () => o.managed ?? {},
    send: async (m) => {
      sent.push(m as Request);
      return { ok: true, started: true };
    },
  });
  const root = document.createElement('div');
  document.body.append(root);
  render(<ConnectSection api={api} devApi={o.devApi} />, root);
  await until(() => root.querySelector('#connect[data-loaded=yes]'));
  const input = (sel: string, value: string) => {
    const el = root.querySelector<HTMLInputElement>(sel)!;
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  };
  // A person never clicks in the same task as they type: let Preact render the typed values first.
  const click = async (sel: string) => {
    await new Promise((r) => setTimeout(r, 10));
    root.querySelector<HTMLButtonElement>(sel)!.click();
  };
  const result = () => root.querySelector('#connect-result')?.textContent ?? '';
  return { kv, identity, sent, root, input, click, result, url: server.url };
}

describe('Options › Connect the tracker Sheet', () => {
  it('a normal build: local-only until connected, and no API root or token fields', async () => {
    const s = await setup({ devApi: false });
    expect(s.root.querySelector('#connect-state')?.textContent).toContain('Not connected: Caseload works local-only');
    expect(s.root.querySelector('#api-root')).toBeNull();
    expect(s.root.querySelector('#api-token')).toBeNull();
    // The default reaches a Sheet the SENCo shared (drive.file could not).
    expect(s.root.querySelector<HTMLInputElement>('input[name=scope][value="spreadsheets"]')?.checked).toBe(true);
    // Sign-in goes to chrome.identity, interactively, and its failure is said plainly.
    await s.click('#sign-in');
    await until(() => s.result().includes('Google sign-in did not finish'));
    expect(s.identity.asked).toContain(true);
  });

  it('the test build: paste the Sheet’s link, point at the local server, save — reads the Sheet and starts a sync', async () => {
    const s = await setup({ devApi: true });
    s.input('#sheet-link', `https://docs.google.com/spreadsheets/d/${SHEET}/edit#gid=0`);
    s.input('#api-root', `${s.url}/`);
    s.input('#api-token', 'e2e-token');
    s.root.querySelector<HTMLSelectElement>('#pull-minutes')!.value = '5';
    s.root.querySelector('#pull-minutes')!.dispatchEvent(new Event('change', { bubbles: true }));
    await s.click('#connect-save');
    await until(() => s.result().startsWith('Connected'));
    expect(s.result()).toContain('Connected: read 3 pupils, 3 targets and 0 rota blocks from the Sheet.');
    expect(await s.kv.get(KEYS.settings)).toMatchObject({
      sheetId: SHEET,
      apiRoot: `${s.url}/`,
      accessToken: 'e2e-token',
      scope: 'spreadsheets',
      pullEveryMinutes: 5,
    });
    expect(s.sent).toEqual([{ type: 'sync/now' }]);
    await until(() => s.root.querySelector('#connect-state')?.textContent?.includes(`Connected to the tracker Sheet ${SHEET}`));
    // Test connection with a token the server refuses: the plain-English reason.
    s.input('#api-token', 'stale-token');
    await s.click('#test-connection');
    await until(() => s.result() === STUCK.signIn);
    // Disconnect: back to local-only.
    await s.click('#disconnect');
    await until(() => s.root.querySelector('#connect-state')?.textContent?.includes('Not connected'));
    expect(((await s.kv.get(KEYS.settings)) as { sheetId?: string }).sheetId).toBeUndefined();
  });

  it('refuses something that is not a Sheets link, and says when the Sheet does not exist', async () => {
    const s = await setup({ devApi: true });
    s.input('#sheet-link', 'my tracker');
    await s.click('#connect-save');
    await until(() => s.result().includes('does not look like a Google Sheets link'));
    expect(await s.kv.get(KEYS.settings)).toBeUndefined();
    s.input('#sheet-link', 'no-such-sheet-0123456789');
    s.input('#api-root', s.url);
    s.input('#api-token', 'e2e-token');
    await s.click('#test-connection');
    await until(() => s.result().includes(STUCK.notFound));
  });

  it('a school’s managed configuration fills in and locks the Sheet and the scope', async () => {
    const s = await setup({ devApi: true, managed: { trackerSheetId: SHEET, scope: 'drive.file' } });
    await until(() => s.root.querySelector<HTMLInputElement>('#sheet-link')?.value === SHEET);
    expect(s.root.querySelector<HTMLInputElement>('#sheet-link')?.disabled).toBe(true);
    expect(s.root.querySelector<HTMLFieldSetElement>('fieldset')?.disabled).toBe(true);
    expect(s.root.querySelector<HTMLInputElement>('input[name=scope][value="drive.file"]')?.checked).toBe(true);
    expect(s.root.textContent).toContain('Set by your school: the Sheet and Google access cannot be changed here.');
    expect(s.root.querySelector('#disconnect')).toBeNull();
    // Only the API root and token (test build) are the user's to give; the managed Sheet is read.
    s.input('#api-root', s.url);
    s.input('#api-token', 'e2e-token');
    await s.click('#test-connection');
    await until(() => s.result().startsWith('Connected: read 3 pupils'));
  });
});

describe('popup sync status', () => {
  async function popup(o: { connected: boolean; error?: string; at?: number; pending?: number }) {
    const db = await openCaseloadDb(`popup-${Math.random().toString(36).slice(2)}`);
    await replaceCaseload(
      {
        pupils: [{ id: 'P1', firstName: 'A', lastName: 'B', areasOfNeed: [], senStatus: 'E', phaseTransfer: false }],
        targets: [],
        staff: [],
        rota: [],
      },
      { db },
    );
    const store = new IdbLogStore(db);
    for (let i = 1; i <= (o.pending ?? 0); i++) await store.add(makeLog(i, { pupilId: 'P1' }));
    if (o.at !== undefined) await recordSyncResult(db, { at: o.at, ...(o.error ? { error: o.error } : {}) });
    const opened: string[] = [];
    const route = createRouter({
      db: async () => db,
      syncNow: async () => {},
      syncOnOpen: async () => void opened.push('open'),
      syncConnected: async () => o.connected,
    });
    const root = document.createElement('div');
    document.body.append(root);
    const now = new Date(2026, 10, 23, 14, 5).getTime();
    render(
      <Popup
        send={(m) => route(m as Request, {})}
        loadCaseload={async () => ({ pupils: [], staff: [], rota: [] })}
        openOptions={() => {}}
        teachThisSite={async () => undefined}
        now={() => now}
      />,
      root,
    );
    await until(() => root.querySelector('#sync-state'));
    return { root, opened };
  }

  it('stuck: the reason in plain English and the time of the last attempt; opening the popup asks for a sync', async () => {
    const at = new Date(2026, 10, 23, 13, 42).getTime();
    const { root, opened } = await popup({ connected: true, error: STUCK.readOnly, at, pending: 2 });
    const state = root.querySelector('#sync-state')!;
    expect(state.getAttribute('data-state')).toBe('stuck');
    expect(state.textContent).toBe('Not synced: Google says the sheet is read-only for you');
    expect(root.textContent).toContain('Last tried at 13:42 (23 minutes ago).');
    expect(root.textContent).toContain('2 logs are kept on this device, not yet sent to the tracker.');
    await until(() => opened.length === 1);
  });

  it('an attempt on another day shows its date as dd/mm/yyyy', async () => {
    const { root } = await popup({ connected: true, error: STUCK.offline, at: new Date(2026, 10, 20, 9, 7).getTime(), pending: 1 });
    expect(root.textContent).toContain('Last tried at 20/11/2026 09:07');
  });

  it('synced, and local-only', async () => {
    const synced = await popup({ connected: true, at: new Date(2026, 10, 23, 14, 1).getTime() });
    expect(synced.root.querySelector('#sync-state')?.textContent).toBe('Synced');
    expect(synced.root.textContent).toContain('Last sent: 14:01, 4 minutes ago');
    document.body.innerHTML = '';
    const local = await popup({ connected: false, pending: 1 });
    expect(local.root.querySelector('#sync-state')?.getAttribute('data-state')).toBe('local-only');
    expect(local.opened).toEqual([]);
  });
});
