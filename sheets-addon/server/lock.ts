// Every write happens under the document lock, so two people pressing "Set up" or "Write cover" at once
// cannot interleave half-finished writes.
import { gas } from './gas';

const LOCK_WAIT_MS = 30_000;

export function withDocumentLock<T>(work: () => T): T {
  const lock = gas().LockService.getDocumentLock();
  if (!lock) return work(); // no document (e.g. run from the script editor): nothing to contend with
  lock.waitLock(LOCK_WAIT_MS);
  try {
    const out = work();
    gas().SpreadsheetApp.flush(); // make the writes land before another waiter reads
    return out;
  } finally {
    lock.releaseLock();
  }
}
