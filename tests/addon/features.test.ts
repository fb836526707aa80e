// Dashboard, cover planner and grid-rota import through the built bundle: what they write, and how.
import { beforeAll, describe, expect, it } from 'vitest';
import { planCover } from '../../shared/cover/index';
import { progressReport } from '../../shared/progress';
import { editCorrection, voidCorrection } from '../../shared/corrections';
import type { CoverPlanView, CoverWriteResult } from '../../sheets-addon/server/api';
import { TODAY, validParts, validTracker } from '../core/fixtures';
import { buildAddon, loadAddon, overTheWire, type Built } from './harness';
import { trackerWorkbook } from './workbooks';

let built: Built;
beforeAll(() => {
  built = buildAddon();
}, 60_000);

const NOW = new Date(`${TODAY}T10:00:00Z`);

describe('progress dashboard', () => {
  it('writes the whole tab in one setValues, with a row per target and a chart per pupil', () => {
    const t = validTracker();
    t.pupils[0]!.firstName = '=HYPERLINK("http://x.example","Sam")'; // hostile text stays text
    const r = loadAddon(built, trackerWorkbook(t), { now: NOW });
    r.fake.rec.reset();
    r.run('buildDashboard');
    const sheet = r.fake.ss.sheet('Dashboard')!;
    expect(r.fake.rec.calls.filter((c) => c.name === 'Range.setValues')).toHaveLength(1);
    expect(r.fake.rec.writes().filter((w) => !w.locked)).toEqual([]);
    const text = sheet.values.map((row) => row.map((v) => (v === null ? '' : String(v))));
    const report = progressReport(t, TODAY);
    for (const p of report) {
      for (const target of p.targets) {
        const row = text.find((r) => r[0] === target.targetId);
        expect(row, target.targetId).toBeDefined();
        expect(Number(row![3])).toBe(target.evidenceCount);
      }
    }
    const samRow = text.find((r) => r[0]!.includes('(P01)'))!;
    expect(samRow[0]!.startsWith("'=HYPERLINK")).toBe(true);
    expect(text.find((r) => r[0] === 'T01')![4]).toBe('20/11/2026'); // last evidence, dd/mm/yyyy
    expect(text.some((r) => r[0] === 'Evidence summary' && /Between \d\d\/\d\d\/2026 and 23\/11\/2026/.test(r[1]!))).toBe(true);
    // Charts use sessions: one per pupil with sessions or funded hours (funded, rostered, delivered by week).
    const withSessions = t.pupils.filter((p) => p.fundedHours || t.rota.some((b) => b.pupilIds.includes(p.id))).length;
    expect(sheet.charts).toHaveLength(withSessions);
    expect(text.flat().some((c) => c.includes('Intervention minutes'))).toBe(false);
    // Split by SEN status: a count line, then the EHC plan pupils, then SEN support.
    const e = t.pupils.filter((p) => p.senStatus === 'E').length;
    const k = t.pupils.filter((p) => p.senStatus === 'K').length;
    expect(text.find((r) => r[0] === 'Pupils by SEN status')![1]).toBe(`EHCP ${e} · SEN support ${k} · No SEN 0`);
    const eAt = text.findIndex((r) => r[0] === `EHC plans (E) (${e})`);
    const kAt = text.findIndex((r) => r[0] === `SEN support (K) (${k})`);
    expect(eAt).toBeGreaterThan(0);
    expect(kAt).toBeGreaterThan(eAt);
    const kPupil = t.pupils.find((p) => p.senStatus === 'K')!;
    expect(text.findIndex((r) => r[0]!.includes(`(${kPupil.id})`))).toBeGreaterThan(kAt);
  });

  it('shows funded vs rostered vs delivered 1:1 hours per week from session outcomes, and missed hours by reason', () => {
    const t = validTracker();
    const days = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
    days.forEach((d, i) => {
      t.logs.push({
        id: `o-${i}`,
        time: `${d}T12:05:00+00:00`,
        pupilId: 'P01',
        kind: 'Session outcome',
        session: `${d} 09:00-12:00 S01`,
        ...(i === 2 ? { outcome: 'Missed' as const, missedReason: 'Redeployed to cover' as const } : { outcome: 'Delivered' as const }),
      });
    });
    const r = loadAddon(built, trackerWorkbook(t), { now: NOW });
    r.run('buildDashboard');
    const sheet = r.fake.ss.sheet('Dashboard')!;
    const text = sheet.values.map((row) => row.map((v) => (v === null ? '' : String(v))));
    const sam = text.findIndex((row) => row[0]!.includes('(P01)'));
    expect(text[sam]!.slice(5)).toEqual(['1:1 delivered last week', '12 h of 15 h funded (w/c 16/11/2026)']);
    const week = text.slice(sam).find((row) => row[0] === 'w/c 16/11/2026')!;
    expect(week).toEqual(['w/c 16/11/2026', '15', '15', '12', '3', '0', 'Redeployed to cover 3 h']);
    const reasons = text.findIndex((row) => row[0] === 'Missed by reason');
    expect(text[reasons + 1]!.slice(0, 2)).toEqual(['Redeployed to cover', '3']);
    expect(sheet.charts.some((c) => c.ranges[0] === `Dashboard!A${reasons + 1}:B${reasons + 2}`)).toBe(true);
  });

  it('regenerates rather than piling up: the second run clears and rewrites the same content', () => {
    const r = loadAddon(built, trackerWorkbook(validTracker()), { now: NOW });
    r.run('buildDashboard');
    const sheet = r.fake.ss.sheet('Dashboard')!;
    sheet.values[3]![1] = 'someone typed here';
    sheet.values[400] = ['stray'];
    const charts = sheet.charts.length;
    r.run('buildDashboard');
    expect(sheet.values.flat()).not.toContain('someone typed here');
    expect(sheet.values.flat()).not.toContain('stray');
    expect(sheet.charts).toHaveLength(charts);
    expect(r.fake.ss.sheets.filter((s) => s.name === 'Dashboard')).toHaveLength(1);
  });
});

