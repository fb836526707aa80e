// The CLI on a one-year tracker (50,000 Log rows, generated here with the demo school's shape scaled up): whole
// processes, timed from spawn to exit, peak RSS from /usr/bin/time -v, each beside the same-run baseline of a bare
// streaming read of the same file (exceljs's WorkbookReader touching every cell, nothing else). Also compared,
// as separate processes: exceljs's readFile (what the CLI used before) and the CLI's own reader alone.
// Runs are interleaved (baseline, check, export, readers…); each ratio is the median of run-by-run ratios to the
// baseline run of the same round (wall time, and CPU time, which load from others disturbs less), peak RSS the
// median of the runs' peaks. Then export-logs once more on trackers with half and twice the Log (25,000 and
// 100,000 rows), for how its peak memory grows with the Log (it streams the Log, so it should barely grow).
// Results: bench/results/cli.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { test } from 'vitest';
import { trackerWorkbook } from '../cli/tracker';
import { writeWorkbook } from '../cli/xlsx';
import { generateSchool } from '../tests/core/fixtures';

const ROOT = join(import.meta.dirname, '..');
const RUNS = 5;
const TARGETS = { ratio: 1.2, rssMb: 200 };
/** Cases timed in one round only. */
const ONCE = new Set(['reader: exceljs readFile (before)']);

interface Run {
  ms: number;
  /** User + system CPU time: on a shared machine, less disturbed by other people's work than wall time. */
  cpuMs: number;
  rssMb: number;
  code: number;
}

/** One whole process under /usr/bin/time -v: wall time from spawn to exit, its CPU time and its peak RSS. */
function timed(args: string[]): Run {
  const start = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - start;
  const field = (name: string) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(r.stderr)?.[1] ?? NaN);
  const cpuMs = (field('User time \\(seconds\\)') + field('System time \\(seconds\\)')) * 1000;
  return { ms, cpuMs, rssMb: field('Maximum resident set size \\(kbytes\\)') / 1024, code: r.status ?? -1 };
}

/** export-logs' peak RSS at 25,000, 50,000 (the median measured above) and 100,000 Log rows: one run each, as
 * peak memory varies little from run to run. The same school shape, only the Log's length changes. */
async function exportPeaksBySize(dir: string, bin: string, peakAt50k: number): Promise<{ logRows: number; peakRssMb: number }[]> {
  const out: { logRows: number; peakRssMb: number }[] = [];
  for (const logs of [25_000, 50_000, 100_000]) {
    if (logs === 50_000) {
      out.push({ logRows: logs, peakRssMb: peakAt50k });
      continue;
    }
    const file = join(dir, `log-${logs}.xlsx`);
    await writeWorkbook(file, trackerWorkbook(generateSchool({ seed: 2026, staff: 60, pupils: 300, logs, date: '2026-11-24' })));
    const r = timed([bin, 'export-logs', file, '--out', join(dir, `logs-${logs}.csv`), '--force']);
    if (r.code !== 0) throw new Error(`export-logs on ${logs} Log rows failed (exit ${r.code})`);
    out.push({ logRows: logs, peakRssMb: Math.round(r.rssMb) });
    rmSync(file);
  }
  return out;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

test('caseload check on a one-year tracker vs a bare streaming read of the same file', { timeout: 900_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'caseload-cli-bench-'));
  try {
    const file = join(dir, 'one-year.xlsx');
    const school = generateSchool({ seed: 2026, staff: 60, pupils: 300, logs: 50_000, date: '2026-11-24' });
    await writeWorkbook(file, trackerWorkbook(school));
    const bytes = statSync(file).size;
    const reader = join(dir, 'read-xlsx.mjs');
    await build({
      entryPoints: [join(ROOT, 'bench', 'support', 'read-xlsx.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: reader,
      logLevel: 'error',
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    });
    const bin = join(ROOT, 'cli', 'bin', 'caseload.mjs');
    // Build the CLI bundle once outside the timings.
    timed([bin, '--help']);

    const cases = {
      'bare streaming read (exceljs WorkbookReader)': [reader, 'exceljs-stream', file],
      'caseload check --json': [bin, 'check', file, '--json', '--today', '2026-11-24'],
      'caseload export-logs (Log tab only)': [bin, 'export-logs', file, '--out', join(dir, 'logs.csv'), '--force'],
      'reader: exceljs readFile (before)': [reader, 'exceljs-file', file],
      'reader: caseload streaming reader alone': [reader, 'caseload', file],
    } as const;
    const runs = new Map<string, Run[]>(Object.keys(cases).map((k) => [k, []]));
    for (let i = 0; i <= RUNS; i++) {
      for (const [name, args] of Object.entries(cases)) {
        // The old reader is a reference point, several times slower than the rest: timed in one round only.
        if (ONCE.has(name) && i !== 1) continue;
        const r = timed([...args]);
        if (name.startsWith('caseload check') ? r.code > 1 : r.code !== 0) throw new Error(`${name} failed (exit ${r.code})`);
        if (i > 0) runs.get(name)!.push(r);
      }
    }
    // Each run's ratio to the baseline run beside it (same round, so the same machine load), then the median.
    const baseRuns = runs.get('bare streaming read (exceljs WorkbookReader)')!;
    const rows = [...runs].map(([name, rs]) => {
      const ms = median(rs.map((r) => r.ms));
      const rss = median(rs.map((r) => r.rssMb));
      // A reference timed once stands beside the first counted round's baseline.
      const ratio = median(rs.map((r, i) => r.ms / baseRuns[i]!.ms));
      const cpuRatio = median(rs.map((r, i) => r.cpuMs / baseRuns[i]!.cpuMs));
      return { name, ms: Math.round(ms), ratio: +ratio.toFixed(2), cpuRatio: +cpuRatio.toFixed(2), peakRssMb: Math.round(rss) };
    });
    const exportMemory = await exportPeaksBySize(dir, bin, rows.find((r) => r.name.startsWith('caseload export-logs'))!.peakRssMb);
    const check = rows.find((r) => r.name.startsWith('caseload check'))!;
    console.log(
      [
        `CLI on a one-year tracker: ${school.logs.length.toLocaleString('en-GB')} Log rows, ${(bytes / 1024 / 1024).toFixed(1)} MB .xlsx (median of ${RUNS} whole-process runs, interleaved; exceljs readFile once)`,
        ...rows.map(
          (r) =>
            `${r.name.padEnd(44)} ${String(r.ms).padStart(6)} ms  ${r.ratio.toFixed(2)}× baseline (CPU ${r.cpuRatio.toFixed(2)}×)  peak RSS ${r.peakRssMb} MB`,
        ),
        `export-logs peak RSS by Log size: ${exportMemory.map((m) => `${m.logRows.toLocaleString('en-GB')} rows ${m.peakRssMb} MB`).join(', ')}`,
        `target: check ≤ ${TARGETS.ratio}× the bare streaming read (now ${check.ratio}×), ≤ ${TARGETS.rssMb} MB (now ${check.peakRssMb} MB)`,
      ].join('\n'),
    );
    const out = join(ROOT, 'bench', 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'cli.json'),
      `${JSON.stringify(
        {
          measuredAt: new Date().toISOString(),
          runs: RUNS,
          logRows: school.logs.length,
          fileBytes: bytes,
          rows,
          exportMemory,
          targets: TARGETS,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
