import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { LogEntry, Pupil, Target } from '../../shared/model';
import { openCaseloadDb, DB_VERSION } from '../../extension/store/db';
import { IdbLogStore } from '../../extension/store/logs';
import { readCaseload, replaceCaseload } from '../../extension/store/caseload';
import { readSyncState, recordSyncResult } from '../../extension/store/sync-state';
import { saveSiteRule, siteRuleFor } from '../../extension/store/site-rules';
import { eraseAll } from '../../extension/store/erase';
import { combineEvidence, evidenceFor } from '../../extension/store/evidence';
import { editCorrection, voidCorrection } from '../../shared/corrections';

let n = 0;
const freshName = () => `caseload-test-${++n}-${Math.random().toString(36).slice(2)}`;

function log(id: string, extra: Partial<LogEntry> = {}): LogEntry {
  return { id, time: '2026-11-23T10:15:00+00:00', pupilId: 'P01', targetId: 'T01', kind: 'Progress', rating: 'Developing', ...extra };
}

const pupil: Pupil = {
  id: 'P01',
  firstName: 'Amara',
  lastName: 'Okafor',
  areasOfNeed: ['C&I'],
  senStatus: 'E',
  phaseTransfer: false,
  row: 2,
};
const target: Target = { id: 'T01', pupilId: 'P01', text: 'Uses a visual timetable to move between tasks', status: 'Developing' };

describe('IdbLogStore', () => {
  it('persists the log and queues it, and pending lists oldest first', async () => {
    const db = await openCaseloadDb(freshName());
    let clock = 1000;
    const store = new IdbLogStore(db, () => clock++);
    await store.add(log('b'));
    await store.add(log('a'));
    expect((await db.getAll('outbox')).map((o) => o.id).sort()).toEqual(['a', 'b']);
    const pending = await store.pending(10);
    expect(pending.map((l) => l.id)).toEqual(['b', 'a']);
    // Device-only fields stay on the device.
    expect(pending[0]).not.toHaveProperty('at');
    expect(await store.pending(1)).toHaveLength(1);
  });

  it('does not duplicate a retried tap with the same id', async () => {
    const db = await openCaseloadDb(freshName());
    const store = new IdbLogStore(db);
    await store.add(log('same'));
    await store.add(log('same', { note: 'retry' }));
    expect(await db.count('logs')).toBe(1);
    expect(await store.unsyncedCount()).toBe(1);
  });

  it('undo removes an unsynced log but refuses one the sheet already has', async () => {
    const db = await openCaseloadDb(freshName());
    const store = new IdbLogStore(db);
    await store.add(log('x'));
    await store.add(log('y'));
    expect(await store.remove('x')).toBe(true);
    expect(await store.get('x')).toBeUndefined();
    await store.markSynced(['y'], 5000);
    expect(await store.remove('y')).toBe(false);
    const y = await store.get('y');
    expect(y?.syncedAt).toBe(5000);
    expect(await store.pending(10)).toEqual([]);
    expect(await store.remove('never-existed')).toBe(false);
  });

  it('edits only logs still waiting to sync', async () => {
    const db = await openCaseloadDb(freshName());
    const store = new IdbLogStore(db);
    await store.add(log('e1'));
    await store.add(log('e2'));
    await store.markSynced(['e2'], 1);
    expect(await store.update('e1', { note: 'Used the timetable unprompted' })).toBe(true);
    expect((await store.get('e1'))?.note).toBe('Used the timetable unprompted');
    expect(await store.update('e2', { note: 'too late' })).toBe(false);
    expect((await store.get('e2'))?.note).toBeUndefined();
  });

  it('finds logs in a time window and every log per target', async () => {
    const db = await openCaseloadDb(freshName());
    let clock = 100;
    const store = new IdbLogStore(db, () => clock);
    await store.add(log('old', { targetId: 'T01', rating: 'Emerging' }));
    clock = 200;
    await store.add(log('new', { targetId: 'T01', rating: 'Secure' }));
    clock = 300;
    await store.add(log('other', { targetId: 'T02' }));
    expect((await store.between(150, 300)).map((l) => l.id)).toEqual(['new']);
    const perTarget = await store.forTargets(['T01', 'T02', 'T03']);
    expect(perTarget['T01']?.map((l) => l.id).sort()).toEqual(['new', 'old']);
    expect(perTarget['T02']?.map((l) => l.id)).toEqual(['other']);
    expect(perTarget['T03']).toEqual([]);
  });
});

