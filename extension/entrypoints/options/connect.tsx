// Options › "Connect the tracker Sheet": the Sheet's link, Google access (scope), how often to re-read the
// caseload, Google sign-in, and a test that reads the Sheet once and says what it found or what is wrong.
// With nothing connected Caseload runs local-only. A school's managed configuration fills in and locks the Sheet
// and the scope. Test builds (DEV_API) also offer an API root and a fixed token, for the local Sheets server.
import { useEffect, useState } from 'preact/hooks';
import type { SendMessage } from '../../messages';
import { ask } from '../../messages';
import {
  describeConnectionTest,
  testConnection,
  tokenProviderFor,
  usesTestToken,
  type ConnectionEnv,
  type ConnectionTest,
} from '../../sync/connection';
import { GOOGLE_SHEETS_ROOT } from '../../sync/fetch-sheets';
import type { KeyValueArea } from '../../sync/kv';
import {
  readLocalSettings,
  resolveSettings,
  saveSyncSettings,
  sheetIdFrom,
  type GoogleScope,
  type ManagedConfig,
  type SyncSettings,
} from '../../sync/settings';

export interface ConnectApi {
  /** The settings in force (managed values applied) and what the school manages. */
  load(): Promise<{ settings: SyncSettings; managed: ManagedConfig }>;
  save(changes: Partial<SyncSettings>): Promise<void>;
  /** Ask the service worker to send and re-read now; false when it did not start. */
  syncNow(): Promise<boolean>;
  /** Get a Google token, asking the user if need be. */
  signIn(settings: SyncSettings): Promise<void>;
  test(settings: SyncSettings): Promise<ConnectionTest>;
}

export function connectApi(kv: KeyValueArea, env: ConnectionEnv, o: { managed(): Promise<ManagedConfig>; send: SendMessage }): ConnectApi {
  return {
    async load() {
      const managed = await o.managed();
      return { settings: resolveSettings(await readLocalSettings(kv), managed), managed };
    },
    save: (changes) => saveSyncSettings(kv, changes),
    async syncNow() {
      const r = await ask(o.send, { type: 'sync/now' });
      return r.ok && r.started;
    },
    async signIn(settings) {
      await tokenProviderFor(settings, env).getToken({ interactive: true });
    },
    test: (settings) => testConnection(settings, env),
  };
}

const PULL_CHOICES = [5, 15, 30, 60];

interface Form {
  link: string;
  scope: GoogleScope;
  pullEveryMinutes: number;
  apiRoot: string;
  accessToken: string;
}

type Message = { kind: 'ok' | 'error' | 'info'; text: string };

