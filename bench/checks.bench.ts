// The design target: 100k log rows and a 60-staff rota checked in under a second on one core. Everything is
// measured beside a baseline taken in the same run — one plain pass over the logs computing a trivial
// aggregate — so the result reads as "runChecks costs N passes over the logs", whatever the machine.
// (Vitest 5: `bench` is a test-context fixture; `bench.compare` runs the group and returns the statistics.)
import { test } from 'vitest';
import { runChecks } from '../shared/checks';
import { planCover } from '../shared/cover';
import { progressReport } from '../shared/progress';
import { generateSchool } from '../tests/core/fixtures';

const TODAY = '2026-11-24';
const school = generateSchool({ seed: 2026, staff: 60, pupils: 300, logs: 100_000, date: TODAY, absentShare: 0.15 });

/** The baseline: touch every log once, as any check must. */
function baseline(): number {
  const minutes = new Map<string, number>();
  for (const l of school.logs) if (l.time.slice(0, 10) <= TODAY) minutes.set(l.pupilId, (minutes.get(l.pupilId) ?? 0) + (l.minutes ?? 0));
  return minutes.size;
}

let sink = 0;

test('100k logs and a 60-staff rota: checks, progress and cover against one pass over the logs', async ({ bench }) => {
  const result = await bench.compare(
    bench('baseline: one pass over the logs', () => {
      sink += baseline();
    }),
    bench('runChecks', () => {
      sink += runChecks(school, TODAY).length;
    }),
    bench('progressReport', () => {
      sink += progressReport(school, TODAY).length;
    }),
    bench('runChecks + progressReport', () => {
      sink += runChecks(school, TODAY).length + progressReport(school, TODAY).length;
    }),
    bench('planCover (60 staff)', () => {
      sink += planCover(school, TODAY).assignments.length;
    }),
    { time: 500, iterations: 10 },
  );
  const base = result.get('baseline: one pass over the logs').latency.mean;
  const line = (name: Parameters<typeof result.get>[0]) => {
    const ms = result.get(name).latency.mean;
    return `${name}: ${ms.toFixed(1)} ms mean = ${(ms / base).toFixed(2)}× baseline`;
  };
  console.log(
    [
      `school: ${school.staff.length} staff, ${school.rota.length} rota blocks, ${school.pupils.length} pupils, ${school.logs.length} logs, ${school.absences.length} absences`,
      `baseline (one pass over the logs): ${base.toFixed(1)} ms mean`,
      line('runChecks'),
      line('progressReport'),
      `${line('runChecks + progressReport')} (design target: under 1000 ms)`,
      line('planCover (60 staff)'),
      `(sink ${sink > 0 ? 'used' : 'empty'})`,
    ].join('\n'),
  );
});
