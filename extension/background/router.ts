// Background's answers to the other parts, as plain functions over the store: no chrome.* in here, so the
// whole router runs in unit tests against fake-indexeddb.
import type { IDBPDatabase } from 'idb';
import { DEFAULT_SETTINGS, pupilName, trackerToday, type LogEntry, type LogValues as LogValuesOf } from '../../shared/index';
import type { Reply, Request, RequestOf, RequestType, Responses, SessionNow, TargetWithEvidence } from '../messages';
import { getMeta, type CaseloadDb } from '../store/db';
import { IdbLogStore, toLogEntry } from '../store/logs';
import { currentSessionFor, latestOutcome, sessionTargetFirst } from '../sessions/current-session';
import { combineEvidence, evidenceFor } from '../store/evidence';
import { saveSiteRule } from '../store/site-rules';
import { pageCaseloadOf, pagePupil } from '../store/page-caseload';
import { answerFor, type PageCaseload } from '../page-caseload';

export { pageCaseloadOf };
import { readSyncState } from '../store/sync-state';
import { logEntryProblem } from './validate';
import { applyCorrections, editCorrection, isCorrection, voidCorrection } from '../../shared/index';
import { isoWithOffset, uuidV4 } from '../overlay/log-entry';
import type { StoredLog } from '../store/db';
import { UNDO_TEXT } from '../messages';
import { createGuard, GuardRefusal, memoryTabGrants, type Guard, type SenderInfo } from './guard';

export type { SenderInfo } from './guard';

export interface RouterDeps {
  db: () => Promise<IDBPDatabase<CaseloadDb>>;
  now?: () => number;
  /** Re-register content scripts for the granted origins; returns their match patterns. */
  refreshRegistration?: () => Promise<string[]>;
  /** Start a sync now (wired by the sync engine). */
  syncNow?: () => Promise<void>;
  /** The popup opened: a sync that re-reads the caseload only if it is stale. */
  syncOnOpen?: () => Promise<void>;
  /** Whether a tracker Sheet is connected. */
  syncConnected?: () => Promise<boolean>;
  /** Log IDs of the append in flight right now (the sync journal): those may already be in the Sheet, so Undo and
   * Edit treat them as sent and add a correction instead of changing the outbox under the append. */
  sending?: () => Promise<readonly string[]>;
  /** Fresh UUIDs for correction rows. */
  uuid?: () => string;
  /** Keep the content scripts' fast copy (page-caseload.ts) in step with each `page/caseload` answer. */
  publishPageCaseload?: (cache: PageCaseload) => Promise<void>;
  /** Who may ask what (extension/background/guard.ts). Without one, no web page is granted anything. */
  guard?: Guard;
}

type Handler<T extends RequestType> = (req: RequestOf<T>, sender: SenderInfo) => Promise<Responses[T]>;

class Refusal extends Error {}

/** Keep only the sheet's fields: a content script cannot slip anything else into the outbox. */
function sheetFields(e: LogEntry): LogEntry {
  const out: LogEntry = { id: e.id, time: e.time, pupilId: e.pupilId, kind: e.kind };
  if (e.targetId !== undefined) out.targetId = String(e.targetId);
  if (e.rating !== undefined) out.rating = e.rating;
  if (e.prompt !== undefined) out.prompt = e.prompt;
  if (e.minutes !== undefined) out.minutes = e.minutes;
  if (e.staffId !== undefined) out.staffId = String(e.staffId);
  if (e.note !== undefined && e.note.trim() !== '') out.note = e.note.trim();
  if (e.source !== undefined) out.source = String(e.source).slice(0, 300);
  if (e.session !== undefined) out.session = String(e.session).slice(0, 100);
  if (e.outcome !== undefined) out.outcome = e.outcome;
  if (e.missedReason !== undefined) out.missedReason = e.missedReason;
  return out;
}

/** Local midnight to local midnight, for "today's logs". */
export function todayRange(now: number): [number, number] {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  const end = new Date(start);
  end.setDate(end.getDate() + 1);
  return [start.getTime(), end.getTime()];
}

type Handlers = { [T in RequestType]: Handler<T> };

/** What the handlers share: what the background wired in, the clock and the log store. */
interface RouterContext {
  deps: RouterDeps;
  now: () => number;
  logs: () => Promise<IdbLogStore>;
  /** Without the sync engine wired in there is nothing to ask: sync/now then depends on syncNow alone. */
  connected: () => Promise<boolean>;
}

