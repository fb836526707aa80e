// Options › "Connect the tracker Sheet": the Sheet's link, Google access (scope), how often to re-read the
// caseload, Google sign-in, and a test that reads the Sheet once and says what it found or what is wrong.
// With nothing connected Caseload runs local-only. A school's managed configuration fills in and locks the Sheet
// and the scope. Test builds (DEV_API) also offer an API root and a fixed token, for the local Sheets server.
// The signed-in Google account is matched to the Staff tab after connecting (sync/account.ts).
import { useEffect, useState } from 'preact/hooks';
import type { Staff } from '../../../shared/index';
import type { SendMessage } from '../../messages';
import { ask } from '../../messages';
import { identifyAccount, rememberedAccount, type AccountRecord } from '../../sync/account';
import {
  accountEmail,
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
  /** Match the signed-in account to the Staff tab on this device; undefined when no account can be named. */
  identify(settings: SyncSettings): Promise<AccountRecord | undefined>;
}

export interface ConnectDeps {
  managed(): Promise<ManagedConfig>;
  send: SendMessage;
  /** The staff on this device (for naming the SENCo and matching the account). */
  staff?: () => Promise<Staff[]>;
  /** Record "I am" (the Staff ID logs carry). */
  setMe?: (staffId: string) => Promise<void>;
}

