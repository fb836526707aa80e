// The extension in real Chromium (the e2e build: demo hosts preset, demo caseload imported through Options),
// each measurement beside a baseline taken in the same run, so the ratios hold whatever the machine:
//  (a) the 2,000-row register's DOMContentLoaded with the extension ÷ without, cold and warm service worker, p50
//      and p95 of per-pair ratios; from the warm pairs, time to first badge ÷ DOMContentLoaded without, and the
//      first badge after the page was parsed;
//  (a3) 100 rows appended to the register until badged, beside the first full scan on the same page;
//  (a4) the Options import of a one-year tracker (50,000 Log rows), beside reading the file's bytes;
//  (b) the content script's gzip size ÷ the gzip size of Preact's own runtime, and in KB against the 50 KB target;
//  (c) tap to persisted (a quick-log tap until the panel says "Saved": message to the service worker, checks,
//      IndexedDB commit, render) ÷ a no-op message from the content script to the service worker and back.
// Page timings come from the page's own clock (performance.now, navigation timing), handed to the bench as
// `overriddenDuration`, so Playwright's own round trips are not measured. Medians and percentiles are compared: a
// shared machine has outliers. Each part says on standard error when it ends. Results: bench/results/extension.json.
// (Vitest 5: `bench` is a test-context fixture; `bench.compare` runs the group and returns the statistics.)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { test } from 'vitest';
import { CHROMIUM, demoBrowserArgs, QUIET_CHROMIUM_ARGS, UNGRANTED_HOST } from '../scripts/demo-server.mjs';
import { BADGE, type DemoBrowser, startDemoBrowser } from '../tests/e2e/support/demo-browser';
import { serviceWorkerControl } from '../tests/e2e/support/service-worker';
import {
  type AfterPaint,
  type DclSample,
  markingExtension,
  percentile,
  sampleFloorPair,
  sampleGrantedPair,
  samplePlainPair,
  sampleRegisterDcl,
} from './support/register-dcl';
import { writeWorkbook } from '../cli/xlsx';
import { trackerWorkbook } from '../cli/tracker';
import { generateSchool } from '../tests/core/fixtures';

const ROOT = join(import.meta.dirname, '..');
const TARGETS = { firstBadgeMs: 300, gzipKb: 50, tapMs: 50 };
/** Rescans and taps per measurement, plus one warm-up each. */
const RUNS = 5;
/** Register load pairs per DOMContentLoaded ratio, cold and warm each (the issue asks for at least 15; with 20,
 * the nearest-rank p95 is the second slowest, so one stray load does not make the figure on its own). */
const DCL_RUNS = 20;
const DCL_TARGET = 1.03;
/** Imports of the one-year tracker through Options (each a few seconds on a shared machine). */
const IMPORT_RUNS = 3;
const GROUP = { iterations: RUNS, time: 0, warmupIterations: 1, warmupTime: 0 };

interface ImportRun {
  /** What the person waits: chosen → preview, then Import pressed → "Imported". The time between, spent reading
   * the preview (here, the bench's own round trip to press Import: 0.1–0.5 s), is theirs, not the import's. */
  waitMs: number;
  /** Chosen → "Imported", Import pressed as soon as the preview is there. */
  importMs: number;
  previewMs: number;
  /** Import pressed → "Imported": storing the caseload and evidence, and the overlays' copy. */
  storeMs: number;
  /** Chosen → the page answering the bench after "Imported" (Options has re-read the caseload by then). */
  answeredMs: number;
  readMs: number;
  progressMs: number;
  longestTaskMs: number;
}

