// A school's access, end to end in Node, through both Sheets clients — the extension's fetch client and the
// official googleapis client — against the local server enforcing Google's sharing model: the SENCo owns the
// tracker; the LSA's token is theirs, with the spreadsheets and email scopes. Logs live in the real IndexedDB
// store (fake-indexeddb) and leave the outbox only when the Sheet has them.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { SCOPE, type SheetsServer } from '../../sheets-server';
import type { SheetsPort } from '../../shared/ports';
import { STUCK, whoToAsk, type SheetsError } from '../../shared/sync';
import { getMeta } from '../../extension/store/db';
import { identifyAccount } from '../../extension/sync/account';
import { accessWho, accountEmail, type ConnectionEnv } from '../../extension/sync/connection';
import { FetchSheets } from '../../extension/sync/fetch-sheets';
import { FixedToken } from '../../extension/sync/identity';
import { memoryArea } from '../../extension/sync/kv';
import { runSync } from '../../extension/sync/run-sync';
import { DEFAULT_SYNC_SETTINGS, type SyncSettings } from '../../extension/sync/settings';
import { setMeta } from '../../extension/store/db';
import { startExtensionWorld } from './extension-world';
import { GoogleapisSheets } from './googleapis-sheets';
import { makeLog, SHEET, sheetLogIds, trackerWorkbook } from './support';

const SENCO = 'p.raman@kestrellane.example';
const LSA = 'G.Adeyemi@kestrellane.example'; // as Google may spell it; the Staff tab has it in lower case
const TOKEN = 'lsa-token';

/** The tracker with the SENCo and the LSA in the Staff tab (modelled on demo/school.ts). */
function schoolTracker() {
  const wb = trackerWorkbook();
  const staff = wb.sheets.find((s) => s.name === 'Staff')!;
  const header = staff.values[0]!.map(String);
  const row = (o: Record<string, string>) => header.map((h) => o[h] ?? '');
  staff.values = [
    staff.values[0]!,
    row({ 'Staff ID': 'PRA', Name: 'Priya Raman', Role: 'SENCo', Email: SENCO }),
    row({ 'Staff ID': 'GAD', Name: 'Grace Adeyemi', Role: 'LSA', Email: 'g.adeyemi@kestrellane.example' }),
  ];
  return wb;
}

type Client = 'fetch' | 'googleapis';
let server: SheetsServer;
afterEach(async () => server?.close());

async function school(client: Client) {
  const w = await startExtensionWorld(`access-${client}`, {
    workbooks: { [SHEET]: schoolTracker() },
    sharing: { [SHEET]: { owner: SENCO } },
    tokens: [{ token: TOKEN, email: LSA, scopes: [SCOPE.spreadsheets, 'email'] }],
  });
  server = w.server;
  const tokens = new FixedToken(TOKEN);
  const sheets: SheetsPort & { lastRefusal: SheetsError | undefined } =
    client === 'fetch'
      ? new FetchSheets({ spreadsheetId: SHEET, apiRoot: `${server.url}/`, tokens })
      : new GoogleapisSheets(`${server.url}/`, SHEET, TOKEN);
  const settings: SyncSettings = { ...DEFAULT_SYNC_SETTINGS, sheetId: SHEET, apiRoot: `${server.url}/`, accessToken: TOKEN };
  const env: ConnectionEnv = {
    identity: { launchWebAuthFlow: async () => undefined, getRedirectURL: () => '' },
    clientId: 'c',
    session: memoryArea(),
  };
  const staff = async () => w.db.getAll('staff');
  const deps = () =>
    w.deps({
      sheets,
      tokens,
      lastRefusal: () => sheets.lastRefusal,
      canRead: () =>
        sheets.listTabs().then(
          () => true,
          () => false,
        ),
      accessWho: async () => accessWho(settings, env, await staff(), tokens),
      identify: async (list) => {
        const email = await accountEmail(settings, env, tokens);
        if (email) await identifyAccount({ email, staff: list, kv: w.kv, setMe: (id) => setMeta(w.db, 'me', id), now: w.time.now() });
      },
    });
  const pending = async () => (await w.store.pending(100)).map((l) => l.id);
  // The LSA's device already has the caseload from the SENCo's .xlsx (so Caseload can name the SENCo).
  await w.db.put('staff', { id: 'PRA', name: 'Priya Raman', role: 'SENCo', email: SENCO });
  return { ...w, deps, pending, sheets };
}