describe('caseload', () => {
  it('replaces the caseload wholesale and leaves logs alone', async () => {
    const db = await openCaseloadDb(freshName());
    await new IdbLogStore(db).add(log('keep'));
    await replaceCaseload(
      { pupils: [pupil, { ...pupil, id: 'P02' }], targets: [target], staff: [], rota: [] },
      { db, from: 'test', at: 42 },
    );
    await replaceCaseload(
      {
        pupils: [pupil],
        targets: [target],
        staff: [{ id: 'S1', name: 'Jo Bloggs' }],
        rota: [{ day: 'Mon', start: 540, end: 600, staffId: 'S1', activity: '1:1', pupilIds: ['P01'], needs: [] }],
      },
      { db, from: 'sheet', at: 43 },
    );
    const c = await readCaseload(db);
    expect(c.pupils.map((p) => p.id)).toEqual(['P01']);
    expect(c.pupils[0]).not.toHaveProperty('row');
    expect(c.rota).toHaveLength(1);
    expect(c.rota[0]).not.toHaveProperty('key');
    expect(c.source).toEqual({ from: 'sheet', at: 43, counts: { pupils: 1, targets: 1, staff: 1, rota: 1 } });
    expect(await db.count('logs')).toBe(1);
  });
});

describe('sync state', () => {
  it('derives the unsynced count and keeps the last good sync time through a failure', async () => {
    const db = await openCaseloadDb(freshName());
    const store = new IdbLogStore(db);
    await store.add(log('s1'));
    await store.add(log('s2'));
    expect(await readSyncState(db)).toEqual({ unsynced: 2 });
    await store.markSynced(['s1'], 10);
    await recordSyncResult(db, { at: 10 });
    await recordSyncResult(db, { at: 20, error: 'No internet connection. Your logs are safe on this device.' });
    expect(await readSyncState(db)).toEqual({
      lastSyncAt: 10,
      lastError: 'No internet connection. Your logs are safe on this device.',
      lastErrorAt: 20,
      unsynced: 1,
    });
    await recordSyncResult(db, { at: 30 });
    expect(await readSyncState(db)).toEqual({ lastSyncAt: 30, unsynced: 1 });
  });
});

describe('schema upgrades', () => {
  it('upgrades a version 1 database to the current one keeping its data', async () => {
    const name = freshName();
    const v1 = await openCaseloadDb(name, 1);
    expect([...v1.objectStoreNames]).not.toContain('siteRules');
    await new IdbLogStore(v1, () => 7).add(log('from-v1', { targetId: 'T09' }));
    await v1.put('pupils', pupil);
    v1.close();

    const current = await openCaseloadDb(name);
    expect(current.version).toBe(DB_VERSION);
    expect(await current.get('pupils', 'P01')).toMatchObject({ firstName: 'Amara' });
    expect(await current.count('outbox')).toBe(1);
    // The index added in v2 covers logs written under v1.
    expect((await current.getAllFromIndex('logs', 'byTarget', 'T09')).map((l) => l.id)).toEqual(['from-v1']);
    await saveSiteRule(current, 'https://mis.example.sch.uk', 'h1.student-name', 1);
    expect((await siteRuleFor(current, 'https://mis.example.sch.uk'))?.selector).toBe('h1.student-name');
  });

  it('upgrades a version 2 database to version 3 keeping its data, with an evidence store replaced by each pull', async () => {
    const name = freshName();
    const v2 = await openCaseloadDb(name, 2);
    expect([...v2.objectStoreNames]).not.toContain('evidence');
    await new IdbLogStore(v2, () => 7).add(log('from-v2', { targetId: 'T01' }));
    await v2.put('pupils', pupil);
    await v2.put('targets', target);
    await saveSiteRule(v2, 'https://mis.example.sch.uk', 'h1', 1);
    v2.close();

    const v3 = await openCaseloadDb(name, 3);
    expect(v3.version).toBe(3);
    expect(await v3.get('pupils', 'P01')).toMatchObject({ firstName: 'Amara' });
    expect(await v3.get('targets', 'T01')).toMatchObject({ pupilId: 'P01' });
    expect(await v3.count('outbox')).toBe(1);
    expect((await v3.getAllFromIndex('logs', 'byTarget', 'T01')).map((l) => l.id)).toEqual(['from-v2']);
    expect((await siteRuleFor(v3, 'https://mis.example.sch.uk'))?.selector).toBe('h1');
    expect(await v3.count('evidence')).toBe(0);

    const e = {
      targetId: 'T01',
      pupilId: 'P01',
      count: 4,
      windowDays: 14,
      asOf: '2026-11-23',
      last: { time: '2026-11-22T10:00:00+00:00', rating: 'Secure' as const },
    };
    await replaceCaseload({ pupils: [pupil], targets: [target], staff: [], rota: [], evidence: [e] }, { db: v3, from: 'sheet', at: 99 });
    expect(await v3.getAll('evidence')).toEqual([{ ...e, readAt: 99 }]);
    // A replace without evidence (a CSV import) clears the old summary with the old caseload; logs stay.
    await replaceCaseload({ pupils: [pupil], targets: [target], staff: [], rota: [] }, { db: v3 });
    expect(await v3.count('evidence')).toBe(0);
    expect(await v3.count('logs')).toBe(1);
  });

  it('erase all empties every store', async () => {
    const db = await openCaseloadDb(freshName());
    await new IdbLogStore(db).add(log('gone'));
    await replaceCaseload({ pupils: [pupil], targets: [target], staff: [], rota: [] }, { db });
    await saveSiteRule(db, 'https://a.example', '#x');
    await eraseAll(db);
    for (const s of ['pupils', 'targets', 'logs', 'outbox', 'siteRules', 'evidence', 'meta'] as const) expect(await db.count(s)).toBe(0);
  });
});

