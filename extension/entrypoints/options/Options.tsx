// The options page: the tracker Sheet, who I am, the caseload, MIS sites, teaching a site, export and erase.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { readableLogsToCsv } from '../../../shared/index';
import type { Staff } from '../../../shared/index';
import { ImportSection } from './import-section';
import { forgetPageCaseload, type PageCaseloadArea } from '../../page-caseload';
import { database, eraseAll, getMeta, readCaseload, setMeta, toLogEntry, type Caseload } from '../../store';
import { IdbLogStore } from '../../store/logs';
import { localIsoDate } from '../../local-time';
import { browser } from 'wxt/browser';
import { DEV_API } from '../../build-flags';
import { rememberedAccount, type AccountRecord } from '../../sync/account';
import { browserConnectionEnv, localArea, managedConfig } from '../../sync/browser-env';
import type { ManagedConfig } from '../../sync/settings';
import { ConfirmErase } from './confirm-erase';
import { ConnectSection, connectApi, type ConnectApi } from './connect';
import { PupilRightsSection } from './pupil-rights';
import {
  type AllowedSite,
  allowedSites,
  grantedOrigins,
  KNOWN_SITES,
  manifestHostPatterns,
  originPattern,
  removeSite,
  requestSite,
} from './sites';

const pageArea = () => browser.storage.local as unknown as PageCaseloadArea;

function browserConnectApi(): ConnectApi {
  return connectApi(localArea(), browserConnectionEnv(), {
    managed: managedConfig,
    send: (m) => browser.runtime.sendMessage(m),
    staff: async () => (await database()).getAll('staff'),
    setMe: async (id) => setMeta(await database(), 'me', id),
  });
}

export function Options({ connect, devApi = DEV_API }: { connect?: ConnectApi; devApi?: boolean } = {}) {
  const [connectApiInUse] = useState<ConnectApi>(() => connect ?? browserConnectApi());
  const [caseload, setCaseload] = useState<Caseload | undefined>();
  const [me, setMe] = useState<string | undefined>();
  const [origins, setOrigins] = useState<string[]>([]);
  const [managed, setManaged] = useState<ManagedConfig>({});
  const [account, setAccount] = useState<AccountRecord | undefined>();

  const refresh = useCallback(async () => {
    const db = await database();
    const [c, m, o, mc, a] = await Promise.all([
      readCaseload(db),
      getMeta(db, 'me'),
      grantedOrigins(),
      managedConfig(),
      rememberedAccount(localArea()),
    ]);
    setCaseload(c);
    setMe(m);
    setAccount(a);
    setOrigins(o);
    setManaged(mc);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    // Loaded once the first read of the device's state is shown (readCaseload always gives a caseload): tests and
    // scripts wait on it rather than on timing.
    <main data-loaded={caseload ? 'yes' : 'no'}>
      <h1>Caseload options</h1>
      {managed.trackerSheetId || managed.misSites?.length ? <ManagedSection managed={managed} /> : null}
      <ConnectSection api={connectApiInUse} devApi={devApi} onChange={() => setTimeout(() => void refresh(), 2000)} />
      <ImportSection caseload={caseload} onDone={refresh} />
      <IAmSection staff={caseload?.staff ?? []} me={me} account={account} onDone={refresh} />
      <SitesSection origins={origins} suggested={managed.misSites ?? []} onDone={refresh} />
      <TeachSection />
      <ExportSection />
      <PupilRightsSection
        db={database}
        pupils={(caseload?.pupils ?? []).map((p) => ({ id: p.id, name: `${p.firstName} ${p.lastName}` }))}
        download={download}
        onErased={refresh}
      />
      <EraseSection onDone={refresh} />
    </main>
  );
}

function ManagedSection({ managed }: { managed: ManagedConfig }) {
  return (
    <section aria-labelledby="managed-h">
      <h2 id="managed-h">Set by your school</h2>
      {managed.trackerSheetId ? <p>Tracker Sheet: {managed.trackerSheetId}</p> : null}
      {managed.misSites?.length ? <p>MIS sites: {managed.misSites.join(', ')}</p> : null}
    </section>
  );
}

/** "I am": set from the Google account when its email is in the Staff tab; chosen here otherwise, with the reason. */
function IAmSection({ staff, me, account, onDone }: { staff: Staff[]; me?: string; account?: AccountRecord; onDone(): Promise<void> }) {
  if (staff.length === 0) return null;
  const matched = account?.staffId ? staff.find((s) => s.id === account.staffId) : undefined;
  return (
    <section aria-labelledby="me-h">
      <h2 id="me-h">I am…</h2>
      <p class="muted">Your logs carry your Staff ID, and the popup shows your rota.</p>
      {account ? (
        <p id="i-am-account" class={matched ? 'ok' : 'error'}>
          {matched
            ? `From your Google account ${account.email}: you are ${matched.name} (${matched.id}).`
            : `${account.reason ?? `Your Google account ${account.email} is not in the Staff tab`}.`}
        </p>
      ) : null}
      <select
        id="i-am"
        aria-labelledby="me-h"
        value={me ?? ''}
        onChange={async (e) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          if (v) await setMeta(await database(), 'me', v);
          await onDone();
        }}
      >
        <option value="">Choose…</option>
        {staff.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} ({s.id})
          </option>
        ))}
      </select>
    </section>
  );
}