const askSenco = whoToAsk([{ id: 'PRA', name: 'Priya Raman', role: 'SENCo', email: SENCO }]);

describe.each<Client>(['fetch', 'googleapis'])('access through the %s client', (client) => {
  it('SENCo shares the Sheet → the LSA connects → logs land, and carry the LSA’s Staff ID from the Google account', async () => {
    const w = await school(client);
    server.sharing.share(SHEET, LSA, 'writer');
    for (let i = 1; i <= 3; i++) await w.store.add(makeLog(i));
    const r = await runSync(w.deps(), { pullNow: true });
    expect(r.error).toBeUndefined();
    expect(r.report?.confirmed).toBe(3);
    expect(sheetLogIds(server)).toEqual([1, 2, 3].map((i) => makeLog(i).id));
    expect(await w.pending()).toEqual([]);
    expect(await getMeta(w.db, 'me')).toBe('GAD');
  });

  it('not shared: nothing is sent, the reason names the account and whom to ask, and logs stay queued', async () => {
    const w = await school(client);
    for (let i = 1; i <= 2; i++) await w.store.add(makeLog(i));
    const r = await runSync(w.deps());
    expect(r.error).toBe(STUCK.notShared({ email: LSA, askWho: askSenco }));
    expect(r.error).toContain(`Ask Priya Raman (${SENCO}), your SENCo, to share the Sheet with ${LSA} as an editor`);
    expect(sheetLogIds(server)).toEqual([]);
    expect(await w.pending()).toHaveLength(2);
  });

  it('shared read-only: logs stay queued with the reason shown, and land once the LSA is made an editor', async () => {
    const w = await school(client);
    server.sharing.share(SHEET, LSA, 'reader');
    for (let i = 1; i <= 2; i++) await w.store.add(makeLog(i));
    const r = await runSync(w.deps());
    expect(r.error).toBe(STUCK.viewOnly({ email: LSA, askWho: askSenco }));
    expect(r.error).toContain(`read-only for ${LSA}`);
    expect(await w.pending()).toHaveLength(2);
    server.sharing.share(SHEET, LSA, 'writer');
    expect((await runSync(w.deps())).error).toBeUndefined();
    expect(sheetLogIds(server)).toHaveLength(2);
  });

  it('share revoked mid-sync: what reached the Sheet stays, the rest stays in the outbox, and all land once after re-sharing', async () => {
    const w = await school(client);
    server.sharing.share(SHEET, LSA, 'writer');
    for (let i = 1; i <= 4; i++) await w.store.add(makeLog(i));
    // The SENCo removes the LSA right after the first batch of two lands.
    const base = w.deps();
    const append = base.sheets.appendRows.bind(base.sheets);
    let appends = 0;
    base.sheets.appendRows = async (tab, rows) => {
      const out = await append(tab, rows);
      if (++appends === 1) server.sharing.unshare(SHEET, LSA);
      return out;
    };
    const r = await runSync({ ...base, maxBatch: 2 });
    expect(r.error).toBe(STUCK.notShared({ email: LSA, askWho: askSenco }));
    expect(sheetLogIds(server)).toEqual([1, 2].map((i) => makeLog(i).id));
    expect(await w.pending()).toEqual([3, 4].map((i) => makeLog(i).id));
    server.sharing.share(SHEET, LSA, 'writer');
    expect((await runSync(w.deps())).error).toBeUndefined();
    expect(sheetLogIds(server)).toEqual([1, 2, 3, 4].map((i) => makeLog(i).id));
    expect(await w.pending()).toEqual([]);
  });
});