describe('evidence: the Sheet’s summary joined with this device’s logs', () => {
  it('does not count twice a log the Sheet had when the pull read it but this device confirmed only afterwards', async () => {
    const db = await openCaseloadDb(freshName());
    const readAt = 1_000_000;
    const today = '2026-11-23';
    // The pull read the Log at `readAt`: it already held 'landed-early' (appended, but its reply not yet back).
    const summary = {
      targetId: 'T01',
      pupilId: 'P01',
      count: 3,
      ids: ['colleague-1', 'colleague-2', 'landed-early'],
      windowDays: 14,
      asOf: today,
    };
    await replaceCaseload(
      { pupils: [pupil], targets: [target], staff: [], rota: [], evidence: [summary] },
      { db, from: 'sheet', at: readAt },
    );
    const store = new IdbLogStore(db, () => readAt - 5_000);
    await store.add(log('landed-early'));
    await store.add(log('landed-late')); // appended after the read: not in the summary
    await store.add(log('unsent'));
    await store.markSynced(['landed-early', 'landed-late'], readAt + 2_000); // both confirmed after the pull

    const sheet = await evidenceFor(db, ['T01']);
    const local = await db.getAllFromIndex('logs', 'byTarget', 'T01');
    // 3 in the Sheet + landed-late + unsent; landed-early is one of the Sheet's 3.
    expect(combineEvidence(sheet['T01'], local, today, 14).count).toBe(5);

    // A summary stored before summaries listed IDs falls back on the confirmation time (the old rule).
    const { ids: _ids, ...withoutIds } = sheet['T01']!;
    expect(combineEvidence(withoutIds, local, today, 14).count).toBe(6);
    db.close();
  });

  it('a correction made here applies at once, even to a log the Sheet summary still counts', async () => {
    const today = '2026-11-23';
    const mine = { ...log('mine', { rating: 'Emerging' }), at: 2_000, syncedAt: 2_500 };
    // The pull saw 'mine' (synced) as the latest evidence, before the LSA undid or edited it.
    const summary = {
      targetId: 'T01',
      pupilId: 'P01',
      count: 2,
      ids: ['colleague', 'mine'],
      windowDays: 14,
      asOf: today,
      readAt: 3_000,
      last: { time: mine.time, id: 'mine', rating: 'Emerging' as const },
    };
    const voided = { ...voidCorrection(mine, { id: 'c1', time: '2026-11-23T11:00:00+00:00' }), at: 4_000 };
    const v = combineEvidence(summary, [mine, voided], today, 14);
    expect(v.count).toBe(1);
    expect(v.last).toBeUndefined();
    const edited = {
      ...editCorrection(mine, { pupilId: 'P01', targetId: 'T01', rating: 'Secure' }, { id: 'c2', time: '2026-11-23T11:00:00+00:00' }),
      at: 4_000,
    };
    const e = combineEvidence(summary, [mine, edited], today, 14);
    expect(e.count).toBe(2);
    expect(e.last).toMatchObject({ rating: 'Secure' });
  });
});
