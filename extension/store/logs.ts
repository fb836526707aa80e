// Logs and their outbox. A log and its outbox entry are written in one transaction and `add` resolves only on
// `tx.done`, so "Saved" in the overlay means durable. The outbox holds only ids: the log itself is the payload.
import type { IDBPDatabase } from 'idb';
import type { LogEntry } from '../../shared/index';
import type { LogStore } from '../../shared/index';
import type { CaseloadDb, StoredLog } from './db';

/** Strip the device-only fields so the sync engine sees exactly the sheet's shape. */
export function toLogEntry(stored: StoredLog): LogEntry {
  const { at: _at, syncedAt: _syncedAt, ...entry } = stored;
  return entry;
}

export class IdbLogStore implements LogStore {
  constructor(
    private readonly db: IDBPDatabase<CaseloadDb>,
    private readonly now: () => number = Date.now,
  ) {}

  async add(entry: LogEntry): Promise<void> {
    const at = this.now();
    const tx = this.db.transaction(['logs', 'outbox'], 'readwrite');
    // A retry of the same tap (same UUID) must not duplicate: put, not add.
    void tx.objectStore('logs').put({ ...entry, at });
    void tx.objectStore('outbox').put({ id: entry.id, at });
    await tx.done;
  }

  async remove(id: string): Promise<boolean> {
    const tx = this.db.transaction(['logs', 'outbox'], 'readwrite');
    const queued = await tx.objectStore('outbox').get(id);
    if (!queued) {
      await tx.done;
      return false;
    }
    void tx.objectStore('outbox').delete(id);
    void tx.objectStore('logs').delete(id);
    await tx.done;
    return true;
  }

  async pending(limit: number): Promise<LogEntry[]> {
    const tx = this.db.transaction(['logs', 'outbox'], 'readonly');
    const out: LogEntry[] = [];
    let cursor = await tx.objectStore('outbox').index('byTime').openCursor();
    while (cursor && out.length < limit) {
      const log = await tx.objectStore('logs').get(cursor.value.id);
      if (log) out.push(toLogEntry(log));
      cursor = await cursor.continue();
    }
    await tx.done;
    return out;
  }

  async markSynced(ids: readonly string[], at: number): Promise<void> {
    const tx = this.db.transaction(['logs', 'outbox'], 'readwrite');
    const logs = tx.objectStore('logs');
    for (const id of ids) {
      void tx.objectStore('outbox').delete(id);
      const log = await logs.get(id);
      if (log) void logs.put({ ...log, syncedAt: at });
    }
    await tx.done;
  }

  /** Change a log that has not left the device yet (the sheet's Log tab is append-only). */
  async update(id: string, changes: Partial<Pick<LogEntry, 'rating' | 'prompt' | 'minutes' | 'note'>>): Promise<boolean> {
    const tx = this.db.transaction(['logs', 'outbox'], 'readwrite');
    const [queued, log] = await Promise.all([tx.objectStore('outbox').get(id), tx.objectStore('logs').get(id)]);
    if (!queued || !log) {
      await tx.done;
      return false;
    }
    void tx.objectStore('logs').put({ ...log, ...changes });
    await tx.done;
    return true;
  }

  async get(id: string): Promise<StoredLog | undefined> {
    return this.db.get('logs', id);
  }

  /** Logs saved in [from, to) milliseconds, oldest first. */
  async between(from: number, to: number): Promise<StoredLog[]> {
    return this.db.getAllFromIndex('logs', 'byTime', IDBKeyRange.bound(from, to, false, true));
  }

  /** Every log on this device against each of these targets (a device holds only its own logs: few per target). */
  async forTargets(targetIds: readonly string[]): Promise<Record<string, StoredLog[]>> {
    const tx = this.db.transaction('logs', 'readonly');
    const index = tx.store.index('byTarget');
    const out: Record<string, StoredLog[]> = {};
    await Promise.all(targetIds.map(async (targetId) => void (out[targetId] = await index.getAll(targetId))));
    await tx.done;
    return out;
  }

  async unsyncedCount(): Promise<number> {
    return this.db.count('outbox');
  }

  async all(): Promise<StoredLog[]> {
    return this.db.getAllFromIndex('logs', 'byTime');
  }
}
