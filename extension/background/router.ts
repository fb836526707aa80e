// Background's answers to the other parts, as plain functions over the store: no chrome.* in here, so the
// whole router runs in unit tests against fake-indexeddb.
import type { IDBPDatabase } from 'idb';
import { DEFAULT_SETTINGS, pupilName, type LogEntry } from '../../shared/index';
import { trackerToday } from '../../shared/index';
import type { PagePupil, Reply, Request, RequestOf, RequestType, Responses } from '../messages';
import { getMeta, type CaseloadDb } from '../store/db';
import { IdbLogStore } from '../store/logs';
import { combineEvidence, evidenceFor } from '../store/evidence';
import { siteRuleFor, saveSiteRule } from '../store/site-rules';
import { readSyncState } from '../store/sync-state';
import { logEntryProblem } from './validate';

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
}

/** Who sent a message: the tab's URL for content scripts, nothing for extension pages. */
export interface SenderInfo {
  url?: string;
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

function pagePupil(p: PagePupil): PagePupil {
  const out: PagePupil = { id: p.id, firstName: p.firstName, lastName: p.lastName };
  if (p.upn) out.upn = p.upn;
  if (p.misId) out.misId = p.misId;
  if (p.year) out.year = p.year;
  if (p.className) out.className = p.className;
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

export function createRouter(deps: RouterDeps): (req: Request, sender: SenderInfo) => Promise<Reply<RequestType>> {
  const now = deps.now ?? Date.now;
  const logs = async () => new IdbLogStore(await deps.db(), now);
  /** Without the sync engine wired in there is nothing to ask: sync/now then depends on syncNow alone. */
  const connected = async () => (deps.syncConnected ? deps.syncConnected() : true);

  const handlers: { [T in RequestType]: Handler<T> } = {
    'page/caseload': async (req) => {
      const db = await deps.db();
      const [pupils, me] = await Promise.all([db.getAll('pupils'), getMeta(db, 'me')]);
      let origin: string | undefined;
      try {
        origin = new URL(req.url).origin;
      } catch {
        origin = undefined;
      }
      const rule = origin ? await siteRuleFor(db, origin) : undefined;
      return {
        pupils: pupils.map(pagePupil),
        ...(me ? { me } : {}),
        ...(rule ? { siteSelector: rule.selector } : {}),
      };
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
      return {
        pupil: pagePupil(pupil),
        targets: targets.map((t) => {
          const e = combineEvidence(sheet[t.id], local[t.id] ?? [], today, windowDays);
          return {
            ...t,
            ...(e.last ? { lastEvidence: e.last } : {}),
            recent: { count: e.count, days: e.days, ...(e.asOf ? { asOf: e.asOf } : {}) },
          };
        }),
      };
    },

    'log/add': async (req) => {
      const db = await deps.db();
      const known = new Set(await db.getAllKeys('pupils'));
      const problem = logEntryProblem(req.entry, (id) => known.has(id));
      if (problem) throw new Refusal(problem);
      await (await logs()).add(sheetFields(req.entry));
      return { savedAt: now() };
    },

    'log/undo': async (req) => ({ removed: await (await logs()).remove(req.id) }),

    'log/update': async (req) => {
      const changes = { ...req.changes };
      if (changes.note !== undefined) changes.note = String(changes.note).slice(0, 500);
      return { updated: await (await logs()).update(req.id, changes) };
    },

    'logs/today': async () => {
      const db = await deps.db();
      const [from, to] = todayRange(now());
      const [today, pupils] = await Promise.all([(await logs()).between(from, to), db.getAll('pupils')]);
      const names: Record<string, string> = {};
      for (const p of pupils) names[p.id] = pupilName(p);
      return { logs: today.reverse(), names };
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

  return async (req, sender) => {
    const handler = handlers[req?.type] as Handler<RequestType> | undefined;
    if (!handler) return { ok: false, error: 'Unknown request.' };
    try {
      return { ok: true, ...(await handler(req as never, sender)) } as Reply<RequestType>;
    } catch (e) {
      if (e instanceof Refusal) return { ok: false, error: e.message };
      console.error('[caseload] request failed', req.type, e);
      return { ok: false, error: 'Something went wrong saving on this device. Please try again.' };
    }
  };
}
