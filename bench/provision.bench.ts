// The weekly provision roll-up on a school year: 300 pupils, 60 staff, a year of session outcomes (about 90% of
// sessions recorded, the rest not) beside 100k progress logs. Reported as a ratio to runChecks on the same
// tracker, measured in the same run (runChecks itself now includes the provision checks over the last month).
import { test } from 'vitest';
import { runChecks } from '../shared/checks';
import { MISSED_REASONS, type LogEntry } from '../shared/model';
import { addDays } from '../shared/dates';
import { sessionsBetween, weeklyProvision } from '../shared/provision';
import { generateSchool, rng } from '../tests/core/fixtures';

const FROM = '2025-09-01';
const TODAY = '2026-07-17';
const school = generateSchool({ seed: 11, staff: 60, pupils: 300, logs: 100_000, date: '2026-07-14', absentShare: 0.1 });
for (const p of school.pupils) if (p.senStatus === 'E') p.fundedHours = 10;
const r = rng(7);
const outcomes: LogEntry[] = [];
let n = 0;
for (const s of sessionsBetween(school.rota, FROM, addDays(TODAY, -1))) {
  for (const pupilId of s.block.pupilIds) {
    const x = r();
    if (x < 0.1) continue; // not recorded
    const missed = x > 0.85;
    outcomes.push({
      id: `o-${n++}`,
      time: `${s.date}T15:30:00+00:00`,
      pupilId,
      kind: 'Session outcome',
      session: s.key,
      outcome: missed ? 'Missed' : 'Delivered',
      ...(missed ? { missedReason: MISSED_REASONS[Math.floor(r() * 6)] } : {}),
    });
  }
}
school.logs.push(...outcomes);

let sink = 0;

test('weekly roll-up over a school year (300 pupils, 60 staff) against runChecks on the same tracker', { timeout: 300_000 }, async ({
  bench,
}) => {
  const result = await bench.compare(
    bench('baseline: runChecks', () => {
      sink += runChecks(school, TODAY).length;
    }),
    bench('weeklyProvision: a year, every pupil', () => {
      sink += weeklyProvision(school, { from: FROM, to: TODAY, today: TODAY }).size;
    }),
    bench('weeklyProvision: a term, one pupil (a statement)', () => {
      sink += weeklyProvision(school, { from: '2026-04-13', to: TODAY, today: TODAY, pupilIds: ['P0001'] }).size;
    }),
    { time: 500, iterations: 5 },
  );
  const base = result.get('baseline: runChecks').latency.mean;
  const line = (name: Parameters<typeof result.get>[0]) => {
    const ms = result.get(name).latency.mean;
    return `${name}: ${ms.toFixed(1)} ms mean = ${(ms / base).toFixed(2)}× baseline`;
  };
  console.log(
    [
      `school: ${school.staff.length} staff, ${school.rota.length} rota blocks, ${school.pupils.length} pupils, ${school.logs.length} logs (${outcomes.length} session outcomes)`,
      `baseline (runChecks): ${base.toFixed(1)} ms mean`,
      line('weeklyProvision: a year, every pupil'),
      line('weeklyProvision: a term, one pupil (a statement)'),
      `(sink ${sink > 0 ? 'used' : 'empty'})`,
    ].join('\n'),
  );
});