/** One import of `file` through the Options page, timed by the page's own clock from the file being chosen. */
async function optionsImport(demo: DemoBrowser, file: string): Promise<ImportRun> {
  const page = await demo.context.newPage();
  try {
    await page.goto(`chrome-extension://${demo.extensionId}/options.html`);
    await page.evaluate(() => {
      const w = window as unknown as {
        __longest: number;
        __t0?: number;
        __read?: number;
        __progress?: number;
        __preview?: number;
        __click?: number;
        __shown?: number;
      };
      w.__longest = 0;
      document.addEventListener(
        'click',
        (e) => {
          if ((e.target as Element | null)?.id === 'import-confirm' && w.__t0 !== undefined) w.__click = performance.now() - w.__t0;
        },
        { capture: true },
      );
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
      }).observe({ type: 'longtask', buffered: false });
      new MutationObserver(() => {
        if (w.__t0 === undefined) return;
        if (w.__progress === undefined && document.querySelector('#import-progress')) w.__progress = performance.now() - w.__t0;
        if (w.__preview === undefined && document.querySelector('#import-preview')) w.__preview = performance.now() - w.__t0;
        if (w.__shown === undefined && document.querySelector('#import-result .ok')) w.__shown = performance.now() - w.__t0;
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
      const input = document.querySelector<HTMLInputElement>('#import-file')!;
      input.addEventListener(
        'change',
        () => {
          w.__t0 = performance.now();
          void input.files![0]!.arrayBuffer().then(() => (w.__read = performance.now() - w.__t0!));
        },
        { capture: true },
      );
    });
    await page.setInputFiles('#import-file', file);
    await page.waitForSelector('#import-confirm, #import-result .error', { timeout: 120_000 });
    if (await page.locator('#import-result .error').count())
      throw new Error(`The import failed: ${await page.textContent('#import-result')}`);
    await page.click('#import-confirm');
    await page.waitForSelector('#import-result .ok, #import-result .error', { timeout: 120_000 });
    return await page.evaluate(() => {
      const w = window as unknown as {
        __longest: number;
        __t0: number;
        __read: number;
        __progress?: number;
        __preview: number;
        __click: number;
        __shown?: number;
      };
      // "Imported …" in the page (seen by the observer as it was added), and when the page next answered the
      // bench (after Options re-read the caseload): the first is what the person sees.
      const answeredMs = performance.now() - w.__t0;
      const importMs = w.__shown ?? answeredMs;
      return {
        waitMs: w.__preview + (importMs - w.__click),
        importMs,
        answeredMs,
        previewMs: w.__preview,
        storeMs: importMs - w.__click,
        readMs: w.__read,
        progressMs: w.__progress ?? NaN,
        longestTaskMs: w.__longest,
      };
    });
  } finally {
    await page.close();
  }
}

/** Chromium as the bench's extension browser runs it, without the extension. */
async function launchPlain(demo: DemoBrowser, userDataDir: string, extensionDir?: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 860 },
    args: [
      '--headless=new',
      ...QUIET_CHROMIUM_ARGS,
      ...demoBrowserArgs(demo.server.port, demo.server.hosts),
      ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
    ],
  });
}

/** A Chromium whose only extension is one content script that does next to nothing at document_start on `origin`. */
async function launchFloor(
  demo: DemoBrowser,
  scratch: string,
  origin: string,
  runAt: 'document_start' | 'document_end',
): Promise<BrowserContext> {
  const dir = join(scratch, `floor-extension-${runAt}`);
  mkdirSync(dir, { recursive: true });
  const { manifest, script } = markingExtension(origin, runAt);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'mark.js'), script);
  return launchPlain(demo, join(scratch, `floor-profile-${runAt}`), dir);
}

/** Evaluate in the content script's own (isolated) world of `page`, where `chrome.runtime` is the extension's. */
async function contentScriptWorld(page: Page, extensionId: string): Promise<(expression: string) => Promise<unknown>> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { id: number; origin: string }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const world = contexts.find((c) => c.origin === `chrome-extension://${extensionId}`);
  if (!world) throw new Error('The content script world was not found on the page.');
  return async (expression) => {
    const r = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  };
}

