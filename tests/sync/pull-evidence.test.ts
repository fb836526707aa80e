// The pull also brings the Sheet's evidence per target, from every device's logs, in the SAME values.batchGet:
// the Log's header row and its evidence columns, Log ID included (never the whole tab). Only when someone has moved those
// columns does it take a second batchGet, of the block where they now are.
import { afterEach, describe, expect, it } from 'vitest';
import { startSheetsServer, type SheetsServer } from '../../sheets-server';
import { demoSchool } from '../../demo/school';
import { addDays, localDate } from '../../shared/dates';
import type { Tracker } from '../../shared/model';
import { progressReport } from '../../shared/progress';
import { TAB_METADATA_KEY } from '../../shared/schema/parse';
import { trackerToGrids } from '../../shared/schema/serialise';
import { TAB_SPECS } from '../../shared/schema/tabs';
import { pullCaseload } from '../../shared/sync';
import { editCorrection, effectiveLogs, voidCorrection } from '../../shared/corrections';
import type { Workbook } from '../../shared/workbook';
import { fetchSheets, SHEET } from './support';

let server: SheetsServer;
afterEach(async () => server?.close());

const NOW = Date.UTC(2026, 10, 23, 12, 0);

function workbookOf(t: Tracker): Workbook {
  const grids = trackerToGrids(t);
  return {
    sheets: TAB_SPECS.map((spec) => ({ name: spec.name, values: grids[spec.name] ?? [], metadata: { [TAB_METADATA_KEY]: spec.key } })),
  };
}

const rangesOf = (i: number) => [server.requests[i]!.query['ranges']].flat().map(String);

function expectMatchesProgressReport(school: Tracker, evidence: NonNullable<Awaited<ReturnType<typeof pullCaseload>>['evidence']>) {
  const today = localDate(NOW, school.settings.timezone);
  const byTarget = new Map(evidence.map((e) => [e.targetId, e]));
  const report = progressReport(school, today).flatMap((p) => p.targets);
  const withEvidence = report.filter((t) => t.lastEvidence !== undefined);
  expect(withEvidence.length).toBeGreaterThan(10);
  expect(evidence).toHaveLength(withEvidence.length);
  for (const t of withEvidence) {
    const e = byTarget.get(t.targetId);
    expect(e, t.targetId).toMatchObject({
      pupilId: t.pupilId,
      count: t.evidenceCount,
      windowDays: school.settings.evidenceWindowDays,
      asOf: today,
    });
    expect(e!.last!.time.slice(0, 10)).toBe(t.lastEvidence);
    // The last log's own rating and prompt.
    const logs = effectiveLogs(school.logs);
    const latest = logs
      .filter((l) => l.targetId === t.targetId && l.pupilId === t.pupilId && l.time.slice(0, 10) <= today)
      .sort((a, b) => Date.parse(a.time) - Date.parse(b.time))
      .at(-1)!;
    expect(e!.last).toEqual({
      time: latest.time,
      id: latest.id,
      ...(latest.rating ? { rating: latest.rating } : {}),
      ...(latest.prompt ? { prompt: latest.prompt } : {}),
    });
    // The IDs of the logs counted, so a device can tell its own logs the count already has.
    expect(e!.ids, t.targetId).toHaveLength(t.evidenceCount);
    const from = addDays(today, -school.settings.evidenceWindowDays);
    const counted = logs.filter(
      (l) => l.targetId === t.targetId && l.pupilId === t.pupilId && l.time.slice(0, 10) >= from && l.time.slice(0, 10) <= today,
    );
    expect(new Set(e!.ids)).toEqual(new Set(counted.map((l) => l.id)));
  }
}