export function connectApi(kv: KeyValueArea, env: ConnectionEnv, o: ConnectDeps): ConnectApi {
  const staff = async () => (o.staff ? await o.staff() : []);
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
    test: async (settings) => testConnection(settings, env, await staff()),
    async identify(settings) {
      const email = await accountEmail(settings, env);
      if (!email) return (await rememberedAccount(kv)) ?? undefined;
      return identifyAccount({ email, staff: await staff(), kv, setMe: o.setMe ?? (async () => undefined), now: Date.now() });
    },
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

const EMPTY_FORM: Form = { link: '', scope: 'spreadsheets', pullEveryMinutes: 15, apiRoot: GOOGLE_SHEETS_ROOT, accessToken: '' };

/** The saved settings, what the school manages, and the form being edited. */
function useConnectForm(api: ConnectApi, devApi: boolean) {
  const [saved, setSaved] = useState<SyncSettings | undefined>();
  const [managed, setManaged] = useState<ManagedConfig>({});
  const [form, setForm] = useState<Form>(EMPTY_FORM);
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
  return { saved, managed, form, set, reload, sheetLocked, scopeLocked, fromForm, devApi };
}

type FormState = ReturnType<typeof useConnectForm>;

/** What "I am" became from the Google account, in a sentence. */
export function describeAccount(a: AccountRecord | undefined, staff: readonly Staff[] = []): string {
  if (!a) return '';
  if (a.staffId) {
    const who = staff.find((s) => s.id === a.staffId);
    return ` Signed in as ${a.email}: your logs carry ${who ? `${who.name} (${a.staffId})` : a.staffId}.`;
  }
  return a.reason ? ` ${a.reason}.` : '';
}

/** Save, sign in, test and disconnect, each reporting through one message line. */
function useConnectActions(api: ConnectApi, f: FormState, setMessage: (m: Message) => void, onChange?: () => void) {
  const [busy, setBusy] = useState(false);
  const run = (work: () => Promise<void>) => async () => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  const save = run(async () => {
    if (!f.sheetLocked && !sheetIdFrom(f.form.link)) {
      setMessage({
        kind: 'error',
        text: 'That does not look like a Google Sheets link. Paste the address of the tracker Sheet (…/spreadsheets/d/…/edit) or its ID.',
      });
      return;
    }
    const s = f.fromForm();
    const changes: Partial<SyncSettings> = { pullEveryMinutes: s.pullEveryMinutes };
    if (!f.sheetLocked) changes.sheetId = f.form.link;
    if (!f.scopeLocked) changes.scope = s.scope;
    if (f.devApi) Object.assign(changes, { apiRoot: s.apiRoot, accessToken: s.accessToken ?? '' });
    await api.save(changes);
    setMessage({ kind: 'info', text: 'Saved. Reading the Sheet…' });
    const t = await api.test(s);
    const started = t.ok ? await api.syncNow() : false;
    const account = t.ok ? describeAccount(await api.identify(s).catch(() => undefined)) : '';
    setMessage({
      kind: t.ok ? 'ok' : 'error',
      text: t.ok
        ? `${describeConnectionTest(t)}${started ? ' Your caseload now comes from the Sheet, and logs are sent to it.' : ''}${account}`
        : `Saved, but the Sheet could not be read: ${describeConnectionTest(t)}`,
    });
    await f.reload();
    onChange?.();
  });
  const signIn = run(async () => {
    const s = f.fromForm();
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
  const test = run(async () => {
    setMessage({ kind: 'info', text: 'Reading the Sheet…' });
    const t = await api.test(f.fromForm());
    setMessage({ kind: t.ok ? 'ok' : 'error', text: describeConnectionTest(t) });
  });
  const disconnect = run(async () => {
    await api.save({ sheetId: '' });
    setMessage({ kind: 'ok', text: 'Disconnected: Caseload now works local-only, and your logs stay on this device.' });
    await f.reload();
    onChange?.();
  });
  return { busy, save, signIn, test, disconnect };
}

function ScopeChoice({ form, set, locked }: { form: Form; set: (c: Partial<Form>) => void; locked: boolean }) {
  return (
    <fieldset disabled={locked}>
      <legend>Google access</legend>
      <label>
        <input
          type="radio"
          name="scope"
          value="spreadsheets"
          checked={form.scope === 'spreadsheets'}
          onChange={() => set({ scope: 'spreadsheets' })}
        />{' '}
        Google Sheets shared with me (recommended): Caseload opens only the tracker Sheet above, which your SENCo shares with you as an
        editor
      </label>
      <br />
      <label>
        <input
          type="radio"
          name="scope"
          value="drive.file"
          checked={form.scope === 'drive.file'}
          onChange={() => set({ scope: 'drive.file' })}
        />{' '}
        Only Sheets created or opened with Caseload: Google does not let this reach a Sheet someone shared with you
      </label>
    </fieldset>
  );
}

function PullEvery({ form, set }: { form: Form; set: (c: Partial<Form>) => void }) {
  return (
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
  );
}

function DevApiFields({ form, set }: { form: Form; set: (c: Partial<Form>) => void }) {
  return (
    <fieldset id="dev-api">
      <legend>Test build only: another Sheets API</legend>
      <label for="api-root">API root</label>{' '}
      <input id="api-root" size={40} value={form.apiRoot} onInput={(e) => set({ apiRoot: (e.currentTarget as HTMLInputElement).value })} />
      <br />
      <label for="api-token">Test token</label>{' '}
      <input
        id="api-token"
        size={24}
        value={form.accessToken}
        onInput={(e) => set({ accessToken: (e.currentTarget as HTMLInputElement).value })}
      />
    </fieldset>
  );
}

export function ConnectSection({ api, devApi, onChange }: { api: ConnectApi; devApi: boolean; onChange?: () => void }) {
  const f = useConnectForm(api, devApi);
  const [message, setMessage] = useState<Message | undefined>();
  const act = useConnectActions(api, f, setMessage, onChange);
  const connected = Boolean(f.saved?.sheetId);
  return (
    <section aria-labelledby="connect-h" id="connect" data-loaded={f.saved ? 'yes' : 'no'}>
      <h2 id="connect-h">Connect the tracker Sheet</h2>
      <p id="connect-state" data-connected={connected ? 'yes' : 'no'}>
        {connected
          ? `Connected to the tracker Sheet ${f.saved?.sheetId}. Pupils, targets and rota come from it; your logs are sent to its Log tab.`
          : 'Not connected: Caseload works local-only, and your logs stay on this device (you can export them below). Connect the SENCo’s tracker Sheet to send logs there and keep the caseload up to date.'}
      </p>
      {f.sheetLocked || f.scopeLocked ? (
        <p class="muted">
          Set by your school: {[f.sheetLocked ? 'the Sheet' : '', f.scopeLocked ? 'Google access' : ''].filter(Boolean).join(' and ')}{' '}
          cannot be changed here.
        </p>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act.save();
        }}
      >
        <p>
          <label for="sheet-link">Tracker Sheet link or ID</label>
          <br />
          <input
            id="sheet-link"
            size={60}
            value={f.form.link}
            disabled={f.sheetLocked}
            placeholder="https://docs.google.com/spreadsheets/d/…/edit"
            onInput={(e) => f.set({ link: (e.currentTarget as HTMLInputElement).value })}
          />
        </p>
        <ScopeChoice form={f.form} set={f.set} locked={f.scopeLocked} />
        <PullEvery form={f.form} set={f.set} />
        {devApi ? <DevApiFields form={f.form} set={f.set} /> : null}
        <p>
          <button type="submit" id="connect-save" disabled={act.busy}>
            Save and connect
          </button>{' '}
          <button type="button" id="sign-in" disabled={act.busy} onClick={() => void act.signIn()}>
            Sign in with Google
          </button>{' '}
          <button type="button" id="test-connection" disabled={act.busy} onClick={() => void act.test()}>
            Test connection
          </button>{' '}
          {connected && !f.sheetLocked ? (
            <button type="button" id="disconnect" disabled={act.busy} onClick={() => void act.disconnect()}>
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
