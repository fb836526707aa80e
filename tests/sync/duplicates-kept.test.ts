// Rows are never deleted. A request sent twice below the engine (Chromium re-sends a POST on its own on a reused
// keep-alive connection that closed before any answer byte) leaves a second copy of some logs; Node's fetch does
// not re-send (first test), so the local server's `duplicateAppend` fault applies the append twice the way the
// browser's re-send does. The copy stays; every reader counts a Log ID once (effectiveLogs, first row wins).
// And the SENCo sorting and deleting rows of the Log tab while a faulty sync runs loses none of her other rows.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Faults, Operation, SheetsServer, SheetsServerOptions } from '../../sheets-server';
import { effectiveLogs } from '../../shared/corrections';
import { NOTES, syncOutbox, type SyncDeps } from '../../shared/sync';
import { type EngineWorld, killedBeforeMarking, startEngineWorld } from './engine-world';
import { makeLog, type MemoryLogStore, SHEET, sheetLogIds, sheetLogs, trackerWorkbook } from './support';

let world: EngineWorld;
let server: SheetsServer;
let store: MemoryLogStore;

async function start(options: SheetsServerOptions = {}) {
  world = await startEngineWorld(options);
  ({ server, store } = world);
}
afterEach(async () => world?.close());

const addLogs = (n: number, from?: number) => world.addLogs(n, from);
const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => makeLog(from + i).id);

const deps = (extra: Partial<SyncDeps> = {}): SyncDeps => world.deps(extra);

/** A row for the Log tab as another device would append it (the tracker's Log column order). */
const foreignRow = (id: string, minute = 30) => [
  id,
  `2026-11-23T09:${String(minute).padStart(2, '0')}:00+00:00`,
  'P2',
  'T2',
  'Progress',
  'Secure',
  'Verbal',
  5,
  'S1',
  'other device',
  'x',
];

describe('Node fetch and the default dropAfterWrite', () => {
  it('undici reports the drop instead of re-sending the POST: one append, the engine checks and never duplicates', async () => {
    await start();
    await addLogs(1);
    const first = await syncOutbox(deps()); // opens a keep-alive connection the next append reuses
    server.setFaults({ dropAfterWrite: { count: 1, on: ['values.append'] } });
    await addLogs(3, 2);
    const before = server.requests.length;
    const report = await syncOutbox(deps({ layout: first.layout! }));
    expect(report.retried).toBe(1);
    const appends = server.requests.slice(before).filter((r) => r.operation === 'values.append');
    expect(appends.map((r) => r.dropped ?? r.status)).toEqual(['after-write']);
    expect(sheetLogIds(server)).toEqual(ids(1, 4));
  });
});

describe('an append applied twice below the engine', () => {
  it('leaves both copies (no delete is ever sent) and readers count each log once', async () => {
    const wb = trackerWorkbook();
    wb.sheets.find((s) => s.name === 'Log')!.values.push(foreignRow('foreign-before'));
    await start({ workbooks: { [SHEET]: wb }, faults: { duplicateAppend: { count: 1, between: [foreignRow('foreign-between')] } } });
    await addLogs(3);
    const report = await syncOutbox(deps());
    expect(report).toMatchObject({ sent: 3, confirmed: 3, retried: 0 });
    expect(server.requests.map((r) => r.operation)).toEqual(['spreadsheets.get', 'values.get', 'values.append', 'values.append']);
    expect(sheetLogIds(server)).toEqual(['foreign-before', ...ids(1, 3), 'foreign-between', ...ids(1, 3)]);
    const counted = effectiveLogs(sheetLogs(server)).map((l) => l.id);
    expect(counted).toEqual(['foreign-before', ...ids(1, 3), 'foreign-between']);
  });

  it('killed after the doubled append landed: the next run confirms from the Log ID column and records the copies', async () => {
    await start({ faults: { duplicateAppend: { count: 1 } } });
    await addLogs(2);
    await expect(syncOutbox(deps({ store: killedBeforeMarking(store) }))).rejects.toThrow('killed');
    const report = await syncOutbox(deps());
    expect(report).toMatchObject({ sent: 0, confirmed: 2, duplicatesSeen: 2 });
    expect(report.notes).toEqual([NOTES.duplicates(2)]);
    expect(server.requests.some((r) => r.operation === 'spreadsheets.batchUpdate')).toBe(false);
    expect(sheetLogIds(server)).toEqual([...ids(1, 2), ...ids(1, 2)]);
    expect(effectiveLogs(sheetLogs(server)).map((l) => l.id)).toEqual(ids(1, 2));
  });
});

