// The extension in real Chromium (the e2e build: demo hosts preset, demo caseload imported through Options),
// each measurement beside a baseline taken in the same run, so the ratios hold whatever the machine:
//  (a) time to first badge on the 2,000-row register ÷ the same page's DOMContentLoaded in a Chromium without
//      the extension (how long after the page is ready our badges arrive);
//  (b) the content script's gzip size ÷ the gzip size of Preact's own runtime, and in KB against the 50 KB target;
//  (c) tap to persisted (a quick-log tap until the panel says "Saved": message to the service worker, checks,
//      IndexedDB commit, render) ÷ a no-op message from the content script to the service worker and back.
// Page timings come from the page's own clock (performance.now, navigation timing), handed to the bench as
// `overriddenDuration`, so Playwright's own round trips are not measured; the register loads are interleaved
// (with, without, without, with…) and replayed into the bench. Medians are compared: a shared machine has
// outliers. Results also go to bench/results/extension.json.
// (Vitest 5: `bench` is a test-context fixture; `bench.compare` runs the group and returns the statistics.)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { test } from 'vitest';
import { CHROMIUM, demoBrowserArgs } from '../scripts/demo-server.mjs';
import { BADGE, type DemoBrowser, startDemoBrowser } from '../tests/e2e/support/demo-browser';
import { percentile, sampleRegisterDcl, type DclSample } from './support/register-dcl';
import { writeWorkbook } from '../cli/xlsx';
import { trackerWorkbook } from '../cli/tracker';
import { generateSchool } from '../tests/core/fixtures';

const ROOT = join(import.meta.dirname, '..');
const TARGETS = { firstBadgeMs: 300, gzipKb: 50, tapMs: 50 };
/** Page loads (in each browser) and taps per measurement, plus one warm-up each. */
const RUNS = 7;
/** Register loads per DOMContentLoaded ratio, cold and warm each (the issue asks for at least 15). */
const DCL_RUNS = 15;
const DCL_TARGET = 1.03;
const GROUP = { iterations: RUNS, time: 0, warmupIterations: 1, warmupTime: 0 };

interface RegisterLoad {
  firstBadge: number;
  /** The page parsed (navigation timing's domInteractive): no badge can come before it. */
  domParsed: number;
  domContentLoaded: number;
  badges: number;
  /** The overlay's own share: its scan starting (page parsed, caseload in hand) to its first badge. */
  scanToBadge: number;
}

/** Open the register in `context`; with the extension, wait for its badges. Times are from navigation start. */
async function loadRegister(context: BrowserContext, url: string, withExtension: boolean): Promise<RegisterLoad> {
  const page = await context.newPage();
  try {
    // From the page's own world, independent of the extension's code: when did a badge first appear?
    await page.addInitScript(() => {
      const w = window as unknown as { __firstBadgeAt?: number };
      const observer = new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) if (n.nodeName === 'CASELOAD-BADGE') w.__firstBadgeAt ??= performance.now();
        if (w.__firstBadgeAt !== undefined) observer.disconnect();
      });
      // From DOMContentLoaded (no badge can come earlier), so the observer stays off the parser's path.
      document.addEventListener('DOMContentLoaded', () => observer.observe(document, { childList: true, subtree: true }));
    });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    if (withExtension) await page.waitForSelector(BADGE, { timeout: 20_000 });
    // Navigation timing's DOMContentLoaded end is only filled in once the event's handlers have run.
    await page.waitForFunction(
      () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventEnd,
    );
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      return {
        firstBadge: (window as unknown as { __firstBadgeAt?: number }).__firstBadgeAt ?? NaN,
        domParsed: nav.domInteractive,
        domContentLoaded: nav.domContentLoadedEventEnd,
        badges: document.querySelectorAll('caseload-badge').length,
        scanToBadge: mark('caseload:first-badge') - mark('caseload:scan-start'),
      };
    });
  } finally {
    await page.close();
  }
}

/** Chromium as the bench's extension browser runs it, without the extension. */
async function launchPlain(demo: DemoBrowser, userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 860 },
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...demoBrowserArgs(demo.server.port, demo.server.hosts),
    ],
  });
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