export function ConnectSection({ api, devApi, onChange }: { api: ConnectApi; devApi: boolean; onChange?: () => void }) {
  const [saved, setSaved] = useState<SyncSettings | undefined>();
  const [managed, setManaged] = useState<ManagedConfig>({});
  const [form, setForm] = useState<Form>({
    link: '',
    scope: 'drive.file',
    pullEveryMinutes: 15,
    apiRoot: GOOGLE_SHEETS_ROOT,
    accessToken: '',
  });
  const [message, setMessage] = useState<Message | undefined>();
  const [busy, setBusy] = useState(false);

  const reload = async () => {
    const { settings, managed: m } = await api.load();
    setSaved(settings);
    setManaged(m);
    setForm({
      link: settings.sheetId ?? '',
      scope: settings.scope,
      pullEveryMinutes: settings.pullEveryMinutes,
      apiRoot: settings.apiRoot,
      accessToken: settings.accessToken ?? '',
    });
  };
  useEffect(() => {
    void reload();
  }, [api]);

  const sheetLocked = Boolean(managed.trackerSheetId);
  const scopeLocked = managed.scope === 'drive.file' || managed.scope === 'spreadsheets';
  const set = (changes: Partial<Form>) => setForm((f) => ({ ...f, ...changes }));

  /** The form as settings; the API root and token only in a test build. */
  const fromForm = (): SyncSettings => {
    const base = saved ?? resolveSettings({}, managed);
    const s: SyncSettings = { ...base, scope: scopeLocked ? base.scope : form.scope, pullEveryMinutes: form.pullEveryMinutes };
    const id = sheetLocked ? base.sheetId : sheetIdFrom(form.link);
    if (id) s.sheetId = id;
    else delete s.sheetId;
    if (devApi) {
      s.apiRoot = form.apiRoot.trim() || GOOGLE_SHEETS_ROOT;
      if (form.accessToken.trim()) s.accessToken = form.accessToken.trim();
      else delete s.accessToken;
    }
    return s;
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  const hint = (t: ConnectionTest, s: SyncSettings) =>
    !t.ok && s.scope === 'drive.file' && /not found|read-only/.test(t.reason)
      ? ' With the recommended access Google only lets Caseload open Sheets it has been given: ask your SENCo to share the Sheet with you, or choose “All my Google Sheets”.'
      : '';

  const save = () =>
    run(async () => {
      if (!sheetLocked && !sheetIdFrom(form.link)) {
        setMessage({
          kind: 'error',
          text: 'That does not look like a Google Sheets link. Paste the address of the tracker Sheet (…/spreadsheets/d/…/edit) or its ID.',
        });
        return;
      }
      const s = fromForm();
      const changes: Partial<SyncSettings> = { pullEveryMinutes: s.pullEveryMinutes };
      if (!sheetLocked) changes.sheetId = form.link;
      if (!scopeLocked) changes.scope = s.scope;
      if (devApi) {
        changes.apiRoot = s.apiRoot;
        changes.accessToken = s.accessToken ?? '';
      }
      await api.save(changes);
      setMessage({ kind: 'info', text: 'Saved. Reading the Sheet…' });
      const t = await api.test(s);
      const started = t.ok ? await api.syncNow() : false;
      setMessage({
        kind: t.ok ? 'ok' : 'error',
        text: t.ok
          ? `${describeConnectionTest(t)}${started ? ' Your caseload now comes from the Sheet, and logs are sent to it.' : ''}`
          : `Saved, but the Sheet could not be read: ${describeConnectionTest(t)}${hint(t, s)}`,
      });
      await reload();
      onChange?.();
    });

  const signIn = () =>
    run(async () => {
      const s = fromForm();
      if (usesTestToken(s)) {
        setMessage({ kind: 'info', text: `This test build uses the fixed token for ${s.apiRoot}: no Google sign-in is needed.` });
        return;
      }
      try {
        await api.signIn(s);
        setMessage({ kind: 'ok', text: 'Signed in to Google.' });
      } catch (e) {
        setMessage({ kind: 'error', text: `Google sign-in did not finish: ${e instanceof Error ? e.message : String(e)}` });
      }
    });

  const test = () =>
    run(async () => {
      const s = fromForm();
      setMessage({ kind: 'info', text: 'Reading the Sheet…' });
      const t = await api.test(s);
      setMessage({ kind: t.ok ? 'ok' : 'error', text: describeConnectionTest(t) + hint(t, s) });
    });

  const disconnect = () =>
    run(async () => {
      await api.save({ sheetId: '' });
      setMessage({ kind: 'ok', text: 'Disconnected: Caseload now works local-only, and your logs stay on this device.' });
      await reload();
      onChange?.();
    });

  const connected = Boolean(saved?.sheetId);
  return (
    <section aria-labelledby="connect-h" id="connect" data-loaded={saved ? 'yes' : 'no'}>
      <h2 id="connect-h">Connect the tracker Sheet</h2>
      <p id="connect-state" data-connected={connected ? 'yes' : 'no'}>
        {connected
          ? `Connected to the tracker Sheet ${saved?.sheetId}. Pupils, targets and rota come from it; your logs are sent to its Log tab.`
          : 'Not connected: Caseload works local-only, and your logs stay on this device (you can export them below). Connect the SENCo’s tracker Sheet to send logs there and keep the caseload up to date.'}
      </p>
      {sheetLocked || scopeLocked ? (
        <p class="muted">
          Set by your school: {[sheetLocked ? 'the Sheet' : '', scopeLocked ? 'Google access' : ''].filter(Boolean).join(' and ')} cannot be
          changed here.
        </p>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <p>
          <label for="sheet-link">Tracker Sheet link or ID</label>
          <br />
          <input
            id="sheet-link"
            size={60}
            value={form.link}
            disabled={sheetLocked}
            placeholder="https://docs.google.com/spreadsheets/d/…/edit"
            onInput={(e) => set({ link: (e.currentTarget as HTMLInputElement).value })}
          />
        </p>
        <fieldset disabled={scopeLocked}>
          <legend>Google access</legend>
          <label>
            <input
              type="radio"
              name="scope"
              value="drive.file"
              checked={form.scope === 'drive.file'}
              onChange={() => set({ scope: 'drive.file' })}
            />{' '}
            Only Sheets opened with Caseload (recommended)
          </label>
          <br />
          <label>
            <input
              type="radio"
              name="scope"
              value="spreadsheets"
              checked={form.scope === 'spreadsheets'}
              onChange={() => set({ scope: 'spreadsheets' })}
            />{' '}
            All my Google Sheets (your school must have Caseload verified by Google)
          </label>
        </fieldset>
        <p>
          <label for="pull-minutes">Re-read pupils, targets and rota every</label>{' '}
          <select
            id="pull-minutes"
            value={String(form.pullEveryMinutes)}
            onChange={(e) => set({ pullEveryMinutes: Number((e.currentTarget as HTMLSelectElement).value) })}
          >
            {[...new Set([...PULL_CHOICES, form.pullEveryMinutes])]
              .sort((a, b) => a - b)
              .map((m) => (
                <option key={m} value={String(m)}>
                  {m} minutes
                </option>
              ))}
          </select>{' '}
          <span class="muted">(and whenever you open Caseload)</span>
        </p>
        {devApi ? (
          <fieldset id="dev-api">
            <legend>Test build only: another Sheets API</legend>
            <label for="api-root">API root</label>{' '}
            <input
              id="api-root"
              size={40}
              value={form.apiRoot}
              onInput={(e) => set({ apiRoot: (e.currentTarget as HTMLInputElement).value })}
            />
            <br />
            <label for="api-token">Test token</label>{' '}
            <input
              id="api-token"
              size={24}
              value={form.accessToken}
              onInput={(e) => set({ accessToken: (e.currentTarget as HTMLInputElement).value })}
            />
          </fieldset>
        ) : null}
        <p>
          <button type="submit" id="connect-save" disabled={busy}>
            Save and connect
          </button>{' '}
          <button type="button" id="sign-in" disabled={busy} onClick={() => void signIn()}>
            Sign in with Google
          </button>{' '}
          <button type="button" id="test-connection" disabled={busy} onClick={() => void test()}>
            Test connection
          </button>{' '}
          {connected && !sheetLocked ? (
            <button type="button" id="disconnect" disabled={busy} onClick={() => void disconnect()}>
              Disconnect (local-only)
            </button>
          ) : null}
        </p>
      </form>
      <p id="connect-result" role="status" aria-live="polite" class={message?.kind === 'info' ? 'muted' : message?.kind}>
        {message?.text ?? ''}
      </p>
    </section>
  );
}
