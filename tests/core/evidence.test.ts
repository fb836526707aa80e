// Per-target evidence for the overlay: the same facts as progressReport (built on its index), plus the last log's
// time, rating and prompt; and Log rows read by column from any header order.
import { describe, expect, it } from 'vitest';
import { demoSchool, DEMO_TODAY } from '../../demo/school';
import { evidenceColumns, logsFromRows, targetEvidence } from '../../shared/evidence';
import type { LogEntry, Target } from '../../shared/model';
import { effectiveLogs, editCorrection, voidCorrection } from '../../shared/corrections';
import { indexLogs, progressReport } from '../../shared/progress';

const target: Target = { id: 'T1', pupilId: 'P1', text: 'Reads aloud', status: 'Developing' };
const log = (time: string, extra: Partial<LogEntry> = {}): LogEntry => ({
  id: time,
  time,
  pupilId: 'P1',
  targetId: 'T1',
  kind: 'Progress',
  ...extra,
});

describe('targetEvidence', () => {
  it('matches progressReport for every target of the demo school', () => {
    const school = demoSchool();
    const report = progressReport(school, DEMO_TODAY);
    const evidence = new Map(
      targetEvidence(school.targets, school.logs, DEMO_TODAY, school.settings.evidenceWindowDays).map((e) => [e.targetId, e]),
    );
    let withEvidence = 0;
    for (const t of report.flatMap((p) => p.targets)) {
      const e = evidence.get(t.targetId);
      if (t.lastEvidence === undefined) {
        expect(e).toBeUndefined();
        continue;
      }
      withEvidence++;
      expect(e).toMatchObject({ pupilId: t.pupilId, count: t.evidenceCount, windowDays: 14, asOf: DEMO_TODAY });
      expect(e!.last!.time.slice(0, 10)).toBe(t.lastEvidence);
    }
    expect(withEvidence).toBeGreaterThan(10);
    expect(evidence.size).toBe(withEvidence);
  });

  it('gives the latest log’s time, rating and prompt, counts only the window, ignores other pupils and the future', () => {
    const logs = [
      log('2026-11-20T09:00:00+00:00', { rating: 'Secure', prompt: 'Verbal' }),
      log('2026-11-02T09:00:00+00:00', { rating: 'Emerging', prompt: 'Physical' }), // outside a 14-day window
      log('2026-11-21T14:30:00+00:00', { rating: 'Developing' }),
      log('2026-11-22T10:00:00+00:00', { pupilId: 'P2', rating: 'Achieved' }), // another pupil: a data error
      log('2026-11-25T10:00:00+00:00', { rating: 'Achieved' }), // after today
    ];
    expect(targetEvidence([target], logs, '2026-11-23', 14)).toEqual([
      {
        targetId: 'T1',
        pupilId: 'P1',
        count: 2,
        // The IDs of exactly the logs counted, in time order.
        ids: ['2026-11-20T09:00:00+00:00', '2026-11-21T14:30:00+00:00'],
        windowDays: 14,
        asOf: '2026-11-23',
        last: { time: '2026-11-21T14:30:00+00:00', id: '2026-11-21T14:30:00+00:00', rating: 'Developing' },
      },
    ]);
    expect(targetEvidence([target], [], '2026-11-23', 14)).toEqual([]);
    // A log without an ID is counted but cannot be listed.
    expect(targetEvidence([target], [log('2026-11-22T09:00:00+00:00', { id: '' })], '2026-11-23', 14)[0]).toMatchObject({
      count: 1,
      ids: [],
    });
  });

  it('reads Log rows by the columns the header names, whatever their order, skipping rows the parser would', () => {
    const header = ['Note', 'Prompt', 'Kind', 'Pupil', 'When', 'Target ID', 'Rating'];
    const columns = evidenceColumns(header);
    expect(columns).toEqual({ prompt: 1, kind: 2, pupilId: 3, time: 4, targetId: 5, rating: 6 });
    const logs = logsFromRows(
      [
        ['hi', 'verbal', 'progress', 'P1', '2026-11-20T09:00:00+00:00', 'T1', 'secure'],
        ['', '', 'Progress', 'P1', 'not a time', 'T1', 'Secure'],
        ['', 'Shouted', 'Progress', 'P1', '20/11/2026 10:15', 'T1', 'Great'],
        ['', '', 'Progress', '', '2026-11-20T09:00:00+00:00', 'T1'],
      ],
      columns,
    );
    expect(logs).toEqual([
      { id: '', time: '2026-11-20T09:00:00+00:00', pupilId: 'P1', targetId: 'T1', kind: 'Progress', rating: 'Secure', prompt: 'Verbal' },
      { id: '', time: '2026-11-20T10:15:00', pupilId: 'P1', targetId: 'T1', kind: 'Progress' },
    ]);
    expect(logsFromRows([['x']], evidenceColumns(['Log ID']))).toEqual([]);
    // With a Log ID column, the id is read (blank stays '').
    const withId = evidenceColumns(['Log ID', 'Time', 'Pupil ID', 'Kind']);
    expect(withId).toEqual({ id: 0, time: 1, pupilId: 2, kind: 3 });
    expect(
      logsFromRows(
        [
          [' L-7 ', '2026-11-20T09:00:00+00:00', 'P1', 'Progress'],
          ['', '2026-11-20T09:00:00+00:00', 'P1', 'Progress'],
        ],
        withId,
      ).map((l) => l.id),
    ).toEqual(['L-7', '']);
  });
});

