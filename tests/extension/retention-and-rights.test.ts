// The device store's retention purge and one-pupil export/erasure (extension/store/retention.ts,
// pupil-rights.ts) on fake-indexeddb, through the real store code.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { replaceCaseload } from '../../extension/store/caseload';
import { openCaseloadDb } from '../../extension/store/db';
import { IdbLogStore } from '../../extension/store/logs';
import { devicePupilRecord, eraseDevicePupil } from '../../extension/store/pupil-rights';
import { DEFAULT_RETENTION_DAYS, purgeSyncedLogs, retentionDays } from '../../extension/store/retention';
import type { LogEntry } from '../../shared/model';

const DAY = 86_400_000;
const NOW = new Date(2026, 10, 30, 9).getTime();
let n = 0;

async function setup() {
  const db = await openCaseloadDb(`rights-${++n}-${Math.random()}`);
  const pupil = (id: string, firstName: string) => ({
    id,
    firstName,
    lastName: 'Test',
    areasOfNeed: [],
    ehcp: true,
    phaseTransfer: false,
    keyWorker: 'S1',
    fundedHours: 5,
  });
  await replaceCaseload(
    {
      pupils: [pupil('P1', 'Isla'), pupil('P2', 'Kai')],
      targets: [
        { id: 'T1', pupilId: 'P1', text: 'Waits for a turn', status: 'Developing' },
        { id: 'T2', pupilId: 'P2', text: 'Reads aloud', status: 'Developing' },
      ],
      staff: [{ id: 'S1', name: 'Jo Patel' }],
      rota: [{ day: 'Mon', start: 540, end: 600, staffId: 'S1', activity: 'Group', pupilIds: ['P1', 'P2'] }],
    } as never,
    { db },
  );
  return db;
}
const log = (pupilId: string, targetId: string): LogEntry => ({
  id: crypto.randomUUID(),
  time: '2026-11-01T10:00:00+00:00',
  pupilId,
  targetId,
  kind: 'Progress',
  rating: 'Secure',
});

describe('retention on the device', () => {
  it('purges logs synced more than the retention period ago, and never an unsynced one', async () => {
    const db = await setup();
    const store = new IdbLogStore(db, () => NOW - 40 * DAY);
    const [old, recent, unsent] = [log('P1', 'T1'), log('P1', 'T1'), log('P2', 'T2')];
    for (const l of [old, recent, unsent]) await store.add(l);
    await store.markSynced([old.id], NOW - 31 * DAY);
    await store.markSynced([recent.id], NOW - 29 * DAY);
    expect(await purgeSyncedLogs(db, NOW, 30)).toBe(1);
    expect(await db.get('logs', old.id)).toBeUndefined();
    expect(await db.get('logs', recent.id)).toBeDefined();
    expect(await db.get('logs', unsent.id)).toBeDefined();
    // A shorter managed period purges the recent one too; the unsynced log stays whatever the period.
    expect(await purgeSyncedLogs(db, NOW, 7)).toBe(1);
    expect(await db.get('logs', unsent.id)).toBeDefined();
  });

  it('takes the period from managed config (1–365 whole days), else 30', () => {
    expect(retentionDays({})).toBe(DEFAULT_RETENTION_DAYS);
    expect(DEFAULT_RETENTION_DAYS).toBe(30);
    expect(retentionDays({ logRetentionDays: 7 })).toBe(7);
    for (const bad of [0, -1, 366, 2.5, '7', null]) expect(retentionDays({ logRetentionDays: bad })).toBe(30);
  });
});

describe('one pupil on the device', () => {
  it('exports everything about the pupil and nothing about others', async () => {
    const db = await setup();
    const store = new IdbLogStore(db, () => NOW);
    await store.add(log('P1', 'T1'));
    await store.add(log('P2', 'T2'));
    const r = await devicePupilRecord(db, 'P1');
    expect(r.pupil?.firstName).toBe('Isla');
    expect(r.targets.map((t) => t.id)).toEqual(['T1']);
    expect(r.logs.map((l) => l.pupilId)).toEqual(['P1']);
    expect(r.waitingToSync).toHaveLength(1);
    expect(r.rota).toHaveLength(1);
    expect(JSON.stringify(r)).not.toContain('Kai');
  });

  it('erases the pupil, their targets, logs, outbox entries and rota place, leaving others', async () => {
    const db = await setup();
    const store = new IdbLogStore(db, () => NOW);
    const mine = log('P1', 'T1');
    const theirs = log('P2', 'T2');
    await store.add(mine);
    await store.add(theirs);
    expect(await eraseDevicePupil(db, 'P1')).toEqual({ logs: 1, unsynced: 1, targets: 1 });
    expect(await db.get('pupils', 'P1')).toBeUndefined();
    expect(await db.get('targets', 'T1')).toBeUndefined();
    expect(await db.get('logs', mine.id)).toBeUndefined();
    expect(await db.get('outbox', mine.id)).toBeUndefined();
    expect((await db.getAll('rota'))[0]?.pupilIds).toEqual(['P2']);
    expect(await db.get('logs', theirs.id)).toBeDefined();
    expect(await db.get('pupils', 'P2')).toBeDefined();
  });
});
