// The add-on's "Check tracker" run in the vm over the fake spreadsheet, at 100 and 10,000 log rows (60 staff):
// the time Apps Script would spend in our code (not in Google's services, which the fake cannot model), and the
// SpreadsheetApp call count per run, which must not grow with rows (goal ≤ 25). Reported against the 100-row run as
// baseline; the counts also go to bench/results/addon.json for the run's summary.
// (Vitest 5: `bench` is a test-context fixture; `bench.compare` runs the group and returns the statistics.)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import { generateSchool } from '../tests/core/fixtures';
import { buildAddon, loadAddon, type Running } from '../tests/addon/harness';
import { trackerWorkbook } from '../tests/addon/workbooks';

const built = buildAddon();
const NOW = new Date('2026-11-23T10:00:00Z');

function school(logs: number): { r: Running; calls: number; rows: number } {
  const wb = trackerWorkbook(generateSchool({ seed: 7, staff: 60, pupils: 200, logs }));
  const r = loadAddon(built, wb, { now: NOW });
  r.fake.rec.reset();
  r.run('checkTracker');
  const rows = wb.sheets.reduce((n, s) => n + s.values.length, 0);
  return { r, calls: r.fake.rec.spreadsheetCalls().length, rows };
}

test('add-on check run in the vm: 100 vs 10,000 log rows', async ({ bench }) => {
  const small = school(100);
  const large = school(10_000);
  const result = await bench.compare(
    bench('check, 100 log rows', () => {
      small.r.run('checkTracker');
    }),
    bench('check, 10,000 log rows', () => {
      large.r.run('checkTracker');
    }),
    { time: 1000, iterations: 5 },
  );
  const a = result.get('check, 100 log rows').latency.mean;
  const b = result.get('check, 10,000 log rows').latency.mean;
  const out = join(import.meta.dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'addon.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), calls: { small: small.calls, large: large.calls }, meanMs: { small: a, large: b }, target: 25 }, null, 2)}\n`,
  );
  console.log(
    [
      `100 log rows (${small.rows} sheet rows): ${a.toFixed(1)} ms mean, ${small.calls} SpreadsheetApp calls`,
      `10,000 log rows (${large.rows} sheet rows): ${b.toFixed(1)} ms mean = ${(b / a).toFixed(1)}× the small run, ${large.calls} SpreadsheetApp calls`,
    ].join('\n'),
  );
});