export function createRouter(deps: RouterDeps): (req: Request, sender: SenderInfo) => Promise<Reply<RequestType>> {
  const now = deps.now ?? Date.now;
  const ctx: RouterContext = {
    deps,
    now,
    logs: async () => new IdbLogStore(await deps.db(), now),
    connected: async () => (deps.syncConnected ? deps.syncConnected() : true),
  };
  const guard = deps.guard ?? createGuard({ grantedOrigins: async () => [], tabs: memoryTabGrants() });
  const pupilExists = async (id: string) => (await (await deps.db()).getKey('pupils', id)) !== undefined;
  const handlers: Handlers = { ...readHandlers(ctx), ...logHandlers(ctx), ...controlHandlers(ctx) };

  return async (req, sender) => {
    const handler = handlers[req?.type] as Handler<RequestType> | undefined;
    if (!handler) return { ok: false, error: 'Unknown request.' };
    try {
      const auth = await guard.authorise(req, sender, pupilExists);
      const answer = await handler(req as never, sender);
      if (req.type === 'log/add') await guard.savedFromTab(auth, req.entry.id);
      return { ok: true, ...answer } as Reply<RequestType>;
    } catch (e) {
      if (e instanceof Refusal || e instanceof GuardRefusal) return { ok: false, error: e.message };
      // Never the request itself in the log: it may carry a pupil's details.
      console.error('[caseload] request failed', req.type, e instanceof Error ? e.name : 'error');
      return { ok: false, error: 'Something went wrong saving on this device. Please try again.' };
    }
  };
}

/** The session the LSA ("I am") is in with this pupil now, and the targets with that session's target first. */
async function sessionNow<T extends TargetWithEvidence>(
  { now, logs }: RouterContext,
  db: IDBPDatabase<CaseloadDb>,
  pupilId: string,
  targets: T[],
) {
  const me = await getMeta(db, 'me');
  if (!me) return undefined;
  const at = new Date(now());
  const session = currentSessionFor(await db.getAllFromIndex('rota', 'byStaff', me), me, pupilId, at);
  if (!session) return undefined;
  const [from, to] = todayRange(now());
  const recorded = latestOutcome(await (await logs()).between(from, to), session.key, pupilId);
  const ordered = sessionTargetFirst(targets, session.block);
  const found: SessionNow = {
    session,
    ...(recorded ? { recorded: toLogEntry(recorded) } : {}),
    ...(ordered.targetId ? { targetId: ordered.targetId } : {}),
  };
  return { session: found, targets: ordered.targets };
}

/** What the overlay and popup read: the page's caseload, a pupil's targets with evidence, today's logs, status. */
function readHandlers(ctx: RouterContext): Pick<Handlers, 'page/caseload' | 'pupil/details' | 'logs/today' | 'status'> {
  const { deps, now, logs } = ctx;
  return {
    'page/caseload': async (req) => {
      const cache = await pageCaseloadOf(await deps.db());
      // The content script's next page load reads this copy instead of waking the worker.
      await deps.publishPageCaseload?.(cache).catch((e: unknown) => console.warn('[caseload] could not cache the page caseload', e));
      return answerFor(cache, req.url);
    },

    'pupil/details': async (req) => {
      const db = await deps.db();
      const pupil = await db.get('pupils', req.pupilId);
      if (!pupil) throw new Refusal('That pupil is no longer on your caseload.');
      const targets = (await db.getAllFromIndex('targets', 'byPupil', req.pupilId)).filter((t) => t.status !== 'Achieved');
      const ids = targets.map((t) => t.id);
      const [local, sheet, settings] = await Promise.all([(await logs()).forTargets(ids), evidenceFor(db, ids), getMeta(db, 'settings')]);
      const today = trackerToday(now(), settings?.timezone);
      const windowDays = settings?.evidenceWindowDays ?? DEFAULT_SETTINGS.evidenceWindowDays;
      const withEvidence = targets.map((t) => {
        const e = combineEvidence(sheet[t.id], local[t.id] ?? [], today, windowDays);
        return {
          ...t,
          ...(e.last ? { lastEvidence: e.last } : {}),
          recent: { count: e.count, days: e.days, ...(e.asOf ? { asOf: e.asOf } : {}) },
        };
      });
      const now_ = await sessionNow(ctx, db, req.pupilId, withEvidence);
      return {
        pupil: { ...pagePupil(pupil), ...(pupil.primaryNeed ? { primaryNeed: pupil.primaryNeed } : {}) },
        targets: now_?.targets ?? withEvidence,
        ...(now_ ? { session: now_.session } : {}),
      };
    },

    'logs/today': async () => {
      const db = await deps.db();
      const [from, to] = todayRange(now());
      const [today, pupils, targets] = await Promise.all([(await logs()).between(from, to), db.getAll('pupils'), db.getAll('targets')]);
      const names: Record<string, string> = {};
      for (const p of pupils) names[p.id] = pupilName(p);
      // As they now stand: edits applied; voided ones kept in the list (marked) so the LSA sees what happened.
      const applied = applyCorrections(today);
      const shown = today.filter((l) => !isCorrection(l)).map((l) => (applied.edited.get(l.id) as StoredLog | undefined) ?? l);
      // The popup shows what a log was about in words (the target's text), never its code.
      const targetTexts: Record<string, string> = {};
      for (const t of targets) targetTexts[t.id] = t.text;
      return { logs: shown.reverse(), names, voided: [...applied.voided], targetTexts };
    },

    status: async () => {
      const db = await deps.db();
      const [sync, me, pupils, source, sheetConnected] = await Promise.all([
        readSyncState(db),
        getMeta(db, 'me'),
        db.count('pupils'),
        getMeta(db, 'caseloadSource'),
        deps.syncConnected?.() ?? Promise.resolve(false),
      ]);
      return { sync, pupils, connected: sheetConnected, ...(me ? { me } : {}), ...(source ? { caseloadFrom: source.from } : {}) };
    },
  };
}