/** The SENCo at her desk, through the real API: sorts the Log tab by a column and deletes the rows she chose. */
async function senco(server: SheetsServer, pick: () => number, until: () => boolean, deleted: Set<string>): Promise<number> {
  const api = `${server.url}/v4/spreadsheets/${SHEET}`;
  const headers = { authorization: 'Bearer test-token', 'content-type': 'application/json' };
  const props = (await (await fetch(`${api}?fields=sheets.properties`, { headers })).json()) as {
    sheets: { properties: { title: string; sheetId: number } }[];
  };
  const sheetId = props.sheets.find((s) => s.properties.title === 'Log')!.properties.sheetId;
  const batch = (requests: unknown[]) => fetch(`${api}:batchUpdate`, { method: 'POST', headers, body: JSON.stringify({ requests }) });
  let ops = 0;
  while (!until()) {
    const r = pick();
    if (r % 3 !== 0) {
      // Data → Sort range, rows 2 onwards, by Time, Pupil ID or Log ID, either way.
      const dimensionIndex = [0, 1, 2][r % 3]!;
      await batch([
        {
          sortRange: {
            range: { sheetId, startRowIndex: 1 },
            sortSpecs: [{ dimensionIndex, sortOrder: r % 2 ? 'ASCENDING' : 'DESCENDING' }],
          },
        },
      ]);
    } else {
      // Delete one of "her" rows: find it, then delete that row (her own read-then-delete; sync only ever appends).
      const col = (await (await fetch(`${api}/values/Log!A:A`, { headers })).json()) as { values?: string[][] };
      const at = (col.values ?? []).findIndex((v) => v[0]?.startsWith('senco-delete') && !deleted.has(v[0]));
      if (at > 0) {
        deleted.add(col.values![at]![0]!);
        await batch([{ deleteDimension: { range: { sheetId, dimension: 'ROWS', startIndex: at, endIndex: at + 1 } } }]);
      }
    }
    ops += 1;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return ops;
}

const syncFault = fc.oneof(
  fc.record({
    duplicateAppend: fc.record({
      count: fc.integer({ min: 1, max: 3 }),
      between: fc.constantFrom<(string | number)[][]>([], [foreignRow('foreign-between')]),
    }),
  }),
  fc.record({ dropAfterWrite: fc.record({ count: fc.integer({ min: 1, max: 2 }), on: fc.constant<Operation[]>(['values.append']) }) }),
  fc.record({ serverError: fc.record({ count: fc.integer({ min: 1, max: 2 }), on: fc.constant<Operation[]>(['values.append']) }) }),
  fc.constant<Faults>({}),
);

describe('the SENCo sorts and deletes rows while a faulty sync runs', () => {
  it('no foreign row is lost, each of our logs is present at least once and counted once by readers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(syncFault, { minLength: 2, maxLength: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer(),
        async (faults, maxBatch, seed) => {
          const wb = trackerWorkbook();
          const keep = Array.from({ length: 12 }, (_, i) => `foreign-keep-${i}`);
          const doomed = Array.from({ length: 4 }, (_, i) => `senco-delete-${i}`);
          wb.sheets.find((s) => s.name === 'Log')!.values.push(...[...keep, ...doomed].map((id, i) => foreignRow(id, i)));
          await start({ workbooks: { [SHEET]: wb } });
          try {
            let next = 1;
            let done = false;
            let s = seed;
            const pick = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) % 1000;
            const deleted = new Set<string>();
            const desk = senco(server, pick, () => done, deleted);
            let betweens = 0;
            for (const f of faults) {
              await addLogs(3, next);
              next += 3;
              const resent = server.requests.filter((r) => r.resent).length;
              server.setFaults(f);
              await syncOutbox(deps({ maxBatch, maxRetries: 3 }));
              if ((f as Faults).duplicateAppend?.between?.length) betweens += server.requests.filter((r) => r.resent).length - resent;
            }
            server.setFaults({});
            const last = await syncOutbox(deps({ maxBatch }));
            done = true;
            const ops = await desk;
            expect(ops).toBeGreaterThan(0);
            expect(last.stuckReason).toBeUndefined();
            expect(store.outbox).toEqual([]);
            // Nothing but the SENCo ever deleted: every batchUpdate came from her desk, never from sync.
            const all = sheetLogIds(server);
            for (const id of keep) expect(all.filter((x) => x === id)).toHaveLength(1);
            expect(all.filter((x) => x === 'foreign-between')).toHaveLength(betweens);
            for (const id of doomed) expect(all.includes(id)).toBe(!deleted.has(id));
            const ours = ids(1, next - 1);
            for (const id of ours) expect(all).toContain(id);
            const counted = effectiveLogs(sheetLogs(server))
              .map((l) => l.id)
              .filter((id) => ours.includes(id));
            expect(counted.sort()).toEqual([...ours].sort());
          } finally {
            await server.close();
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 180_000);
});