describe('targetEvidence from a Log already corrected (the import passes checkWorkbook’s logs)', () => {
  const meta = (id: string, time: string) => ({ id, time, staffId: 'S1' });
  const voided = log('2026-11-20T09:00:00+00:00', { rating: 'Secure' });
  const edited = log('2026-11-21T09:00:00+00:00', { rating: 'Emerging', prompt: 'Physical' });
  const raw: LogEntry[] = [
    log('2026-11-19T09:00:00+00:00', { rating: 'Developing' }),
    voided,
    edited,
    { ...voided, time: '2026-11-22T09:00:00+00:00', rating: 'Achieved' }, // a repeated Log ID: the first row wins
    voidCorrection(voided, meta('C1', '2026-11-22T10:00:00+00:00')),
    editCorrection(
      edited,
      { pupilId: 'P1', targetId: 'T1', rating: 'Achieved', prompt: 'Verbal' },
      meta('C2', '2026-11-22T11:00:00+00:00'),
    ),
  ];

  it('gives the same summary as from the raw rows, with the void and the edit applied', () => {
    const fromRaw = targetEvidence([target], raw, '2026-11-23', 14);
    expect(targetEvidence([target], effectiveLogs(raw), '2026-11-23', 14, { effective: true })).toEqual(fromRaw);
    expect(fromRaw[0]).toMatchObject({
      count: 2,
      ids: ['2026-11-19T09:00:00+00:00', '2026-11-21T09:00:00+00:00'],
      last: { time: '2026-11-21T09:00:00+00:00', rating: 'Achieved', prompt: 'Verbal' },
    });
  });

  it('orders each target’s logs by time when the Log is not in time order, whichever path indexes it', () => {
    const shuffled = [raw[2]!, raw[0]!, log('2026-11-18T09:00:00+00:00')];
    const index = indexLogs(shuffled, { effective: true });
    expect(index.byTarget.get('T1')!.map((d) => d.date)).toEqual(['2026-11-18', '2026-11-19', '2026-11-21']);
    // In time order already, the lists keep the Log's order.
    const ordered = indexLogs([...shuffled].sort((a, b) => (a.time < b.time ? -1 : 1)));
    expect(ordered.byPupil.get('P1')!.map((d) => d.date)).toEqual(['2026-11-18', '2026-11-19', '2026-11-21']);
  });
});
