import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createRouter, todayRange } from '../../extension/background/router';
import { portableIndex } from '../../extension/detect/caseload-index';
import { IdbLogStore } from '../../extension/store/logs';
import { UNDO_TEXT } from '../../extension/messages';
import { createGuard, memoryTabGrants } from '../../extension/background/guard';
import { openCaseloadDb, setMeta } from '../../extension/store/db';
import { replaceCaseload } from '../../extension/store/caseload';
import type { LogEntry } from '../../shared/model';

let n = 0;
async function setup(now = () => new Date(2026, 10, 23, 11, 0).getTime()) {
  const db = await openCaseloadDb(`router-${++n}-${Math.random()}`);
  await replaceCaseload(
    {
      pupils: [
        {
          id: 'P1',
          firstName: 'Isla',
          lastName: 'MacLeod',
          upn: 'A123456789012',
          year: '8',
          className: '8RB',
          areasOfNeed: [],
          senStatus: 'E',
          phaseTransfer: false,
          keyWorker: 'S1',
          fundedHours: 10,
        },
      ],
      targets: [
        { id: 'T1', pupilId: 'P1', text: 'Waits for a turn', status: 'Developing' },
        { id: 'T2', pupilId: 'P1', text: 'Done already', status: 'Achieved' },
      ],
      staff: [{ id: 'S1', name: 'Jo Patel' }],
      rota: [],
    },
    { db },
  );
  let sending: string[] = [];
  const guard = createGuard({ grantedOrigins: async () => ['https://mis.example.sch.uk/*'], tabs: memoryTabGrants() });
  const route = createRouter({ db: async () => db, now, guard, sending: async () => sending });
  return { db, route, setSending: (ids: string[]) => void (sending = ids) };
}

const entry = (extra: Partial<LogEntry> = {}): LogEntry => ({
  id: crypto.randomUUID(),
  time: '2026-11-23T11:00:00+00:00',
  pupilId: 'P1',
  targetId: 'T1',
  kind: 'Progress',
  rating: 'Secure',
  ...extra,
});

