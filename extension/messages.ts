// The messages between the extension's parts. Content scripts run in the MIS page's origin, so the store
// (IndexedDB in the extension's origin) is reached only through these, answered by the service worker.
// Every answer is either `{ ok: true, … }` or `{ ok: false, error }` with a plain-English error.
import type { LogEntry, Pupil, Session, Target } from '../shared/index';
import type { StoredLog } from './store/db';
import type { SyncState } from './store/sync-state';

/** What a content script needs to find pupils on a page: no targets, no logs, just identity. */
export type PagePupil = Pick<Pupil, 'id' | 'firstName' | 'lastName' | 'upn' | 'misId' | 'year' | 'className' | 'senStatus' | 'primaryNeed'>;

export interface TargetWithEvidence extends Target {
  /** The latest log against this target, from any device (the Sheet) or this one: when (ms), rating, prompt. */
  lastEvidence?: { at: number; rating?: LogEntry['rating']; prompt?: LogEntry['prompt'] };
  /** Logs in the evidence window of `days` days ending today (or ending `asOf`, dd/mm/yyyy shown, when the
   * Sheet has not been read since). */
  recent?: { count: number; days: number; asOf?: string };
}

/** What the overlay and the popup say after Undo or Edit: exactly what happened, or will happen, to the Sheet. */
export const UNDO_TEXT = {
  removed: 'Removed — it had not been sent',
  corrected: 'Will add a correction to the Sheet marking this log void',
  alreadyVoid: 'This log was already marked void',
  editedInPlace: 'Log updated — it had not been sent',
  editCorrected: 'Will add a correction to the Sheet with the new values',
  /** Said before the click, on a log that has reached the Sheet. */
  undoHint: 'Already sent: Undo adds a correction to the Sheet marking this log void',
} as const;

export interface SessionNow {
  session: Session;
  recorded?: LogEntry;
  targetId?: string;
}

export type LogChanges = Partial<Pick<LogEntry, 'rating' | 'prompt' | 'minutes' | 'note'>>;

export type Request =
  | { type: 'page/caseload'; url: string }
  | { type: 'pupil/details'; pupilId: string }
  | { type: 'log/add'; entry: LogEntry }
  | { type: 'log/undo'; id: string }
  | { type: 'log/update'; id: string; changes: LogChanges }
  | { type: 'logs/today' }
  | { type: 'status' }
  | { type: 'site/save-rule'; selector: string }
  | { type: 'registration/refresh' }
  | { type: 'sync/now' }
  /** The popup opened: send the outbox, and re-read the caseload if the copy here is over a minute old. */
  | { type: 'sync/opened' };

export interface Responses {
  'page/caseload': { pupils: PagePupil[]; me?: string; siteSelector?: string };
  /** `session`: the rota session the LSA is in with this pupil right now (narrowed to this pupil), its outcome so far
   * on this device, and the target it usually works on (listed first in `targets`). */
  'pupil/details': { pupil: PagePupil; targets: TargetWithEvidence[]; session?: SessionNow };
  'log/add': { savedAt: number };
  /** `removed`: it had not been sent and is gone from this device. `corrected`: it had reached the Sheet (or was on
   * its way), so a Correction row voiding it is queued. Neither: it was voided already. */
  'log/undo': { removed: boolean; corrected?: boolean };
  /** `updated`: changed in place before it was sent. `corrected`: a Correction row with the new values is queued. */
  'log/update': { updated: boolean; corrected?: boolean };
  /** Today's logs made on this device as they now stand (edits applied, Correction rows left out); `voided` lists
   * the ones an undo voided after they were sent; `targetTexts` names each target in words. */
  'logs/today': { logs: StoredLog[]; names: Record<string, string>; voided: string[]; targetTexts: Record<string, string> };
  /** `connected`: a tracker Sheet is set up (false = local-only mode). */
  status: { sync: SyncState; me?: string; pupils: number; caseloadFrom?: string; connected: boolean };
  'site/save-rule': { origin: string };
  'registration/refresh': { matches: string[] };
  'sync/now': { started: boolean };
  'sync/opened': { started: boolean };
}

export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;
export type Reply<T extends RequestType> = ({ ok: true } & Responses[T]) | { ok: false; error: string };

/** Messages background sends to a tab's content script. */
export type TabRequest = { type: 'picker/start' } | { type: 'overlay/refresh' } | { type: 'overlay/ping' };

/** The minimal shape of chrome.runtime.sendMessage, so callers can be tested with a fake. */
export type SendMessage = (message: unknown) => Promise<unknown>;

/** Ask background; a missing or broken service worker becomes a plain `{ ok: false }`, never a throw. */
export async function ask<T extends RequestType>(send: SendMessage, request: RequestOf<T>): Promise<Reply<T>> {
  try {
    const reply = (await send(request)) as Reply<T> | undefined;
    return reply ?? { ok: false, error: 'Caseload did not answer. Try reloading the page.' };
  } catch {
    return { ok: false, error: 'Caseload could not be reached. Try reloading the page.' };
  }
}
