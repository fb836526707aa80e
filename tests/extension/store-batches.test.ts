// replaceCaseload's writes: made in batches inside one transaction, the next batch as soon as the one before has
// started completing. These pin that every record arrives in order, that the transaction never closes early (a
// request made on a closed transaction throws), that no more than two batches are pending at once, and that a
// record the store refuses leaves what was stored before untouched.
import 'fake-indexeddb/auto';
import { unwrap } from 'idb';
import { describe, expect, it } from 'vitest';
import { readCaseload, replaceCaseload, writeInBatches } from '../../extension/store/caseload';
import { openCaseloadDb } from '../../extension/store/db';
import type { Pupil, RotaBlock } from '../../shared/model';

const staffId = (i: number) => `S${String(i).padStart(3, '0')}`;

describe('writeInBatches', () => {
  it('stores every record in order within one transaction, with at most two batches pending', async () => {
    const db = await openCaseloadDb(`batches-${Math.random()}`);
    const tx = db.transaction('staff', 'readwrite');
    const raw = unwrap(tx);
    let made = 0;
    let done = 0;
    let most = 0;
    // Count requests as the store sees them: made, and answered.
    const objectStore = raw.objectStore.bind(raw);
    const counted = new WeakSet<IDBObjectStore>();
    raw.objectStore = (name: string) => {
      const store = objectStore(name);
      if (counted.has(store)) return store; // the same store object may come back each time
      counted.add(store);
      const put = store.put.bind(store);
      store.put = (value: unknown, key?: IDBValidKey) => {
        made++;
        most = Math.max(most, made - done);
        const request = put(value, key);
        request.addEventListener('success', () => done++);
        return request;
      };
      return store;
    };
    const writes = Array.from({ length: 53 }, (_, i) => ({
      store: 'staff' as const,
      value: { id: staffId(i), name: `Person ${i}`, role: 'TA', pattern: '' },
    }));
    writeInBatches(raw, writes, 5);
    await tx.done;
    expect(made).toBe(53);
    expect(most).toBeGreaterThan(5); // the next batch was made before the last one finished…
    expect(most).toBeLessThanOrEqual(10); // …but never more than two batches at once
    const stored = await db.getAll('staff');
    expect(stored.map((s) => s.id)).toEqual(Array.from({ length: 53 }, (_, i) => staffId(i)));
    db.close();
  });

  it('does nothing for no writes, and a whole caseload of several batches reads back in order', async () => {
    const db = await openCaseloadDb(`batches-${Math.random()}`);
    const empty = db.transaction('staff', 'readwrite');
    writeInBatches(unwrap(empty), []);
    await empty.done;
    const rota: RotaBlock[] = Array.from({ length: 450 }, (_, i) => ({
      staffId: 'S1',
      day: 'Mon',
      start: 480 + i,
      end: 481 + i,
      activity: 'Duty',
      pupilIds: [],
      needs: [],
    }));
    await replaceCaseload({ pupils: [], targets: [], staff: [], rota }, { db });
    const back = await readCaseload(db);
    expect(back.rota.map((b) => b.start)).toEqual(rota.map((b) => b.start));
    db.close();
  });

  it('a record the store refuses rolls the whole replace back: the caseload stored before is still there', async () => {
    const db = await openCaseloadDb(`batches-${Math.random()}`);
    const pupil = { id: 'P1', firstName: 'Ada', lastName: 'Lovelace' } as Pupil;
    await replaceCaseload({ pupils: [pupil], targets: [], staff: [], rota: [] }, { db, from: 'first' });
    const keyless = { firstName: 'No', lastName: 'Id' } as Pupil; // the pupils store's key is `id`
    await expect(replaceCaseload({ pupils: [keyless], targets: [], staff: [], rota: [] }, { db, from: 'second' })).rejects.toThrow();
    const back = await readCaseload(db);
    expect(back.pupils.map((p) => p.id)).toEqual(['P1']);
    expect(back.source?.from).toBe('first');
    db.close();
  });
});
