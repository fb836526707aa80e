// The Sheet is the source of truth for pupils, targets, staff and rota: a pull replaces the device's copy
// wholesale through replaceCaseload (the real IndexedDB store on fake-indexeddb), on the schedule the service
// worker asks for (interval, popup opening, Sync now), and never touches a log or the outbox.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SheetsServer } from '../../sheets-server';
import { STUCK } from '../../shared/sync';
import { readCaseload, replaceCaseload } from '../../extension/store/caseload';
import { readSyncState } from '../../extension/store/sync-state';
import { runSync } from '../../extension/sync/run-sync';
import type { Workbook } from '../../shared/workbook';
import { startExtensionWorld } from './extension-world';
import { makeLog, SHEET, sheetLogIds } from './support';

let server: SheetsServer;
afterEach(async () => server?.close());

/** The tracker with one more pupil (and a target for them) added by the SENCo. */
function withExtraPupil(wb: Workbook): Workbook {
  const copy = structuredClone(wb);
  const pupils = copy.sheets.find((s) => s.name === 'Pupils')!;
  const header = pupils.values[0]!.map(String);
  const row = header.map(
    (h) =>
      ({ 'Pupil ID': 'P4', 'First name': 'Ada', 'Last name': 'Okafor', 'Areas of need': 'SEMH', EHCP: 'Y', 'Phase transfer': 'N' })[h] ??
      '',
  );
  pupils.values.push(row);
  const targets = copy.sheets.find((s) => s.name === 'Targets')!;
  const th = targets.values[0]!.map(String);
  targets.values.push(
    th.map((h) => ({ 'Target ID': 'T4', 'Pupil ID': 'P4', Target: 'Names two calming strategies', Status: 'Emerging' })[h] ?? ''),
  );
  return copy;
}

async function world() {
  const w = await startExtensionWorld('pull');
  server = w.server;
  return w;
}

const batchGets = () => server.requests.filter((r) => r.operation === 'values.batchGet').length;

describe('pulling the caseload from the Sheet', () => {
  it('replaces an imported caseload with the Sheet’s, and leaves every log and the outbox exactly as they were', async () => {
    const w = await world();
    // A caseload imported for local-only use, with logs against it: two already in the sheet, one waiting.
    await replaceCaseload(
      {
        pupils: [{ id: 'X1', firstName: 'Old', lastName: 'Import', areasOfNeed: [], senStatus: 'K', phaseTransfer: false }],
        targets: [],
        staff: [],
        rota: [],
      },
      { db: w.db, from: 'import: old.xlsx', at: 1 },
    );
    await w.store.add(makeLog(1, { pupilId: 'X1' }));
    await w.store.add(makeLog(2, { pupilId: 'X1' }));
    await w.store.markSynced([makeLog(1).id, makeLog(2).id], 5);
    // Both already confirmed by the sheet, so the run has nothing to send: its only work is the pull.
    const logsBefore = await w.db.getAll('logs');
    const outboxBefore = await w.db.getAll('outbox');

    const result = await runSync(w.deps(), { pullNow: true });
    expect(result).toMatchObject({ pulled: true });
    expect(server.requests.map((r) => r.operation)).toEqual(['spreadsheets.get', 'values.batchGet']);

    const caseload = await readCaseload(w.db);
    expect(caseload.pupils.map((p) => p.id).sort()).toEqual(['P1', 'P2', 'P3']);
    expect(caseload.targets.map((t) => t.id).sort()).toEqual(['T1', 'T2', 'T3']);
    expect(caseload.staff.map((s) => s.id)).toEqual(['S1']);
    expect(caseload.source).toMatchObject({ from: 'sheet', at: w.time.now(), counts: { pupils: 3, targets: 3, staff: 1 } });
    expect(await w.db.getAll('logs')).toEqual(logsBefore);
    expect(await w.db.getAll('outbox')).toEqual(outboxBefore);
  });

  it('a log waiting to be sent survives the pull, is sent once, and keeps its pupil even if the Sheet dropped them', async () => {
    const w = await world();
    await w.store.add(makeLog(7, { pupilId: 'GONE' }));
    await runSync(w.deps(), { pullNow: true });
    expect(sheetLogIds(server)).toEqual([makeLog(7).id]);
    const [log] = await w.db.getAll('logs');
    expect(log).toMatchObject({ id: makeLog(7).id, pupilId: 'GONE' });
    expect(log?.syncedAt).toBe(w.time.now());
    expect((await readCaseload(w.db)).pupils.map((p) => p.id)).not.toContain('GONE');
  });

  it('picks up the SENCo’s changes: on the interval, when the popup opens over a minute later, and on Sync now', async () => {
    const w = await world();
    await runSync(w.deps());
    expect(batchGets()).toBe(1);
    server.addSpreadsheet(SHEET, withExtraPupil(server.workbook(SHEET)));

    // The popup opens 30 s later: the copy is fresh enough, nothing is read.
    w.time.t += 30_000;
    await runSync(w.deps(), { pullIfOlderThanMs: 60_000 });
    expect(batchGets()).toBe(1);
    expect((await readCaseload(w.db)).pupils).toHaveLength(3);

    // …and again 31 s after that: over a minute old, so the Sheet is read and the new pupil arrives.
    w.time.t += 31_000;
    await runSync(w.deps(), { pullIfOlderThanMs: 60_000 });
    expect(batchGets()).toBe(2);
    const after = await readCaseload(w.db);
    expect(after.pupils.map((p) => p.id).sort()).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(after.targets.find((t) => t.id === 'T4')).toMatchObject({ pupilId: 'P4', text: 'Names two calming strategies' });

    // The alarm within the interval reads nothing; after 15 minutes it does.
    await runSync(w.deps());
    expect(batchGets()).toBe(2);
    w.time.t += 15 * 60_000;
    await runSync(w.deps());
    expect(batchGets()).toBe(3);
    // Sync now always reads.
    await runSync(w.deps(), { pullNow: true });
    expect(batchGets()).toBe(4);
  });

  it('a pull that fails keeps the caseload the device has, and tells the popup why', async () => {
    const w = await world();
    await runSync(w.deps());
    const before = await readCaseload(w.db);
    server.setReadOnly(SHEET, true); // reads still work on a read-only sheet…
    server.setFaults({ serverError: { count: 10, on: ['values.batchGet'], status: 503 } }); // …but Google is down
    const result = await runSync(w.deps(), { pullNow: true });
    expect(result.error).toBe(STUCK.busy);
    expect(await readCaseload(w.db)).toEqual(before);
    expect(await readSyncState(w.db)).toMatchObject({ lastError: STUCK.busy, lastErrorAt: w.time.now() });
  });
});