/** One quick-log tap, timed from the click to the panel's "Saved" (the service worker has committed the log). */
async function tapToSaved(page: Page, badge: number): Promise<number> {
  await page.locator(BADGE).nth(badge).click();
  const button = page.locator('caseload-panel button[data-rating="Emerging"]').first();
  await button.waitFor();
  const ms = await button.evaluate(
    (b) =>
      new Promise<number>((resolve) => {
        const root = b.getRootNode() as ShadowRoot;
        const start = performance.now();
        const obs = new MutationObserver(() => {
          if (root.querySelector('.status.saved')) {
            obs.disconnect();
            resolve(performance.now() - start);
          }
        });
        obs.observe(root, { childList: true, subtree: true, characterData: true });
        (b as HTMLButtonElement).click();
      }),
  );
  await page.keyboard.press('Escape');
  return ms;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** (a4) IMPORT_RUNS Options imports of a generated one-year tracker (50,000 Log rows); medians of each figure. */
async function measureImports(demo: DemoBrowser, scratch: string) {
  const yearFile = join(scratch, 'one-year.xlsx');
  await writeWorkbook(yearFile, trackerWorkbook(generateSchool({ seed: 2026, staff: 60, pupils: 300, logs: 50_000, date: '2026-11-24' })));
  const imports: ImportRun[] = [];
  for (let i = 0; i < IMPORT_RUNS; i++) imports.push(await optionsImport(demo, yearFile));
  return {
    // The first import stores into a device holding the demo caseload; the later ones re-import the same file over
    // itself. Both are reported: the median alone would be a re-import's.
    first: imports[0]!,
    again: imports.slice(1),
    waitMs: median(imports.map((x) => x.waitMs)),
    importMs: median(imports.map((x) => x.importMs)),
    previewMs: median(imports.map((x) => x.previewMs)),
    storeMs: median(imports.map((x) => x.storeMs)),
    answeredMs: median(imports.map((x) => x.answeredMs)),
    importRead: median(imports.map((x) => x.readMs)),
    progressMs: median(imports.map((x) => x.progressMs)),
    longestTask: median(imports.map((x) => x.longestTaskMs)),
  };
}

/** CASELOAD_BENCH_ONLY=import: only the Options import part, for working on the import without the ~10 minutes of
 * register loads; the full run (no variable) is what the README's table reports. */
const ONLY_IMPORT = process.env.CASELOAD_BENCH_ONLY === 'import';

test.runIf(ONLY_IMPORT)('extension in Chromium: Options import of a one-year tracker only', { timeout: 900_000 }, async () => {
  const demo = await startDemoBrowser();
  const scratch = mkdtempSync(join(tmpdir(), 'caseload-bench-'));
  try {
    const m = await measureImports(demo, scratch);
    console.log(
      [
        `Options import, 50,000-log tracker (${IMPORT_RUNS} imports, medians)`,
        `  reading the file's bytes (baseline): ${ms(m.importRead)}`,
        `  chosen → preview: ${ms(m.previewMs)} (${(m.previewMs / m.importRead).toFixed(1)}× reading)`,
        `  waiting (to preview, then Import pressed → imported): ${ms(m.waitMs)} (${(m.waitMs / m.importRead).toFixed(1)}× reading; target ≤ 2000 ms)`,
        `  chosen → imported, Import pressed as the preview appeared: ${ms(m.importMs)}`,
        `  Import pressed → imported (storing): ${ms(m.storeMs)}; chosen → page answering after it: ${ms(m.answeredMs)}`,
        `  first import: chosen → preview ${ms(m.first.previewMs)}, waiting ${ms(m.first.waitMs)} (storing ${ms(m.first.storeMs)})`,
        ...m.again.map(
          (r, i) => `  re-import ${i + 1}: chosen → preview ${ms(r.previewMs)}, waiting ${ms(r.waitMs)} (storing ${ms(r.storeMs)})`,
        ),
        `  first progress line: ${ms(m.progressMs)} (≤ 1000 ms); longest task: ${ms(m.longestTask)} (aim ≤ 200 ms)`,
      ].join('\n'),
    );
  } finally {
    await demo.close();
    rmSync(scratch, { recursive: true, force: true });
  }
});

/** The full run (every part), skipped when only the import part was asked for. */
const full = test.skipIf(ONLY_IMPORT);

full('extension in Chromium: time to first badge, content script size, tap to persisted', { timeout: 1_800_000 }, async ({ bench }) => {
  const began = performance.now();
  // Where the time goes, on standard error as each part ends (a loaded machine can take many minutes).
  const phase = (what: string) =>
    process.stderr.write(`extension bench: ${what} done at ${((performance.now() - began) / 1000).toFixed(0)} s\n`);
  const demo = await startDemoBrowser();
  phase('extension build and browser start');
  const scratch = mkdtempSync(join(tmpdir(), 'caseload-bench-'));
  const plain = await launchPlain(demo, join(scratch, 'plain'));
  // A second plain Chromium: plain ÷ plain, measured beside the pairs, is the noise floor of the ratio.
  const plain2 = await launchPlain(demo, join(scratch, 'plain2'));
  // A third, whose only extension is a document_start content script that only marks the page: the floor under our
  // early half. A fourth, the same script at document_end: it adds nothing to DOMContentLoaded, and shows how soon
  // after the parse a script that waits for it can run at all (the other side of the first-badge goal).
  const heldRegister = demo.urlOf('register', '/register-held');
  const floor = await launchFloor(demo, scratch, new URL(heldRegister).origin, 'document_start');
  const endFloor = await launchFloor(demo, scratch, new URL(heldRegister).origin, 'document_end');
  // Stops and starts the extension's worker for the cold and warm loads, from a page that stays open.
  const worker = await serviceWorkerControl(demo.context, demo.extensionId);
  try {
    // (a) The 2,000-row register, DOMContentLoaded with ÷ without, warm service worker (running) and cold (stopped
    // first): each load with the extension beside a load in the plain browser, alternating which goes first; the
    // ratio is taken per pair, then p50/p95 over the runs (pair 0 of each is a warm-up and is not kept). The warm
    // pairs also give time to first badge and its parts.
    const register = demo.urlOf('register');
    const dclRuns: Record<'cold' | 'warm', DclSample[]> = { cold: [], warm: [] };
    const plainPairs: { a: number; b: number }[] = [];
    const grantedPairs: { granted: number; ungranted: number; grantedAfterPaint: AfterPaint; ungrantedAfterPaint: AfterPaint }[] = [];
    const floorPairs: { matched: number; unmatched: number }[] = [];
    const endFloorPairs: { matched: number; unmatched: number; scriptAfterParsed: number }[] = [];
    // The same browser, on the register that holds rendering until parsed (demo/mis/register.ts): the parse alone,
    // so the figure is what our content script adds to it, without the frames' load-to-load noise.
    const ungrantedHeld = `http://${UNGRANTED_HOST}/register-held`;
    for (const mode of ['warm', 'cold'] as const) {
      for (let i = 0; i <= DCL_RUNS; i++) {
        const sample = await sampleRegisterDcl(demo.context, plain, worker, register, mode, i % 2 === 0);
        if (i > 0) dclRuns[mode].push(sample);
        if (mode === 'warm') {
          const pair = await samplePlainPair(plain2, plain, register, i % 2 === 1);
          const same = await sampleGrantedPair(demo.context, heldRegister, ungrantedHeld, i % 2 === 1);
          const least = await sampleFloorPair(floor, heldRegister, ungrantedHeld, i % 2 === 1);
          const atEnd = await sampleFloorPair(endFloor, heldRegister, ungrantedHeld, i % 2 === 1);
          if (i > 0) {
            plainPairs.push(pair);
            grantedPairs.push(same);
            floorPairs.push(least);
            endFloorPairs.push(atEnd);
          }
        }
      }
      phase(`register loads, ${mode} service worker`);
    }
    // The ratio the goal is about: each side's p50 (and p95) over the run's loads, with ÷ without. Per-pair ratios
    // are kept too, but a pair is two single loads, each as noisy as the other, so their p95 measures the noise.
    const quantileRatios = (withExt: number[], without: number[]) => ({
      p50: percentile(withExt, 50) / percentile(without, 50),
      p95: percentile(withExt, 95) / percentile(without, 95),
    });
    const noiseFloor = quantileRatios(
      plainPairs.map((x) => x.a),
      plainPairs.map((x) => x.b),
    );
    const sameBrowser = quantileRatios(
      grantedPairs.map((x) => x.granted),
      grantedPairs.map((x) => x.ungranted),
    );
    const floorRatio = quantileRatios(
      floorPairs.map((x) => x.matched),
      floorPairs.map((x) => x.unmatched),
    );
    const scriptAtEnd = {
      ...quantileRatios(
        endFloorPairs.map((x) => x.matched),
        endFloorPairs.map((x) => x.unmatched),
      ),
      ranAfterParsedP50: percentile(
        endFloorPairs.map((x) => x.scriptAfterParsed),
        50,
      ),
      ranAfterParsedP95: percentile(
        endFloorPairs.map((x) => x.scriptAfterParsed),
        95,
      ),
    };
    // After the held register first painted: how long the page stayed busy (long tasks), ours and without us.
    const afterPaintStats = (side: 'grantedAfterPaint' | 'ungrantedAfterPaint') => ({
      busyP50: percentile(
        grantedPairs.map((x) => x[side].busyMs),
        50,
      ),
      busyP95: percentile(
        grantedPairs.map((x) => x[side].busyMs),
        95,
      ),
      longTasksP50: percentile(
        grantedPairs.map((x) => x[side].longTaskMs),
        50,
      ),
    });
    // When the person first sees the held register (first contentful paint), granted ÷ not granted.
    const firstPaint = quantileRatios(
      grantedPairs.map((x) => x.grantedAfterPaint.firstPaintMs),
      grantedPairs.map((x) => x.ungrantedAfterPaint.firstPaintMs),
    );
    const afterPaint = {
      firstPaint: {
        ...firstPaint,
        ungrantedP50: percentile(
          grantedPairs.map((x) => x.ungrantedAfterPaint.firstPaintMs),
          50,
        ),
      },
      granted: afterPaintStats('grantedAfterPaint'),
      ungranted: afterPaintStats('ungrantedAfterPaint'),
      badgeInFirstPaint: grantedPairs.filter((x) => x.grantedAfterPaint.badgeInFirstPaint).length,
      scanDoneP50: percentile(
        grantedPairs.map((x) => x.grantedAfterPaint.scanDoneMs),
        50,
      ),
    };
    const dclStats = (mode: 'cold' | 'warm') => {
      const ratios = dclRuns[mode].map((x) => x.with / x.without);
      return {
        ...quantileRatios(
          dclRuns[mode].map((x) => x.with),
          dclRuns[mode].map((x) => x.without),
        ),
        withP50: percentile(
          dclRuns[mode].map((x) => x.with),
          50,
        ),
        withoutP50: percentile(
          dclRuns[mode].map((x) => x.without),
          50,
        ),
        pairP50: percentile(ratios, 50),
        pairP95: percentile(ratios, 95),
        worst: Math.max(...ratios),
        pairsOverTarget: ratios.filter((r) => r > DCL_TARGET).length,
        afterParsedP50: percentile(
          dclRuns[mode].map((x) => x.afterParsed),
          50,
        ),
        afterParsedP95: percentile(
          dclRuns[mode].map((x) => x.afterParsed),
          95,
        ),
        scanToBadgeP50: percentile(
          dclRuns[mode].map((x) => x.scanToBadge),
          50,
        ),
        // Where the way to the first badge goes (p50 of each, ms): the content script starting after navigation,
        // reading the cached caseload; then, of the page's DOMContentLoaded, our share (the scan's first slice and
        // its badges); the first slice alone, and the whole first scan's work (all slices).
        steps: {
          injected: percentile(
            dclRuns[mode].map((x) => x.marks.injected),
            50,
          ),
          cacheRead: percentile(
            dclRuns[mode].map((x) => x.marks.cached - x.marks.injected),
            50,
          ),
          oursInDcl: percentile(
            dclRuns[mode].map((x) => x.oursInDcl),
            50,
          ),
          oursInDclP95: percentile(
            dclRuns[mode].map((x) => x.oursInDcl),
            95,
          ),
          firstSlice: percentile(
            dclRuns[mode].map((x) => x.firstSlice),
            50,
          ),
          scanWork: percentile(
            dclRuns[mode].map((x) => x.scanWork),
            50,
          ),
        },
      };
    };
    const warmRuns = dclRuns.warm;
    const replay = (samples: readonly number[]) => {
      let next = 0;
      return () => ({ overriddenDuration: samples[next++ % samples.length]! });
    };
    const load = await bench.compare(
      bench('baseline: register DOMContentLoaded, no extension', replay(warmRuns.map((t) => t.without))),
      bench('time to first badge, register', replay(warmRuns.map((t) => t.firstBadge))),
      { iterations: warmRuns.length, time: 0, warmup: false },
    );
    const dcl = load.get('baseline: register DOMContentLoaded, no extension').latency.p50;
    const firstBadge = load.get('time to first badge, register').latency.p50;
    const scanToBadge = median(warmRuns.map((t) => t.scanToBadge));
    const dclWithExtension = median(warmRuns.map((t) => t.with));
    const afterParsed = median(warmRuns.map((t) => t.afterParsed));
    const cold = dclStats('cold');
    const warm = dclStats('warm');

    // (a3) Incremental rescan: 100 caseload rows appended to the parsed register, until their badges are in,
    // beside the first full scan's own time (its slices added up) on the same page.
    const rescan: { appendMs: number; workMs: number; fullMs: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await demo.context.newPage();
      await page.goto(register);
      await page.waitForFunction(() => performance.getEntriesByName('caseload:full-scan-done').length > 0, null, { timeout: 20_000 });
      rescan.push(
        await page.evaluate(
          () =>
            new Promise<{ appendMs: number; workMs: number; fullMs: number }>((resolve) => {
              // The first full scan's own work: its slices added up (the waits between them are the page's).
              const done = performance.getEntriesByName('caseload:full-scan-done')[0]!.startTime;
              const fullMs = performance
                .getEntriesByName('caseload:scan-slice')
                .filter((e) => e.startTime <= done)
                .reduce((sum, e) => sum + e.duration, 0);
              const rows = [...document.querySelectorAll('tbody tr')].filter((tr) => tr.querySelector('caseload-badge')).slice(0, 100);
              const tbody = document.querySelector('tbody')!;
              const before = document.querySelectorAll('caseload-badge').length;
              const start = performance.now();
              const obs = new MutationObserver(() => {
                if (document.querySelectorAll('caseload-badge').length >= before + rows.length) {
                  obs.disconnect();
                  // The rescans' own work (badges included), apart from the wait for the next frame.
                  const workMs = performance
                    .getEntriesByName('caseload:rescan')
                    .filter((e) => e.startTime >= start)
                    .reduce((sum, e) => sum + e.duration, 0);
                  resolve({ appendMs: performance.now() - start, workMs, fullMs });
                }
              });
              obs.observe(tbody, { childList: true, subtree: true });
              const fragment = document.createDocumentFragment();
              for (const tr of rows) {
                const copy = tr.cloneNode(true) as Element;
                for (const b of copy.querySelectorAll('caseload-badge')) b.remove();
                fragment.append(copy);
              }
              tbody.append(fragment);
            }),
        ),
      );
      await page.close();
    }
    phase('rescans');
    const appendMs = median(rescan.map((r) => r.appendMs));
    const rescanWorkMs = median(rescan.map((r) => r.workMs));
    const fullScanMs = median(rescan.map((r) => r.fullMs));

    // (a4) Options-page import of a one-year tracker (50,000 Log rows): file chosen → preview shown, Import pressed →
    // "Imported …", their sum (what the person waits), and the whole import with Import pressed as soon as the
    // preview is there, beside reading the same
    // file's bytes in the same page (the least any import must do); when the first progress line appeared; the
    // longest task (how long the page could not answer a click).
    const { waitMs, importMs, storeMs, previewMs, importRead, progressMs, longestTask } = await measureImports(demo, scratch);
    phase('Options imports');

    // (b) Sizes: what Chromium loads, gzipped as a server or the Web Store would.
    const gzip = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;
    // Both halves load on a granted page; the early one is what is evaluated while the page parses.
    const contentScript = join(demo.extensionDir, 'overlay.js');
    const earlyScript = join(demo.extensionDir, 'overlay-early.js');
    const earlyGzip = gzip(earlyScript);
    const contentGzip = gzip(contentScript) + earlyGzip;
    const preactGzip = gzip(join(ROOT, 'node_modules', 'preact', 'dist', 'preact.mjs'));

    // (c) Taps on the SIMS student list, and no-op messages from the same page's content script.
    const page = await demo.context.newPage();
    await page.goto(demo.urlOf('sims', '/students'));
    await page.waitForSelector(BADGE);
    const badges = await page.locator(BADGE).count();
    const inContentScript = await contentScriptWorld(page, demo.extensionId);
    let taps = 0;
    const tap = await bench.compare(
      bench('baseline: no-op message to the service worker and back', async () => {
        // An unknown request: the service worker's listener and router answer it without any work.
        const t = (await inContentScript(`(async () => {
          const start = performance.now();
          const reply = await chrome.runtime.sendMessage({ type: 'bench/no-op' });
          if (!reply || reply.ok !== false) throw new Error('unexpected reply ' + JSON.stringify(reply));
          return performance.now() - start;
        })()`)) as number;
        return { overriddenDuration: t };
      }),
      bench('tap to persisted', async () => ({ overriddenDuration: await tapToSaved(page, taps++ % badges) })),
      GROUP,
    );
    await page.close();
    phase('taps');
    const noop = tap.get('baseline: no-op message to the service worker and back').latency.p50;
    const tapMs = tap.get('tap to persisted').latency.p50;

    const rows: [string, string, string, string, string][] = [
      ['measure (median)', 'baseline', 'Caseload', 'ratio', 'target'],
      [
        'time to first badge, 2,000-row register',
        `${ms(dcl)} DOMContentLoaded, no extension`,
        ms(firstBadge),
        `${(firstBadge / dcl).toFixed(2)}×`,
        `< ${TARGETS.firstBadgeMs} ms`,
      ],
      ['  first badge after the page was parsed', '', ms(afterParsed), `${(afterParsed / dcl).toFixed(2)}×`, ''],
      ['  of which our scan → first badge', '', ms(scanToBadge), `${(scanToBadge / dcl).toFixed(2)}×`, ''],
      ['  DOMContentLoaded with the extension', '', ms(dclWithExtension), `${(dclWithExtension / dcl).toFixed(2)}×`, ''],
      ...(['warm', 'cold'] as const).map((mode): [string, string, string, string, string] => {
        const st = mode === 'warm' ? warm : cold;
        return [
          `DOMContentLoaded with ÷ without, ${mode} (${DCL_RUNS} loads each)`,
          `same-run loads, no extension: p50 ${ms(st.withoutP50)}`,
          `p50 ${st.p50.toFixed(3)}× · p95 ${st.p95.toFixed(3)}×`,
          `pairs: p50 ${st.pairP50.toFixed(2)}×, p95 ${st.pairP95.toFixed(2)}×, ${st.pairsOverTarget} over`,
          `≤ ${DCL_TARGET}× every run`,
        ];
      }),
      [
        `  same browser, register held until parsed: granted host ÷ not granted (${DCL_RUNS} loads each)`,
        `the same page where our content script does not run: p50 ${ms(
          percentile(
            grantedPairs.map((x) => x.ungranted),
            50,
          ),
        )}`,
        `p50 ${sameBrowser.p50.toFixed(3)}× · p95 ${sameBrowser.p95.toFixed(3)}×`,
        '',
        `≤ ${DCL_TARGET}× every run`,
      ],
      [
        `  floor: an extension whose only content script does next to nothing at document_start, matched ÷ not (${DCL_RUNS} each)`,
        'the same held register, same browser',
        `p50 ${floorRatio.p50.toFixed(3)}× · p95 ${floorRatio.p95.toFixed(3)}×`,
        '',
        '',
      ],
      [
        `  the same script at document_end instead, matched ÷ not (${DCL_RUNS} each)`,
        `it ran after parsed: p50 ${ms(scriptAtEnd.ranAfterParsedP50)} · p95 ${ms(scriptAtEnd.ranAfterParsedP95)}`,
        `p50 ${scriptAtEnd.p50.toFixed(3)}× · p95 ${scriptAtEnd.p95.toFixed(3)}×`,
        '',
        'a badge from it: ≥ that',
      ],
      [
        `  noise floor: plain ÷ plain (${DCL_RUNS} loads each)`,
        'a second Chromium without the extension',
        `p50 ${noiseFloor.p50.toFixed(3)}× · p95 ${noiseFloor.p95.toFixed(3)}×`,
        '',
        '',
      ],
      [
        'first badge after parsed: p50/p95 warm · cold',
        '',
        `${ms(warm.afterParsedP50)}/${ms(warm.afterParsedP95)} · ${ms(cold.afterParsedP50)}/${ms(cold.afterParsedP95)}`,
        '',
        '≤ 60 ms',
      ],
      [
        '  held register: loads whose first badge was in the first paint',
        '',
        `${afterPaint.badgeInFirstPaint} of ${grantedPairs.length}`,
        '',
        '',
      ],
      ...(['warm', 'cold'] as const).map((mode): [string, string, string, string, string] => {
        const st = (mode === 'warm' ? warm : cold).steps;
        return [
          `  ${mode}: script start · cache read · ours in DOMContentLoaded p50/p95 · first slice · whole scan`,
          '',
          `${ms(st.injected)} · ${ms(st.cacheRead)} · ${ms(st.oursInDcl)}/${ms(st.oursInDclP95)} · ${ms(st.firstSlice)} · ${ms(st.scanWork)}`,
          '',
          '',
        ];
      }),
      [
        `  same browser, held register: first contentful paint, granted ÷ not granted (${DCL_RUNS} loads each)`,
        `not granted: p50 ${ms(afterPaint.firstPaint.ungrantedP50)}`,
        `p50 ${afterPaint.firstPaint.p50.toFixed(3)}× · p95 ${afterPaint.firstPaint.p95.toFixed(3)}×`,
        '',
        '',
      ],
      [
        'held register after its first paint: busy p50/p95 · long tasks p50 (granted host)',
        `not granted: ${ms(afterPaint.ungranted.busyP50)}/${ms(afterPaint.ungranted.busyP95)} · ${ms(afterPaint.ungranted.longTasksP50)}`,
        `${ms(afterPaint.granted.busyP50)}/${ms(afterPaint.granted.busyP95)} · ${ms(afterPaint.granted.longTasksP50)}`,
        '',
        `whole scan done ${ms(afterPaint.scanDoneP50)} after it`,
      ],
      ['100 rows appended → badged', `${ms(fullScanMs)} first full scan`, ms(appendMs), `${(appendMs / fullScanMs).toFixed(2)}×`, ''],
      ['  of which the rescan itself', 'the same', ms(rescanWorkMs), `${(rescanWorkMs / fullScanMs).toFixed(2)}×`, ''],
      [
        'options import, 50,000-log tracker: to preview',
        `${ms(importRead)} reading the file`,
        ms(previewMs),
        `${(previewMs / importRead).toFixed(1)}×`,
        `first progress line at ${ms(progressMs)} (≤ 1000 ms)`,
      ],
      [
        '  waiting: to preview + Import pressed → imported',
        `${ms(storeMs)} of it storing`,
        ms(waitMs),
        `${(waitMs / importRead).toFixed(1)}×`,
        `≤ 2000 ms (longest task ${ms(longestTask)})`,
      ],
      [
        '  chosen → imported, Import pressed at once',
        'includes the bench pressing Import',
        ms(importMs),
        `${(importMs / importRead).toFixed(1)}×`,
        '',
      ],
      [
        'content scripts, gzip: both halves (the one evaluated while the page parses)',
        `${kb(preactGzip)} Preact runtime`,
        `${kb(contentGzip)} (${kb(earlyGzip)})`,
        `${(contentGzip / preactGzip).toFixed(2)}×`,
        `< ${TARGETS.gzipKb} KB (${((100 * contentGzip) / (TARGETS.gzipKb * 1024)).toFixed(0)}% used)`,
      ],
      ['tap to persisted', `${ms(noop)} no-op message round trip`, ms(tapMs), `${(tapMs / noop).toFixed(2)}×`, `< ${TARGETS.tapMs} ms`],
    ];
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    console.log(
      [
        `extension in Chromium (${DCL_RUNS} register pairs per service-worker state, ${RUNS} rescans and taps, ${IMPORT_RUNS} imports, each after a warm-up; register rows with a badge: ${median(warmRuns.map((t) => t.badges))}; ${((performance.now() - began) / 60_000).toFixed(1)} min)`,
        ...rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')),
      ].join('\n'),
    );

    const results = {
      measuredAt: new Date().toISOString(),
      runs: RUNS,
      register: {
        badges: median(warmRuns.map((t) => t.badges)),
        baselineDomContentLoadedMs: Math.round(dcl),
        timeToFirstBadgeMs: Math.round(firstBadge),
        firstBadgeRatio: +(firstBadge / dcl).toFixed(2),
        firstBadgeAfterDomParsedMs: Math.round(afterParsed),
        scanToFirstBadgeMs: Math.round(scanToBadge),
        domContentLoadedWithExtensionMs: Math.round(dclWithExtension),
      },
      domContentLoadedRatio: {
        runs: DCL_RUNS,
        target: DCL_TARGET,
        warm,
        cold,
        sameBrowser,
        emptyScriptFloor: floorRatio,
        documentEndFloor: scriptAtEnd,
        noiseFloor,
      },
      heldRegisterAfterFirstPaint: afterPaint,
      rescan: { appended100Ms: Math.round(appendMs), rescanWorkMs: +rescanWorkMs.toFixed(1), fullScanMs: Math.round(fullScanMs) },
      optionsImport: {
        logRows: 50_000,
        runs: IMPORT_RUNS,
        waitMs: Math.round(waitMs),
        storeMs: Math.round(storeMs),
        importMs: Math.round(importMs),
        previewMs: Math.round(previewMs),
        firstProgressMs: Math.round(progressMs),
        readFileMs: Math.round(importRead),
        longestTaskMs: Math.round(longestTask),
      },
      contentScript: {
        bytes: readFileSync(contentScript).length + readFileSync(earlyScript).length,
        gzipBytes: contentGzip,
        earlyGzipBytes: earlyGzip,
        preactGzipBytes: preactGzip,
        ratio: +(contentGzip / preactGzip).toFixed(2),
        targetGzipBytes: TARGETS.gzipKb * 1024,
      },
      tap: { baselineNoOpMessageMs: +noop.toFixed(2), tapToPersistedMs: +tapMs.toFixed(2), ratio: +(tapMs / noop).toFixed(2) },
    };
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'extension.json'), `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await worker.close().catch(() => undefined);
    await plain.close().catch(() => undefined);
    await plain2.close().catch(() => undefined);
    await floor.close().catch(() => undefined);
    await endFloor.close().catch(() => undefined);
    await demo.close();
    rmSync(scratch, { recursive: true, force: true });
  }
});