test('extension in Chromium: time to first badge, content script size, tap to persisted', { timeout: 600_000 }, async ({ bench }) => {
  const demo = await startDemoBrowser();
  const scratch = mkdtempSync(join(tmpdir(), 'caseload-bench-'));
  const plain = await launchPlain(demo, join(scratch, 'plain'));
  try {
    // (a) The 2,000-row register. A shared machine's load drifts, so the two are interleaved: each run loads the
    // page once in each browser, alternating which goes first (run 0 warms both up and is not kept); the bench
    // then takes the recorded samples.
    const register = demo.urlOf('register');
    const withoutExtension: RegisterLoad[] = [];
    const withExtension: RegisterLoad[] = [];
    for (let run = 0; run <= RUNS; run++) {
      for (const extension of run % 2 ? [true, false] : [false, true]) {
        const t = await loadRegister(extension ? demo.context : plain, register, extension);
        if (extension && (!(t.firstBadge > 0) || t.badges === 0)) throw new Error(`No badge on the register (${JSON.stringify(t)})`);
        if (!extension && t.badges !== 0) throw new Error('The baseline browser ran the extension.');
        if (run > 0) (extension ? withExtension : withoutExtension).push(t);
      }
    }
    const replay = (samples: readonly number[]) => {
      let next = 0;
      return () => ({ overriddenDuration: samples[next++ % samples.length]! });
    };
    const load = await bench.compare(
      bench('baseline: register DOMContentLoaded, no extension', replay(withoutExtension.map((t) => t.domContentLoaded))),
      bench('time to first badge, register', replay(withExtension.map((t) => t.firstBadge))),
      { iterations: RUNS, time: 0, warmup: false },
    );
    const dcl = load.get('baseline: register DOMContentLoaded, no extension').latency.p50;
    const firstBadge = load.get('time to first badge, register').latency.p50;
    const scanToBadge = median(withExtension.map((t) => t.scanToBadge));
    const dclWithExtension = median(withExtension.map((t) => t.domContentLoaded));
    const afterParsed = median(withExtension.map((t) => t.firstBadge - t.domParsed));

    // (a2) DOMContentLoaded with ÷ without, cold (service worker stopped first) and warm, each load beside a
    // load in the plain browser; the ratio is taken per pair, then p50/p95 over the runs.
    const dclRuns: Record<'cold' | 'warm', DclSample[]> = { cold: [], warm: [] };
    for (const mode of ['warm', 'cold'] as const) {
      for (let i = 0; i <= DCL_RUNS; i++) {
        const sample = await sampleRegisterDcl(demo.context, plain, demo.extensionId, register, mode, i % 2 === 0);
        if (i > 0) dclRuns[mode].push(sample);
      }
    }
    const dclStats = (mode: 'cold' | 'warm') => {
      const ratios = dclRuns[mode].map((x) => x.with / x.without);
      return {
        p50: percentile(ratios, 50),
        p95: percentile(ratios, 95),
        worst: Math.max(...ratios),
        overTarget: ratios.filter((r) => r > DCL_TARGET).length,
        afterParsedP50: percentile(
          dclRuns[mode].map((x) => x.afterParsed),
          50,
        ),
      };
    };
    const cold = dclStats('cold');
    const warm = dclStats('warm');

    // (a3) Incremental rescan: 100 caseload rows appended to the parsed register, until their badges are in,
    // beside the first full scan's own time (scan start → first badge) on the same page.
    const rescan: { appendMs: number; fullMs: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await demo.context.newPage();
      await page.goto(register);
      await page.waitForSelector(BADGE, { timeout: 20_000 });
      rescan.push(
        await page.evaluate(
          () =>
            new Promise<{ appendMs: number; fullMs: number }>((resolve) => {
              const fullMs =
                performance.getEntriesByName('caseload:first-badge')[0]!.startTime -
                performance.getEntriesByName('caseload:scan-start')[0]!.startTime;
              const rows = [...document.querySelectorAll('tbody tr')].filter((tr) => tr.querySelector('caseload-badge')).slice(0, 100);
              const tbody = document.querySelector('tbody')!;
              const before = document.querySelectorAll('caseload-badge').length;
              const start = performance.now();
              const obs = new MutationObserver(() => {
                if (document.querySelectorAll('caseload-badge').length >= before + rows.length) {
                  obs.disconnect();
                  resolve({ appendMs: performance.now() - start, fullMs });
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
    const appendMs = median(rescan.map((r) => r.appendMs));
    const fullScanMs = median(rescan.map((r) => r.fullMs));

    // (a4) Options-page import of a one-year tracker (50,000 Log rows), file chosen → "Imported …" shown,
    // beside reading the same file's bytes in the same page (the least any import must do).
    const yearFile = join(scratch, 'one-year.xlsx');
    await writeWorkbook(
      yearFile,
      trackerWorkbook(generateSchool({ seed: 2026, staff: 60, pupils: 300, logs: 50_000, date: '2026-11-24' })),
    );
    const imports: { importMs: number; readMs: number; longestTaskMs: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await demo.context.newPage();
      await page.goto(`chrome-extension://${demo.extensionId}/options.html`);
      await page.evaluate(() => {
        const w = window as unknown as { __longest: number; __t0?: number; __read?: number };
        w.__longest = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
        }).observe({ type: 'longtask', buffered: false });
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
      await page.setInputFiles('#import-file', yearFile);
      await page.waitForSelector('#import-result .ok, #import-result .error', { timeout: 120_000 });
      imports.push(
        await page.evaluate(() => {
          const w = window as unknown as { __longest: number; __t0: number; __read: number };
          return { importMs: performance.now() - w.__t0, readMs: w.__read, longestTaskMs: w.__longest };
        }),
      );
      await page.close();
    }
    const importMs = median(imports.map((x) => x.importMs));
    const importRead = median(imports.map((x) => x.readMs));
    const longestTask = median(imports.map((x) => x.longestTaskMs));

    // (b) Sizes: what Chromium loads, gzipped as a server or the Web Store would.
    const gzip = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;
    const contentScript = join(demo.extensionDir, 'content-scripts', 'overlay.js');
    const contentGzip = gzip(contentScript);
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
      [
        `DOMContentLoaded with ÷ without, warm (${DCL_RUNS} pairs)`,
        'same-run load, no extension',
        `p50 ${warm.p50.toFixed(3)}× · p95 ${warm.p95.toFixed(3)}×`,
        `${warm.overTarget} over`,
        `≤ ${DCL_TARGET}× every run`,
      ],
      [
        `DOMContentLoaded with ÷ without, cold (${DCL_RUNS} pairs)`,
        'same-run load, no extension',
        `p50 ${cold.p50.toFixed(3)}× · p95 ${cold.p95.toFixed(3)}×`,
        `${cold.overTarget} over`,
        `≤ ${DCL_TARGET}× every run`,
      ],
      ['first badge after parsed (p50 warm / cold)', '', `${ms(warm.afterParsedP50)} / ${ms(cold.afterParsedP50)}`, '', '≤ 60 ms'],
      ['100 rows appended → badged', `${ms(fullScanMs)} first full scan`, ms(appendMs), `${(appendMs / fullScanMs).toFixed(2)}×`, ''],
      [
        'options import, 50,000-log tracker',
        `${ms(importRead)} reading the file`,
        ms(importMs),
        `${(importMs / importRead).toFixed(1)}×`,
        `≤ 2000 ms (longest task ${ms(longestTask)})`,
      ],
      [
        'content script, gzip',
        `${kb(preactGzip)} Preact runtime`,
        kb(contentGzip),
        `${(contentGzip / preactGzip).toFixed(2)}×`,
        `< ${TARGETS.gzipKb} KB (${((100 * contentGzip) / (TARGETS.gzipKb * 1024)).toFixed(0)}% used)`,
      ],
      ['tap to persisted', `${ms(noop)} no-op message round trip`, ms(tapMs), `${(tapMs / noop).toFixed(2)}×`, `< ${TARGETS.tapMs} ms`],
    ];
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    console.log(
      [
        `extension in Chromium (${RUNS} runs each after a warm-up; register rows with a badge: ${median(withExtension.map((t) => t.badges))})`,
        ...rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')),
      ].join('\n'),
    );

    const results = {
      measuredAt: new Date().toISOString(),
      runs: RUNS,
      register: {
        badges: median(withExtension.map((t) => t.badges)),
        baselineDomContentLoadedMs: Math.round(dcl),
        timeToFirstBadgeMs: Math.round(firstBadge),
        firstBadgeRatio: +(firstBadge / dcl).toFixed(2),
        firstBadgeAfterDomParsedMs: Math.round(afterParsed),
        scanToFirstBadgeMs: Math.round(scanToBadge),
        domContentLoadedWithExtensionMs: Math.round(dclWithExtension),
      },
      domContentLoadedRatio: { runs: DCL_RUNS, target: DCL_TARGET, warm, cold },
      rescan: { appended100Ms: Math.round(appendMs), fullScanMs: Math.round(fullScanMs) },
      optionsImport: {
        logRows: 50_000,
        importMs: Math.round(importMs),
        readFileMs: Math.round(importRead),
        longestTaskMs: Math.round(longestTask),
      },
      contentScript: {
        bytes: readFileSync(contentScript).length,
        gzipBytes: contentGzip,
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
    await plain.close().catch(() => undefined);
    await demo.close();
    rmSync(scratch, { recursive: true, force: true });
  }
});