/** Saving a log, and undoing or editing one: in the outbox while unsent, by a correction row once it may be sent. */
function logHandlers({ deps, now, logs }: RouterContext): Pick<Handlers, 'log/add' | 'log/undo' | 'log/update'> {
  /** A log made on this device (a device holds only its own logs), and whether it may already be in the Sheet. */
  const ownLog = async (id: string) => {
    const store = await logs();
    const log = await store.get(id);
    if (!log || isCorrection(log)) throw new Refusal('That log is not on this device.');
    const inFlight = deps.sending ? await deps.sending() : [];
    return { store, log, sent: log.syncedAt !== undefined || inFlight.includes(id) };
  };
  /** The log's values after this device's corrections of it, or 'voided'. */
  const asItStands = async (store: IdbLogStore, log: StoredLog): Promise<LogValuesOf | 'voided'> => {
    const applied = applyCorrections([log, ...(await store.correctionsOf(log.id))]);
    if (applied.voided.has(log.id)) return 'voided';
    const l = applied.edited.get(log.id) ?? log;
    return {
      pupilId: l.pupilId,
      ...(l.targetId !== undefined ? { targetId: l.targetId } : {}),
      ...(l.rating !== undefined ? { rating: l.rating } : {}),
      ...(l.prompt !== undefined ? { prompt: l.prompt } : {}),
      ...(l.minutes !== undefined ? { minutes: l.minutes } : {}),
      ...(l.note !== undefined ? { note: l.note } : {}),
    };
  };
  /** Who and when: the person this device says it is, else whoever made the log (only they can correct it here). */
  const correctionMeta = async (log: StoredLog) => {
    const who = (await getMeta(await deps.db(), 'me')) ?? log.staffId;
    return { id: (deps.uuid ?? (() => uuidV4()))(), time: isoWithOffset(new Date(now())), ...(who ? { staffId: who } : {}) };
  };

  return {
    'log/add': async (req) => {
      const db = await deps.db();
      const known = new Set(await db.getAllKeys('pupils'));
      const problem = logEntryProblem(req.entry, (id) => known.has(id));
      if (problem) throw new Refusal(problem);
      await (await logs()).add(sheetFields(req.entry));
      return { savedAt: now() };
    },

    'log/undo': async (req) => {
      const { store, log, sent } = await ownLog(req.id);
      if (!sent && (await store.remove(req.id))) return { removed: true };
      const current = await asItStands(store, log);
      if (current === 'voided') return { removed: false, corrected: false };
      await store.add(voidCorrection(log, await correctionMeta(log)));
      return { removed: false, corrected: true };
    },

    'log/update': async (req) => {
      const changes = { ...req.changes };
      if (changes.note !== undefined) changes.note = String(changes.note).slice(0, 500);
      const { store, log, sent } = await ownLog(req.id);
      if (!sent && (await store.update(req.id, changes))) return { updated: true };
      const current = await asItStands(store, log);
      if (current === 'voided') throw new Refusal(`${UNDO_TEXT.alreadyVoid}: it cannot be edited.`);
      const values = { ...current, ...changes };
      if (values.note !== undefined && values.note.trim() === '') delete values.note;
      await store.add(editCorrection(log, values, await correctionMeta(log)));
      return { updated: false, corrected: true };
    },
  };
}

/** Teaching a site, re-registering content scripts, and starting a sync. */
function controlHandlers({
  deps,
  now,
  connected,
}: RouterContext): Pick<Handlers, 'site/save-rule' | 'registration/refresh' | 'sync/now' | 'sync/opened'> {
  return {
    'site/save-rule': async (req, sender) => {
      if (!sender.url) throw new Refusal('Teach a site from the page itself.');
      const origin = new URL(sender.url).origin;
      if (typeof req.selector !== 'string' || req.selector.length === 0 || req.selector.length > 500)
        throw new Refusal('That element could not be remembered.');
      await saveSiteRule(await deps.db(), origin, req.selector, now());
      return { origin };
    },

    'registration/refresh': async () => ({ matches: (await deps.refreshRegistration?.()) ?? [] }),

    'sync/now': async () => {
      if (!deps.syncNow || !(await connected())) return { started: false };
      void deps.syncNow();
      return { started: true };
    },

    'sync/opened': async () => {
      if (!deps.syncOnOpen || !(await connected())) return { started: false };
      void deps.syncOnOpen();
      return { started: true };
    },
  };
}
