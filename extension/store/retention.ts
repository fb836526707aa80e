// Retention on the device: a log stays here only until the Sheet has it and the retention period has passed
// (default 30 days; IT sets `logRetentionDays` in the managed configuration, extension/public/managed-schema.json).
// Logs not yet confirmed by the Sheet are never purged: purging them would lose them. Run on the sync alarm.
import type { IDBPDatabase } from 'idb';
import type { CaseloadDb } from './db';

export const DEFAULT_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

/** The managed setting, clamped to 1–365 days; anything else means the default. */
export function retentionDays(managed: unknown): number {
  const n = (managed as { logRetentionDays?: unknown } | undefined)?.logRetentionDays;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 365 ? n : DEFAULT_RETENTION_DAYS;
}

/** Delete synced logs confirmed more than `days` ago. Returns how many went. */
export async function purgeSyncedLogs(db: IDBPDatabase<CaseloadDb>, now: number, days: number): Promise<number> {
  const cutoff = now - days * DAY_MS;
  const tx = db.transaction(['logs', 'outbox'], 'readwrite');
  let purged = 0;
  let cursor = await tx.objectStore('logs').openCursor();
  while (cursor) {
    const log = cursor.value;
    if (log.syncedAt !== undefined && log.syncedAt < cutoff && !(await tx.objectStore('outbox').getKey(log.id))) {
      await cursor.delete();
      purged++;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return purged;
}
