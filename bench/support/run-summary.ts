// `npm run bench` as one report: the whole run's wall time and the machine's load average at its start and end
// (figures from a busy machine are slower; the ratios, each against a baseline from the same run, travel better),
// then the headline figures gathered from what each bench wrote to bench/results/ during this run, each beside
// its goal. This is the table the README's Performance section is filled from. Vitest runs it as a global set-up:
// the returned function runs once, after every bench file.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

const RESULTS = join(import.meta.dirname, '..', 'results');

// biome-ignore lint/suspicious/noExplicitAny: the shapes are whatever the bench files write
type Json = Record<string, any>;

/** A results file written during this run (an older one from an earlier run is not reported as this run's). */
function thisRun(name: string, startedAt: number): Json | undefined {
  const file = join(RESULTS, name);
  if (!existsSync(file) || statSync(file).mtimeMs < startedAt) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const fixed = (x: unknown, digits = 2) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const met = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? 'met' : 'NOT met');

/** The headline rows: [measure, figure, goal, met?]. */
export function summaryRows(results: { cli?: Json; extension?: Json; addon?: Json }): string[][] {
  const rows: string[][] = [];
  const { cli, extension: ext, addon } = results;
  const check = cli?.rows?.find((r: Json) => String(r.name).startsWith('caseload check'));
  if (check) {
    rows.push([
      `caseload check, one-year tracker (${cli!.logRows} Log rows) ÷ bare streaming read`,
      `${fixed(check.ratio)}× wall (CPU ${fixed(check.cpuRatio)}×; ${check.ms} ms), peak ${check.peakRssMb} MB`,
      `≤ ${cli!.targets.ratio}×, ≤ ${cli!.targets.rssMb} MB`,
      met(check.ratio <= cli!.targets.ratio && check.peakRssMb <= cli!.targets.rssMb),
    ]);
  } else rows.push(['caseload check vs bare streaming read', 'not measured in this run', '≤ 1.2×, ≤ 200 MB', '']);
  const exported = cli?.rows?.find((r: Json) => String(r.name).startsWith('caseload export-logs'));
  if (exported) {
    const bySize = (cli!.exportMemory ?? []) as { logRows: number; peakRssMb: number }[];
    rows.push([
      'caseload export-logs, same file ÷ bare streaming read; peak by Log size',
      `${fixed(exported.ratio)}× wall (CPU ${fixed(exported.cpuRatio)}×), peak ${exported.peakRssMb} MB; ${bySize.map((m) => `${m.logRows / 1000}k rows ${m.peakRssMb} MB`).join(', ')}`,
      `≤ ${cli!.targets.ratio}×, ≤ ${cli!.targets.rssMb} MB, flat`,
      met(exported.ratio <= cli!.targets.ratio && exported.peakRssMb <= cli!.targets.rssMb),
    ]);
  }
  if (ext) {
    const d = ext.domContentLoadedRatio;
    for (const mode of ['cold', 'warm'] as const) {
      const m = d?.[mode];
      rows.push([
        `register DOMContentLoaded with ÷ without, ${mode} service worker (${d?.runs} loads each)`,
        `p50 ${fixed(m?.p50, 3)}×, p95 ${fixed(m?.p95, 3)}× (per pair: p50 ${fixed(m?.pairP50)}×, p95 ${fixed(m?.pairP95)}×)`,
        `≤ ${d?.target}× every run`,
        met(m ? m.p50 <= d.target && m.p95 <= d.target : undefined),
      ]);
    }
    const same = d?.sameBrowser;
    rows.push([
      '  same browser, register held until parsed: granted host ÷ host not granted',
      `p50 ${fixed(same?.p50, 3)}×, p95 ${fixed(same?.p95, 3)}×`,
      `≤ ${d?.target}× every run`,
      met(same ? same.p50 <= d.target && same.p95 <= d.target : undefined),
    ]);
    rows.push([
      '  floor: an extension whose only content script does next to nothing at document_start, same held register',
      `p50 ${fixed(d?.emptyScriptFloor?.p50, 3)}×, p95 ${fixed(d?.emptyScriptFloor?.p95, 3)}×`,
      '',
      '',
    ]);
    // The other side of the trade-off: a script that waits until after DOMContentLoaded cannot run (nor badge)
    // before Chromium has styled the whole parsed page.
    const atEnd = d?.documentEndFloor;
    rows.push([
      '  the same script at document_end: matched ÷ not; when it ran after the parse (p50/p95)',
      `p50 ${fixed(atEnd?.p50, 3)}×, p95 ${fixed(atEnd?.p95, 3)}×; ran ${fixed(atEnd?.ranAfterParsedP50, 0)}/${fixed(atEnd?.ranAfterParsedP95, 0)} ms after parsed`,
      '',
      '',
    ]);
    const painted = ext.heldRegisterAfterFirstPaint;
    rows.push([
      '  held register, same browser: first contentful paint, granted ÷ not granted',
      `p50 ${fixed(painted?.firstPaint?.p50, 3)}×, p95 ${fixed(painted?.firstPaint?.p95, 3)}×; busy after it p50 ${fixed(painted?.granted?.busyP50, 0)} ms (not granted ${fixed(painted?.ungranted?.busyP50, 0)} ms)`,
      '',
      '',
    ]);
    rows.push([
      '  noise floor: the same ratio between two Chromiums without the extension',
      `p50 ${fixed(d?.noiseFloor?.p50, 3)}×, p95 ${fixed(d?.noiseFloor?.p95, 3)}×`,
      '',
      '',
    ]);
    rows.push([
      'first badge after the page was parsed (p50/p95 warm · cold); held register: in the first paint',
      `${fixed(d?.warm?.afterParsedP50, 0)}/${fixed(d?.warm?.afterParsedP95, 0)} · ${fixed(d?.cold?.afterParsedP50, 0)}/${fixed(d?.cold?.afterParsedP95, 0)} ms; ${painted?.badgeInFirstPaint} of ${d?.runs} loads`,
      '≤ 60 ms',
      met(d ? Math.max(d.warm.afterParsedP50, d.cold.afterParsedP50) <= 60 : undefined),
    ]);
    rows.push([
      '100 rows appended → badged ÷ first full scan',
      `${ext.rescan?.appended100Ms} ms ÷ ${ext.rescan?.fullScanMs} ms = ${fixed(ext.rescan?.appended100Ms / ext.rescan?.fullScanMs)}×; the rescan's own work ${fixed(ext.rescan?.rescanWorkMs, 1)} ms = ${fixed(ext.rescan?.rescanWorkMs / ext.rescan?.fullScanMs)}×`,
      '',
      '',
    ]);
    const imp = ext.optionsImport;
    rows.push([
      `Options import, ${imp?.logRows} logs: waiting, to preview + Import pressed → imported (first progress line)`,
      `${imp?.waitMs} ms = ${fixed(imp?.waitMs / imp?.readFileMs, 1)}× reading the file, ${imp?.storeMs} ms of it storing (progress at ${imp?.firstProgressMs} ms, longest task ${imp?.longestTaskMs} ms; chosen → imported with Import pressed at once ${imp?.importMs} ms)`,
      '≤ 2000 ms, progress ≤ 1000 ms',
      met(imp ? imp.waitMs <= 2000 && imp.firstProgressMs <= 1000 : undefined),
    ]);
  } else rows.push(['extension in Chromium', 'not measured in this run', '', '']);
  if (addon) {
    rows.push([
      'add-on "Check tracker": SpreadsheetApp calls (100 / 10,000 log rows)',
      `${addon.calls.small} / ${addon.calls.large}`,
      `≤ ${addon.target}, the same at every size`,
      met(addon.calls.small <= addon.target && addon.calls.small === addon.calls.large),
    ]);
  }
  return rows;
}

export default function setup(): () => void {
  const startedAt = Date.now();
  const loadAtStart = load();
  return () => {
    // Vitest may call a global teardown more than once at the end of a run; the report is printed once.
    const g = globalThis as { __caseloadBenchSummary?: boolean };
    if (g.__caseloadBenchSummary) return;
    g.__caseloadBenchSummary = true;
    const seconds = (Date.now() - startedAt) / 1000;
    const rows = summaryRows({
      cli: thisRun('cli.json', startedAt),
      extension: thisRun('extension.json', startedAt),
      addon: thisRun('addon.json', startedAt),
    });
    const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
    console.log(
      [
        '',
        `npm run bench: ${(seconds / 60).toFixed(1)} min in all (${new Date(startedAt).toISOString().slice(0, 16)}Z); load average ${loadAtStart} at the start, ${load()} at the end`,
        ...rows.map((r) => r.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]!) : cell)).join(' | ')),
      ].join('\n'),
    );
  };
}