describe('background router', () => {
  it("publishes the overlay's fast copy with each page/caseload answer: identities, me and every taught selector only", async () => {
    const { db } = await setup();
    const published: unknown[] = [];
    const route = createRouter({ db: async () => db, publishPageCaseload: async (c) => void published.push(c) });
    await setMeta(db, 'me', 'S1');
    await db.put('siteRules', { origin: 'https://mis.example.sch.uk', selector: 'td.name', savedAt: 1 });
    await db.put('siteRules', { origin: 'https://other.example', selector: '.pupil', savedAt: 1 });
    await route({ type: 'page/caseload', url: 'https://mis.example.sch.uk/' }, {});
    const pupils = [
      { id: 'P1', firstName: 'Isla', lastName: 'MacLeod', upn: 'A123456789012', year: '8', className: '8RB', senStatus: 'E' as const },
    ];
    expect(published).toEqual([
      {
        pupils,
        me: 'S1',
        selectors: { 'https://mis.example.sch.uk': 'td.name', 'https://other.example': '.pupil' },
        // The detector's index of those identities, worked out here so a page does not build it while loading.
        index: portableIndex(pupils),
      },
    ]);
  });

  it('gives a page only what detection needs, plus me and the taught selector for its origin', async () => {
    const { db, route } = await setup();
    await setMeta(db, 'me', 'S1');
    await db.put('siteRules', { origin: 'https://mis.example.sch.uk', selector: 'td.name', savedAt: 1 });
    const r = await route({ type: 'page/caseload', url: 'https://mis.example.sch.uk/pupils?id=3' }, {});
    expect(r).toEqual({
      ok: true,
      me: 'S1',
      siteSelector: 'td.name',
      pupils: [{ id: 'P1', firstName: 'Isla', lastName: 'MacLeod', upn: 'A123456789012', year: '8', className: '8RB', senStatus: 'E' }],
    });
    const other = await route({ type: 'page/caseload', url: 'https://elsewhere.example/' }, {});
    expect(other.ok && 'siteSelector' in other).toBe(false);
  });

  it('lists current targets with their last evidence', async () => {
    const { route } = await setup();
    await route({ type: 'log/add', entry: entry({ rating: 'Emerging' }) }, {});
    const r = await route({ type: 'pupil/details', pupilId: 'P1' }, {});
    if (!r.ok || !('targets' in r)) throw new Error('expected details');
    expect(r.targets.map((t) => t.id)).toEqual(['T1']);
    expect(r.targets[0]?.lastEvidence?.rating).toBe('Emerging');
  });

  it('stores a valid log with only the sheet fields and refuses an unknown pupil in plain English', async () => {
    const { db, route } = await setup();
    const e = { ...entry(), sneaky: '<script>' } as LogEntry;
    expect(await route({ type: 'log/add', entry: e }, {})).toMatchObject({ ok: true });
    expect(await db.get('logs', e.id)).not.toHaveProperty('sneaky');
    expect(await route({ type: 'log/add', entry: entry({ pupilId: 'P404' }) }, {})).toEqual({
      ok: false,
      error: 'That pupil is not on your caseload.',
    });
  });

  it("lists today's logs newest first with pupil names, and reports the unsynced count", async () => {
    let clock = new Date(2026, 10, 22, 15, 0).getTime();
    const { route } = await setup(() => clock);
    await route({ type: 'log/add', entry: entry({ note: 'yesterday' }) }, {});
    clock = new Date(2026, 10, 23, 9, 0).getTime();
    await route({ type: 'log/add', entry: entry({ note: 'first' }) }, {});
    clock = new Date(2026, 10, 23, 10, 0).getTime();
    await route({ type: 'log/add', entry: entry({ note: 'second' }) }, {});
    const r = await route({ type: 'logs/today' }, {});
    if (!r.ok || !('logs' in r)) throw new Error('expected logs');
    expect(r.logs.map((l) => l.note)).toEqual(['second', 'first']);
    expect(r.names).toEqual({ P1: 'Isla MacLeod' });
    // Targets by their text, so the popup never shows a code like "(T1)".
    expect(Object.keys(r.targetTexts)).toContain('T1');
    expect(r.targetTexts['T1']).not.toBe('T1');
    expect(await route({ type: 'status' }, {})).toMatchObject({ ok: true, sync: { unsynced: 3 }, pupils: 1 });
  });

  it('undo before sync removes the log; after sync it queues a Correction row voiding it, and the panel stops counting it', async () => {
    const { db, route } = await setup();
    await setMeta(db, 'me', 'S1');
    const a = entry({ rating: 'Emerging', time: '2026-11-23T10:00:00+00:00' });
    const b = entry({ rating: 'Achieved', time: '2026-11-23T10:30:00+00:00' });
    await route({ type: 'log/add', entry: a }, {});
    await route({ type: 'log/add', entry: b }, {});
    expect(await route({ type: 'log/undo', id: a.id }, {})).toEqual({ ok: true, removed: true });
    expect(await db.get('logs', a.id)).toBeUndefined();
    // b reaches the Sheet; a minute later the LSA undoes it.
    await new IdbLogStore(db).markSynced([b.id], Date.now());
    expect(await route({ type: 'log/undo', id: b.id }, {})).toEqual({ ok: true, removed: false, corrected: true });
    const pending = await new IdbLogStore(db).pending(10);
    expect(pending).toEqual([
      {
        id: expect.any(String),
        time: expect.stringMatching(/^2026-11-23T11:00:00/),
        pupilId: 'P1',
        targetId: 'T1',
        kind: 'Correction',
        corrects: b.id,
        correction: 'Void',
        staffId: 'S1',
      },
    ]);
    expect(await db.get('logs', b.id)).toMatchObject({ rating: 'Achieved' }); // the original stays: it is in the Sheet
    // A second undo adds nothing.
    expect(await route({ type: 'log/undo', id: b.id }, {})).toEqual({ ok: true, removed: false, corrected: false });
    expect(await new IdbLogStore(db).pending(10)).toHaveLength(1);
    const today = await route({ type: 'logs/today' }, {});
    if (!today.ok || !('logs' in today)) throw new Error('expected logs');
    expect(today.logs.map((l) => l.id)).toEqual([b.id]);
    expect(today.voided).toEqual([b.id]);
    const details = await route({ type: 'pupil/details', pupilId: 'P1' }, {});
    if (!details.ok || !('targets' in details)) throw new Error('expected details');
    expect(details.targets[0]).not.toHaveProperty('lastEvidence');
    expect(details.targets[0]!.recent?.count).toBe(0);
    expect(UNDO_TEXT.corrected).toBe('Will add a correction to the Sheet marking this log void');
  });

  it('edit after sync queues an Edit correction with the full new values; the log counts once with them', async () => {
    const { db, route, setSending } = await setup();
    const a = entry({ rating: 'Emerging', note: 'first try', staffId: 'S1' });
    await route({ type: 'log/add', entry: a }, {});
    // In the append in flight: treated as sent, so nothing changes under the append.
    setSending([a.id]);
    expect(await route({ type: 'log/update', id: a.id, changes: { rating: 'Secure' } }, {})).toEqual({
      ok: true,
      updated: false,
      corrected: true,
    });
    expect(await db.get('logs', a.id)).toMatchObject({ rating: 'Emerging' });
    const [correction] = (await new IdbLogStore(db).pending(10)).filter((l) => l.kind === 'Correction');
    expect(correction).toMatchObject({
      corrects: a.id,
      correction: 'Edit',
      pupilId: 'P1',
      targetId: 'T1',
      rating: 'Secure',
      note: 'first try',
      staffId: 'S1',
    });
    const today = await route({ type: 'logs/today' }, {});
    if (!today.ok || !('logs' in today)) throw new Error('expected logs');
    expect(today.logs.map((l) => [l.id, l.rating])).toEqual([[a.id, 'Secure']]);
    const details = await route({ type: 'pupil/details', pupilId: 'P1' }, {});
    if (!details.ok || !('targets' in details)) throw new Error('expected details');
    expect(details.targets[0]!.lastEvidence?.rating).toBe('Secure');
    expect(details.targets[0]!.recent?.count).toBe(1);
    // A page cannot send a correction in itself.
    expect(await route({ type: 'log/add', entry: entry({ kind: 'Correction', corrects: a.id, correction: 'Void' }) }, {})).toMatchObject({
      ok: false,
    });
  });

  it('saves a taught selector for the sending tab’s origin only', async () => {
    const { db, route } = await setup();
    expect(await route({ type: 'site/save-rule', selector: 'h1' }, {})).toMatchObject({ ok: false });
    expect(await route({ type: 'site/save-rule', selector: 'h1.pupil' }, { url: 'https://mis.example.sch.uk/a/b?c', tabId: 4 })).toEqual({
      ok: true,
      origin: 'https://mis.example.sch.uk',
    });
    expect((await db.get('siteRules', 'https://mis.example.sch.uk'))?.selector).toBe('h1.pupil');
  });

  it('answers unknown requests without throwing', async () => {
    const { route } = await setup();
    expect(await route({ type: 'nope' } as never, {})).toEqual({ ok: false, error: 'Unknown request.' });
  });

  it('today runs from local midnight to local midnight', () => {
    const [from, to] = todayRange(new Date(2026, 10, 23, 13, 45).getTime());
    expect(from).toBe(new Date(2026, 10, 23).getTime());
    expect(to).toBe(new Date(2026, 10, 24).getTime());
  });
});