function SitesSection({
  origins,
  suggested,
  onDone,
  fixedHosts = manifestHostPatterns,
}: {
  origins: string[];
  suggested: string[];
  onDone(): Promise<void>;
  fixedHosts?: () => string[];
}) {
  const [address, setAddress] = useState('');
  const [message, setMessage] = useState('');
  const ask = (patterns: string[], label: string) => {
    // Called straight from the click: Chrome only shows the permission prompt during a user gesture.
    requestSite(patterns)
      .then((granted) =>
        setMessage(granted ? `Caseload is now on for ${label}. Reload any open ${label} pages.` : `${label} was not allowed.`),
      )
      .catch(() => setMessage(`${label} could not be allowed.`))
      .finally(() => void onDone());
  };
  const allowed = allowedSites(origins, fixedHosts());
  return (
    <section aria-labelledby="sites-h">
      <h2 id="sites-h">MIS sites</h2>
      <p class="muted">Caseload only runs on sites you allow here. Nothing is read from any other site.</p>
      <ul>
        {KNOWN_SITES.map((s) => {
          const on = s.patterns.every((p) => origins.includes(p));
          return (
            <li key={s.name}>
              {s.name}:{' '}
              {on ? (
                <span class="ok">allowed</span>
              ) : (
                <button type="button" onClick={() => ask(s.patterns, s.name)}>
                  Allow {s.name}
                </button>
              )}
            </li>
          );
        })}
        {suggested
          .map((site) => ({ site, pattern: originPattern(site) }))
          .filter((x): x is { site: string; pattern: string } => x.pattern !== undefined && !origins.includes(x.pattern))
          .map(({ site, pattern }) => (
            <li key={site}>
              {site} (suggested by your school):{' '}
              <button type="button" onClick={() => ask([pattern], site)}>
                Allow
              </button>
            </li>
          ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const pattern = originPattern(address);
          if (!pattern) {
            setMessage(
              /^\s*http:/i.test(address)
                ? 'Only secure (https://) sites can be allowed here. If your MIS is on an http:// school network address, ask your IT team to add it to Caseload’s managed set-up.'
                : 'Type the web address of your MIS, e.g. https://mis.example.sch.uk',
            );
            return;
          }
          ask([pattern], pattern.replace('/*', ''));
        }}
      >
        <label for="site-address">Another site (its web address):</label>{' '}
        <input
          id="site-address"
          value={address}
          placeholder="https://mis.example.sch.uk"
          onInput={(e) => setAddress((e.currentTarget as HTMLInputElement).value)}
        />{' '}
        <button type="submit">Allow this site</button>
      </form>
      <h3>Allowed now</h3>
      <AllowedList sites={allowed} onMessage={setMessage} onDone={onDone} />
      <p role="status" aria-live="polite">
        {message}
      </p>
    </section>
  );
}

function AllowedList({ sites, onMessage, onDone }: { sites: AllowedSite[]; onMessage(m: string): void; onDone(): Promise<void> }) {
  if (sites.length === 0) return <p class="muted">No sites yet.</p>;
  return (
    <ul id="granted-sites">
      {sites.map((s) => (
        <li key={s.pattern} data-pattern={s.pattern}>
          {s.label}{' '}
          {s.removable ? (
            <button
              type="button"
              aria-label={`Remove ${s.label}`}
              onClick={async () => {
                const removed = await removeSite(s.pattern);
                onMessage(removed ? `${s.label} removed.` : `${s.label} is set by your school and cannot be removed here.`);
                await onDone();
              }}
            >
              Remove
            </button>
          ) : (
            <span class="muted">set by your school</span>
          )}
        </li>
      ))}
    </ul>
  );
}

function TeachSection() {
  return (
    <section aria-labelledby="teach-h">
      <h2 id="teach-h">Teach Caseload a site</h2>
      <p>If Caseload does not spot pupils on a page of your MIS:</p>
      <ol>
        <li>Allow the site above, then open a page that shows a pupil's name.</li>
        <li>Click the Caseload button in the toolbar and choose “Teach Caseload this page”.</li>
        <li>Click the pupil's name on the page. Caseload remembers where names are on that site.</li>
      </ol>
    </section>
  );
}

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function ExportSection() {
  const [message, setMessage] = useState('');
  return (
    <section aria-labelledby="export-h">
      <h2 id="export-h">Export</h2>
      <button
        type="button"
        onClick={async () => {
          const db = await database();
          const [logs, c] = await Promise.all([new IdbLogStore(db).all(), readCaseload(db)]);
          // Names beside the codes (pupil, target text, staff) and the local date and time beside the ISO stamp, as
          // the CLI's export-logs writes them; the core's CSV escapes anything a spreadsheet would run as a formula.
          const names = { pupils: c.pupils, targets: c.targets, staff: c.staff, timeZone: c.settings.timezone };
          download(
            `caseload-logs-${localIsoDate(Date.now())}.csv`,
            readableLogsToCsv(logs.map(toLogEntry), names),
            'text/csv;charset=utf-8',
          );
          setMessage(`Downloaded ${logs.length} logs.`);
        }}
      >
        Download all logs (CSV)
      </button>
      <p role="status" aria-live="polite">
        {message}
      </p>
    </section>
  );
}

function EraseSection({ onDone }: { onDone(): Promise<void> }) {
  const [confirming, setConfirming] = useState<{ logs: number; unsent: number } | undefined>();
  const [message, setMessage] = useState('');
  return (
    <section aria-labelledby="erase-h">
      <h2 id="erase-h">Erase all data</h2>
      {!confirming ? (
        <button
          type="button"
          class="danger"
          onClick={async () => {
            const db = await database();
            setConfirming({ logs: await db.count('logs'), unsent: await db.count('outbox') });
          }}
        >
          Erase all data on this device…
        </button>
      ) : (
        <ConfirmErase
          questionId="erase-q"
          question={
            <>
              This deletes the caseload and {confirming.logs} logs from this device
              {confirming.unsent > 0 ? `, including ${confirming.unsent} not yet sent to the tracker — they will be lost` : ''}. It cannot
              be undone.
            </>
          }
          confirmLabel="Yes, erase everything"
          onConfirm={async () => {
            await eraseAll(await database());
            await forgetPageCaseload(pageArea()).catch(() => undefined);
            setConfirming(undefined);
            setMessage('All Caseload data on this device has been erased.');
            await onDone();
          }}
          onCancel={() => setConfirming(undefined)}
        />
      )}
      <p role="status" aria-live="polite">
        {message}
      </p>
    </section>
  );
}