describe('pullCaseload with the Log’s evidence', () => {
  it('summarises the demo school’s Log per target exactly as progressReport does, in one spreadsheets.get and one values.batchGet', async () => {
    const school = demoSchool();
    server = await startSheetsServer({ workbooks: { [SHEET]: workbookOf(school) } });
    const pulled = await pullCaseload(fetchSheets(server), { now: NOW });
    expect(server.requests.map((r) => r.operation)).toEqual(['spreadsheets.get', 'values.batchGet']);
    const ranges = rangesOf(1);
    expect(ranges).toContain('Pupils');
    // Header row and the evidence columns (Log ID and the six facts, then Corrects and Correction); never the whole
    // Log tab, and never the columns between (minutes, staff, notes).
    expect(ranges.filter((r) => r.startsWith('Log'))).toEqual(['Log!1:1', 'Log!A2:G', 'Log!L2:M']);
    expect(pulled.targets).toHaveLength(school.targets.length);
    expect(pulled.evidenceAsOf).toBe('2026-11-23');
    expectMatchesProgressReport(school, pulled.evidence!);
  });

  it('applies corrections in the Log: a voided log counts nowhere, an edited one once with its new rating', async () => {
    const school = demoSchool();
    const today = localDate(NOW, school.settings.timezone);
    const recent = school.logs
      .filter((l) => l.targetId && l.time.slice(0, 10) <= today)
      .sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
    const voided = recent[0]!;
    const edited = recent.find((l) => l.targetId !== voided.targetId && l.rating !== 'Achieved')!;
    const meta = (n: number) => ({ id: `c0000000-0000-4000-8000-00000000000${n}`, time: `${today}T11:00:00+00:00`, staffId: 'S01' });
    school.logs.push(
      voidCorrection(voided, meta(1)),
      editCorrection(edited, { pupilId: edited.pupilId, targetId: edited.targetId!, rating: 'Achieved' }, meta(2)),
    );
    server = await startSheetsServer({ workbooks: { [SHEET]: workbookOf(school) } });
    const pulled = await pullCaseload(fetchSheets(server), { now: NOW });
    expect(server.requests.map((r) => r.operation)).toEqual(['spreadsheets.get', 'values.batchGet']);
    const before = new Map(
      progressReport({ ...school, logs: school.logs.slice(0, -2) }, today)
        .flatMap((p) => p.targets)
        .map((t) => [t.targetId, t.evidenceCount]),
    );
    const summary = new Map(pulled.evidence!.map((e) => [e.targetId, e]));
    expect(summary.get(voided.targetId!)?.count ?? 0).toBe(before.get(voided.targetId!)! - 1);
    expect(summary.get(voided.targetId!)?.ids ?? []).not.toContain(voided.id);
    expect(summary.get(edited.targetId!)!.count).toBe(before.get(edited.targetId!));
    expectMatchesProgressReport(school, pulled.evidence!);
  });

  it('finds the columns from the header when someone has moved them: one more batchGet, of that block only', async () => {
    const school = demoSchool();
    const wb = workbookOf(school);
    const log = wb.sheets.find((s) => s.name === 'Log')!;
    // Move Time to the far right (after Source) and swap Rating and Prompt.
    const header = log.values[0]!.map(String);
    const order = header.map((_, i) => i).filter((i) => header[i] !== 'Time');
    order.push(header.indexOf('Time'));
    const r = order.indexOf(header.indexOf('Rating'));
    const p = order.indexOf(header.indexOf('Prompt'));
    [order[r], order[p]] = [order[p]!, order[r]!];
    log.values = log.values.map((row) => order.map((i) => row[i] ?? null));
    server = await startSheetsServer({ workbooks: { [SHEET]: wb } });
    const pulled = await pullCaseload(fetchSheets(server), { now: NOW });
    expect(server.requests.map((r) => r.operation)).toEqual(['spreadsheets.get', 'values.batchGet', 'values.batchGet']);
    // Time now sits right of Corrects … Missed reason: one block holds every evidence column (the 16 Log columns).
    expect(rangesOf(2)).toEqual(['Log!A2:P']);
    expectMatchesProgressReport(school, pulled.evidence!);
  });

  it('without `now` reads no Log at all; with no Log tab the summary is empty', async () => {
    const school = demoSchool();
    const wb = workbookOf(school);
    server = await startSheetsServer({ workbooks: { [SHEET]: wb } });
    const plain = await pullCaseload(fetchSheets(server));
    expect(plain.evidence).toBeUndefined();
    expect(rangesOf(1).some((r) => r.startsWith('Log'))).toBe(false);
    await server.close();

    wb.sheets = wb.sheets.filter((s) => s.name !== 'Log');
    server = await startSheetsServer({ workbooks: { [SHEET]: wb } });
    const noLog = await pullCaseload(fetchSheets(server), { now: NOW });
    expect(noLog.evidence).toEqual([]);
    expect(server.requests.map((r) => r.operation)).toEqual(['spreadsheets.get', 'values.batchGet']);
  });
});
