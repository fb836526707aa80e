import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createRouter, todayRange } from '../../extension/background/router';
import { openCaseloadDb, setMeta } from '../../extension/store/db';
import { replaceCaseload } from '../../extension/store/caseload';
import type { LogEntry } from '../../shared/model';

let n = 0;
async function setup(now = () => new Date(2026, 10, 23, 11, 0).getTime()) {
  const db = await openCaseloadDb(`router-${++n}-${Math.random()}`);
  await replaceCaseload(
    {
      pupils: [{ id: 'P1', firstName: 'Isla', lastName: 'MacLeod', upn: 'A123456789012', year: '8', className: '8RB', areasOfNeed: [], senStatus: 'E', phaseTransfer: false, keyWorker: 'S1', fundedHours: 10 }],
      targets: [
        { id: 'T1', pupilId: 'P1', text: 'Waits for a turn', status: 'Developing' },
        { id: 'T2', pupilId: 'P1', text: 'Done already', status: 'Achieved' },
      ],
      staff: [{ id: 'S1', name: 'Jo Patel' }],
      rota: [],
    },
    { db },
  );
  const route = createRouter({ db: async () => db, now });
  return { db, route };
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
    expect(await route({ type: 'log/add', entry: entry({ pupilId: 'P404' }) }, {})).toEqual({ ok: false, error: 'That pupil is not on your caseload.' });
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
    expect(await route({ type: 'status' }, {})).toMatchObject({ ok: true, sync: { unsynced: 3 }, pupils: 1 });
  });

  it('saves a taught selector for the sending tab’s origin only', async () => {
    const { db, route } = await setup();
    expect(await route({ type: 'site/save-rule', selector: 'h1' }, {})).toMatchObject({ ok: false });
    expect(await route({ type: 'site/save-rule', selector: 'h1.pupil' }, { url: 'https://mis.example.sch.uk/a/b?c' })).toEqual({ ok: true, origin: 'https://mis.example.sch.uk' });
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