describe('progress dashboard with corrections in the Log', () => {
  it('counts a voided log nowhere and an edited one once, on its new target', () => {
    const t = validTracker();
    // T01's logs in the 14-day window ending today.
    const t01 = t.logs
      .filter((l) => l.targetId === 'T01' && l.time >= '2026-11-09' && l.time <= `${TODAY}T23:59`)
      .sort((a, b) => (a.time < b.time ? -1 : 1));
    const latest = t01.at(-1)!;
    const earlier = t01[0]!;
    const before = progressReport(t, TODAY)[0]!;
    t.logs.push(
      voidCorrection(latest, { id: 'c0000000-0000-4000-8000-000000000001', time: '2026-11-23T09:00:00+00:00', staffId: 'S01' }),
      editCorrection(
        earlier,
        { pupilId: 'P01', targetId: 'T02', rating: 'Secure' },
        { id: 'c0000000-0000-4000-8000-000000000002', time: '2026-11-23T09:05:00+00:00', staffId: 'S01' },
      ),
    );
    // Through the built bundle, reading the workbook the way the add-on does (Correction rows are Log rows).
    const r = loadAddon(built, trackerWorkbook(t), { now: NOW });
    r.run('buildDashboard');
    const text = r.fake.ss.sheet('Dashboard')!.values.map((row) => row.map((v) => (v === null ? '' : String(v))));
    const count = (id: string) => Number(text.find((row) => row[0] === id)![3]);
    const was = (id: string) => before.targets.find((x) => x.targetId === id)!.evidenceCount;
    expect(count('T01')).toBe(was('T01') - 2);
    expect(count('T02')).toBe(was('T02') + 1);
    // The pupil's total: one fewer (the voided one); the edited one still counts once.
    expect(Number(text.find((row) => row[0]!.includes('(P01)'))![2])).toBe(before.evidenceCount - 1);
  });
});

describe('plan cover', () => {
  // Wednesday 25/11: Ben (S02) is away in the afternoon with no cover named.
  const DATE = '2026-11-25';

  it('shows the core’s proposals one per block, with the Absence row each belongs to, as JSON', () => {
    const t = validTracker();
    const r = loadAddon(built, trackerWorkbook(t), { now: NOW });
    const view = r.run<CoverPlanView>('planCoverFor', DATE);
    expect(overTheWire(view)).toEqual(view);
    const plan = planCover(t, DATE);
    expect(plan.assignments.length + plan.gaps.length).toBeGreaterThan(0);
    expect(view.proposals.map((p) => p.coverStaffId)).toEqual(plan.assignments.map((a) => a.coverStaffId));
    expect(view.gaps).toHaveLength(plan.gaps.length);
    expect(view.proposals[0]?.absenceRow).toBe(3);
    expect(r.run<CoverPlanView>('planCoverFor', '2026-11-28').note).toMatch(/weekend/);
  });

  it('writes the chosen cover into Cover Staff ID under the lock, and will not overwrite a name someone added', () => {
    const r = loadAddon(built, trackerWorkbook(validTracker()), { now: NOW });
    const view = overTheWire(r.run<CoverPlanView>('planCoverFor', DATE));
    expect(view.proposals).toHaveLength(1);
    r.fake.rec.reset();
    const res = r.run<CoverWriteResult>('applyCover', DATE, view.proposals);
    expect(res).toMatchObject({ recorded: 1, setRows: [3], addedRows: [], skipped: [] });
    const absence = r.fake.ss.sheet('Absence')!;
    expect(absence.values[2]![5]).toBe(view.proposals[0]!.coverStaffId);
    const sets = r.fake.rec.calls.filter((c) => c.name === 'Range.setValues');
    expect(sets.map((c) => c.target)).toEqual(['F3']);
    expect(r.fake.rec.writes().every((w) => w.locked)).toBe(true);
    // Planned again, the absence is covered; written again, the row is left alone.
    expect(r.run<CoverPlanView>('planCoverFor', DATE).proposals).toEqual([]);
    const again = r.run<CoverWriteResult>('applyCover', DATE, view.proposals);
    expect(again.recorded).toBe(0);
    expect(again.skipped[0]).toMatch(/Absence row 3 now names/);
  });
});

