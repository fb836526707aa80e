// replaceCaseload's writes: made in batches inside one transaction, the next batch as soon as the one before has
// started completing. These pin that every record arrives in order, that the transaction never closes early (a
// request made on a closed transaction throws), and that no more than two batches are pending at once.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { inBatches, readCaseload, replaceCaseload } from '../../extension/store/caseload';
import { openCaseloadDb } from '../../extension/store/db';
import type { RotaBlock } from '../../shared/model';

describe('inBatches', () => {
  it('stores every record in order within one transaction, with at most two batches pending', async () => {
    const db = await openCaseloadDb(`batches-${Math.random()}`);
    const tx = db.transaction('staff', 'readwrite');
    let pending = 0;
    let most = 0;
    const writes = Array.from({ length: 53 }, (_, i) => () => {
      pending++;
      most = Math.max(most, pending);
      return tx
        .objectStore('staff')
        .put({ id: `S${String(i).padStart(3, '0')}`, name: `Person ${i}`, role: 'TA', pattern: '' } as never)
        .finally(() => pending--);
    });
    await inBatches(writes, 5);
    await tx.done;
    expect(most).toBeGreaterThan(5); // the next batch was made before the last one finished…
    expect(most).toBeLessThanOrEqual(10); // …but never more than two batches at once
    const stored = await db.getAll('staff');
    expect(stored.map((s) => s.id)).toEqual(Array.from({ length: 53 }, (_, i) => `S${String(i).padStart(3, '0')}`));
    db.close();
  });

  it('does nothing for no writes, and a whole caseload of several batches reads back in order', async () => {
    await inBatches([]);
    const db = await openCaseloadDb(`batches-${Math.random()}`);
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
});
