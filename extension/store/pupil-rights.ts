// Subject access and erasure for one pupil in this browser's store (the tracker's copy is handled by the add-on
// or `caseload pupil-export` / `pupil-erase`). Used by Options ("Export everything about one pupil",
// "Erase one pupil").
import type { IDBPDatabase } from 'idb';
import type { CaseloadDb } from './db';

/** Everything this device holds about one pupil. */
export async function devicePupilRecord(db: IDBPDatabase<CaseloadDb>, pupilId: string) {
  const [pupil, targets, logs, rota] = await Promise.all([
    db.get('pupils', pupilId),
    db.getAllFromIndex('targets', 'byPupil', pupilId),
    db.getAllFromIndex('logs', 'byPupil', pupilId),
    db.getAll('rota'),
  ]);
  const evidence = (await Promise.all(targets.map((t) => db.get('evidence', t.id)))).filter((e) => e !== undefined);
  const outbox = (await Promise.all(logs.map((l) => db.get('outbox', l.id)))).filter((o) => o !== undefined);
  return {
    pupilId,
    exportedFrom: 'this browser (Caseload extension)',
    pupil: pupil ?? null,
    targets,
    logs,
    evidence,
    waitingToSync: outbox.map((o) => o.id),
    rota: rota.filter((b) => b.pupilIds?.includes(pupilId)),
  };
}

/**
 * Remove the pupil from this device: their record, targets, logs (even unsynced ones: erasure is a legal
 * override, so `unsynced` says how many never reached the Sheet), evidence, and their place in rota groups.
 * The next pull from the Sheet brings them back unless they are erased from the Sheet too.
 */
export async function eraseDevicePupil(
  db: IDBPDatabase<CaseloadDb>,
  pupilId: string,
): Promise<{ logs: number; unsynced: number; targets: number }> {
  const tx = db.transaction(['pupils', 'targets', 'logs', 'outbox', 'evidence', 'rota'], 'readwrite');
  const targets = await tx.objectStore('targets').index('byPupil').getAll(pupilId);
  const logs = await tx.objectStore('logs').index('byPupil').getAll(pupilId);
  let unsynced = 0;
  for (const l of logs) {
    if (await tx.objectStore('outbox').getKey(l.id)) {
      unsynced++;
      await tx.objectStore('outbox').delete(l.id);
    }
    await tx.objectStore('logs').delete(l.id);
  }
  for (const t of targets) {
    await tx.objectStore('targets').delete(t.id);
    await tx.objectStore('evidence').delete(t.id);
  }
  await tx.objectStore('pupils').delete(pupilId);
  let cursor = await tx.objectStore('rota').openCursor();
  while (cursor) {
    const ids = cursor.value.pupilIds ?? [];
    if (ids.includes(pupilId)) await cursor.update({ ...cursor.value, pupilIds: ids.filter((id) => id !== pupilId) });
    cursor = await cursor.continue();
  }
  await tx.done;
  return { logs: logs.length, unsynced, targets: targets.length };
}