describe('accepting a cover plan writes the missed sessions it implies', () => {
  const DATE = '2026-11-25';

  it('appends Missed (Staff absent) for a session left uncovered, adding the Log columns an older tab lacks', () => {
    const p = validParts();
    // Dan (S04) is off all Wednesday and nobody else holds Intimate care, which Noah's 1:1 needs: a gap.
    const t = validTracker({
      absences: [...p.absences, { staffId: 'S04', from: DATE, to: DATE, part: 'All day', reason: 'Sickness' }],
      training: p.training.filter((x) => x.training !== 'Intimate care'),
    });
    const wb = trackerWorkbook(t);
    // An older Log tab: no Corrects … Missed reason columns yet.
    const log = wb.sheets.find((s) => s.name === 'Log')!;
    const keep = (log.values[0] as unknown[]).indexOf('Corrects');
    log.values = log.values.map((row) => (row as unknown[]).slice(0, keep)) as typeof log.values;
    const r = loadAddon(built, wb, { now: NOW });
    const view = overTheWire(r.run<CoverPlanView>('planCoverFor', DATE));
    expect(view.gaps.some((g) => g.absentStaffId === 'S04')).toBe(true);
    const res = r.run<CoverWriteResult>('applyCover', DATE, view.proposals);
    // Both gaps of the day: Noah's 1:1 and Ben's afternoon intervention with Sam (nobody free then).
    expect(view.gaps.map((g) => g.absentStaffId).sort()).toEqual(['S02', 'S04']);
    expect(res.outcomes).toBe(2);
    expect(res.summary).toContain('2 sessions recorded on the Log as missed');
    const sheet = r.fake.ss.sheet('Log')!;
    const header = sheet.values[0]!.map(String);
    expect(header.slice(-5)).toEqual(['Corrects', 'Correction', 'Session', 'Outcome', 'Missed reason']);
    const last = sheet.values.find((row) => row[header.indexOf('Session')] === '2026-11-25 10:00-12:00 S04')!;
    const at = (h: string) => last[header.indexOf(h)];
    expect([at('Pupil ID'), at('Kind'), at('Session'), at('Outcome'), at('Missed reason'), at('Source')]).toEqual([
      'P03',
      'Session outcome',
      '2026-11-25 10:00-12:00 S04',
      'Missed',
      'Staff absent',
      'caseload:automatic',
    ]);
    expect(String(at('Log ID'))).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.fake.rec.writes().every((w) => w.locked)).toBe(true);
    // Accepting again adds nothing: the session has its outcome.
    expect(r.run<CoverWriteResult>('applyCover', DATE, []).outcomes).toBe(0);
  });
});

describe('import grid rota', () => {
  it('appends the grid’s blocks to the Rota tab once, and lists the cells it could not read', () => {
    const wb = trackerWorkbook(validTracker());
    wb.sheets.push({
      name: 'Thursday grid',
      values: [
        ['Thursday'],
        ['Staff', 'P1 08:50-09:50', 'P2 09:50-10:50', 'Break 10:50-11:05'],
        ['Amelia Hartley', 'Sam Jones', '', 'Duty'],
        ['Ben Okafor', '=Ava', 'Mystery Child', ''],
        ['Someone New', 'Isla K', '', ''],
      ],
      merges: ['B3:C3'],
    });
    const r = loadAddon(built, wb, { now: NOW });
    const grid = r.fake.ss.sheet('Thursday grid')!;
    grid.activate();
    const rotaBefore = r.fake.ss.sheet('Rota')!.usedArea().rows;
    r.fake.rec.reset();
    r.run('importGridRota');
    const rota = r.fake.ss.sheet('Rota')!;
    const added = rota.values.slice(rotaBefore);
    expect(added.map((row) => row.slice(0, 6))).toEqual([
      ['Thu', '08:50', '10:50', 'S01', '1:1', 'P01'],
      ['Thu', '10:50', '11:05', 'S01', 'Duty', null],
    ]);
    expect(r.fake.rec.calls.filter((c) => c.name === 'Range.setValues')).toHaveLength(1);
    const dialog = r.fake.dialogs.at(-1)!;
    expect(dialog.title).toBe('Import grid rota');
    expect(dialog.content).toContain('&quot;=Ava&quot; does not match any pupil');
    expect(dialog.content).toContain('<code>&#39;Thursday grid&#39;!C4</code>');
    expect(dialog.content).toContain('&quot;Someone New&quot; does not match anyone on the Staff tab');
    r.run('importGridRota');
    expect(r.fake.ss.sheet('Rota')!.values.length).toBe(rotaBefore + 2);
    expect(r.fake.dialogs.at(-1)!.content).toMatch(/<b>0<\/b> added to Rota, 2 already there/);
  });

  it('refuses to import one of the tracker’s own tabs', () => {
    const r = loadAddon(built, trackerWorkbook(validTracker()), { now: NOW });
    r.fake.ss.sheet('Rota')!.activate();
    r.run('importGridRota');
    expect(r.fake.dialogs.at(-1)!.content).toMatch(/one of the tracker’s own tabs/);
    expect(r.fake.rec.writes()).toEqual([]);
  });
});
