// What the popup says about sync: when the Sheet last confirmed our logs, what went wrong last (in words an
// LSA understands), and how many logs are still only on this device (derived from the outbox, never stored).
import type { IDBPDatabase } from 'idb';
import { getMeta, setMeta, type CaseloadDb } from './db';

export interface SyncState {
  /** When the Sheet last confirmed a sync run. */
  lastSyncAt?: number;
  /** Why the last attempt failed, in plain English; absent after a good run. */
  lastError?: string;
  /** When that failed attempt was. */
  lastErrorAt?: number;
  unsynced: number;
}

export async function readSyncState(db: IDBPDatabase<CaseloadDb>): Promise<SyncState> {
  const [state, unsynced] = await Promise.all([getMeta(db, 'syncState'), db.count('outbox')]);
  return { ...state, unsynced };
}

/** Record the end of a sync attempt: success clears the error, failure keeps the last good time. */
export async function recordSyncResult(db: IDBPDatabase<CaseloadDb>, result: { at: number; error?: string }): Promise<void> {
  const prev = (await getMeta(db, 'syncState')) ?? {};
  if (result.error === undefined) await setMeta(db, 'syncState', { lastSyncAt: result.at });
  else
    await setMeta(db, 'syncState', {
      ...(prev.lastSyncAt !== undefined ? { lastSyncAt: prev.lastSyncAt } : {}),
      lastError: result.error,
      lastErrorAt: result.at,
    });
}
