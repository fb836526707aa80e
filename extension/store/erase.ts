// "Erase all data": every store emptied in one transaction, so a failure leaves everything as it was.
import type { IDBPDatabase } from 'idb';
import type { CaseloadDb } from './db';

const STORES = ['pupils', 'targets', 'staff', 'rota', 'logs', 'outbox', 'siteRules', 'evidence', 'meta'] as const;

export async function eraseAll(db: IDBPDatabase<CaseloadDb>): Promise<void> {
  const tx = db.transaction([...STORES], 'readwrite');
  await Promise.all(STORES.map((s) => tx.objectStore(s).clear()));
  await tx.done;
}
