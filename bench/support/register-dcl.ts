// DOMContentLoaded of the 2,000-row register with the extension ÷ without, cold (service worker stopped before
// the load) and warm (service worker running), interleaved with loads in a Chromium without the extension so
// both sides of each ratio share the machine's load at that moment. Used by bench/extension.bench.ts.
import type { BrowserContext } from 'playwright-core';
import type { ServiceWorkerControl } from '../../tests/e2e/support/service-worker';

export interface DclSample {
  /** DOMContentLoaded end (navigation timing, page clock) with the extension. */
  with: number;
  /** The same in the plain Chromium, measured right next to it. */
  without: number;
  /** With the extension: first badge − domInteractive (the page parsed). */
  afterParsed: number;
  /** The overlay's own marks: first scan start → first badge. */
  scanToBadge: number;
  /** With the extension: the first badge, from navigation start. */
  firstBadge: number;
  /** Badges on the page once the first appeared. */
  badges: number;
  /** The overlay's marks, from navigation start: content script running, cached caseload read, page parsed
   * (our task after DOMContentLoaded), first scan started. Together they say where time to first badge goes. */
  marks: { injected: number; cached: number; ready: number; scanStart: number; domInteractive: number };
  /** Our share of the page's DOMContentLoaded: from our listener starting to the event's end (the first slice
   * of the scan and its badges; the page's own document handlers ran before it). */
  oursInDcl: number;
  /** The first slice of the first scan, and all its slices added up (the whole scan's own work). */
  firstSlice: number;
  scanWork: number;
}

/** The page after its first contentful paint, once it has been quiet for a while (see `settle`). */
export interface AfterPaint {
  /** The first contentful paint, from navigation start: when the person first sees the page. */
  firstPaintMs: number;
  /** From the first contentful paint until the last long task (> 50 ms) after it ended: 0 when none ran. */
  busyMs: number;
  /** Those long tasks added up. */
  longTaskMs: number;
  /** The first whole-page scan finished, from the first contentful paint (NaN without the overlay). */
  scanDoneMs: number;
  /** The first badge was on the page before its first contentful paint (so in it). */
  badgeInFirstPaint: boolean;
}

/** Quiet for this long after the last long task: the page has settled. */
const SETTLED_MS = 800;

/** One load: `expectBadge` waits for the overlay's whole scan, `settle` for the page to go quiet after its first paint. */
async function loadTimes(context: BrowserContext, url: string, { expectBadge = false, settle = false } = {}) {
  const page = await context.newPage();
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { __firstBadgeAt?: number; __longTasks: [number, number][] };
      // Long tasks (the Long Tasks API: any task over 50 ms on the page's thread, content scripts' included).
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push([e.startTime, e.duration]);
      }).observe({ type: 'longtask', buffered: true });
      const observer = new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) if (n.nodeName === 'CASELOAD-BADGE') w.__firstBadgeAt ??= performance.now();
        if (w.__firstBadgeAt !== undefined) observer.disconnect();
      });
      document.addEventListener('DOMContentLoaded', () => observer.observe(document, { childList: true, subtree: true }));
    });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    if (expectBadge)
      await page.waitForFunction(() => performance.getEntriesByName('caseload:full-scan-done').length > 0, null, { timeout: 20_000 });
    await page.waitForFunction(
      () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventEnd,
    );
    let afterPaint: AfterPaint | undefined;
    if (settle) {
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 20_000 });
      await page.waitForFunction(
        (quiet) => {
          const tasks = (window as unknown as { __longTasks: [number, number][] }).__longTasks;
          const fcp = performance.getEntriesByName('first-contentful-paint')[0]!.startTime;
          const last = Math.max(fcp, ...tasks.map(([start, duration]) => start + duration));
          return performance.now() - last > quiet;
        },
        SETTLED_MS,
        { polling: 100, timeout: 30_000 },
      );
      afterPaint = await page.evaluate(() => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]!.startTime;
        // Tasks that began after the page first painted (the paint's own task began before it).
        const after = (window as unknown as { __longTasks: [number, number][] }).__longTasks.filter(([start]) => start >= fcp);
        const done = performance.getEntriesByName('caseload:full-scan-done')[0]?.startTime ?? Number.NaN;
        return {
          firstPaintMs: fcp,
          busyMs: Math.max(0, ...after.map(([start, duration]) => start + duration - fcp)),
          longTaskMs: after.reduce((sum, [, duration]) => sum + duration, 0),
          scanDoneMs: done - fcp,
          badgeInFirstPaint: (performance.getEntriesByName('caseload:first-badge')[0]?.startTime ?? Number.POSITIVE_INFINITY) < fcp,
        };
      });
    }
    const times = await page.evaluate((floorMark) => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      return {
        dcl: nav.domContentLoadedEventEnd,
        parsed: nav.domInteractive,
        firstBadge: (window as unknown as { __firstBadgeAt?: number }).__firstBadgeAt ?? NaN,
        scanToBadge: mark('caseload:first-badge') - mark('caseload:scan-start'),
        // Where the time from navigation to the first scan goes (the overlay's own marks, extension/overlay/app.tsx).
        injected: mark('caseload:start'),
        cached: mark('caseload:cached'),
        ready: mark('caseload:parsed'),
        scanStart: mark('caseload:scan-start'),
        badges: document.querySelectorAll('caseload-badge').length,
        oursInDcl: nav.domContentLoadedEventEnd - mark('caseload:parsed'),
        slices: performance.getEntriesByName('caseload:scan-slice').map((e) => e.duration),
        // Left by the floor's content script (markingExtension): when it ran on this page (NaN: it did not).
        floorScriptAt: Number(document.documentElement.getAttribute(floorMark) ?? Number.NaN),
      };
    }, FLOOR_MARK);
    return { ...times, afterPaint };
  } finally {
    await page.close();
  }
}

/** Both loads of a pair, `a` first when `first` is set, else `b` first: alternating which side goes first, so
 * neither always pays for the other's leftovers. */
async function inTurn<A, B>(first: boolean, a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
  if (first) {
    const x = await a();
    return [x, await b()];
  }
  const y = await b();
  return [await a(), y];
}

export async function sampleRegisterDcl(
  withExtension: BrowserContext,
  plain: BrowserContext,
  worker: ServiceWorkerControl,
  url: string,
  mode: 'cold' | 'warm',
  first: boolean,
): Promise<DclSample> {
  if (mode === 'cold') await worker.stop();
  else await worker.start();
  const [w, b] = await inTurn(
    first,
    () => loadTimes(withExtension, url, { expectBadge: true }),
    async () => {
      const loaded = await loadTimes(plain, url);
      // Going second, the extension's load must still find its service worker stopped.
      if (!first && mode === 'cold') await worker.stop();
      return loaded;
    },
  );
  if (w.badges === 0) throw new Error('No badge on the register.');
  if (b.badges !== 0) throw new Error('The baseline browser ran the extension.');
  return {
    with: w.dcl,
    without: b.dcl,
    afterParsed: w.firstBadge - w.parsed,
    scanToBadge: w.scanToBadge,
    firstBadge: w.firstBadge,
    badges: w.badges,
    marks: { injected: w.injected, cached: w.cached, ready: w.ready, scanStart: w.scanStart, domInteractive: w.parsed },
    // Negative when our listener ran after the event (the caseload came later than the parse): nothing of ours in it.
    oursInDcl: Math.max(0, w.oursInDcl),
    firstSlice: w.slices[0] ?? Number.NaN,
    scanWork: w.slices.reduce((a, b) => a + b, 0),
  };
}

/**
 * The same page in two Chromiums without the extension, alternating which goes first: the noise floor of the
 * ratio on this machine in this run (two identical browsers differ by this much with nothing of ours in either).
 */
export async function samplePlainPair(
  a: BrowserContext,
  b: BrowserContext,
  url: string,
  first: boolean,
): Promise<{ a: number; b: number }> {
  const [x, y] = await inTurn(
    first,
    () => loadTimes(a, url),
    () => loadTimes(b, url),
  );
  return { a: x.dcl, b: y.dcl };
}

/**
 * In the browser with the extension, the register from a granted host (our content script runs) and from a host
 * no build grants (it does not), alternating which goes first: the same browser, profile and service worker on
 * both sides, so only what our content script does to the page differs. Each load is also followed until the
 * page has been quiet for a while after its first paint (`AfterPaint`).
 */
export async function sampleGrantedPair(
  withExtension: BrowserContext,
  granted: string,
  ungranted: string,
  first: boolean,
): Promise<{ granted: number; ungranted: number; grantedAfterPaint: AfterPaint; ungrantedAfterPaint: AfterPaint }> {
  const [x, y] = await inTurn(
    first,
    () => loadTimes(withExtension, granted, { expectBadge: true, settle: true }),
    () => loadTimes(withExtension, ungranted, { settle: true }),
  );
  if (y.badges !== 0) throw new Error('The overlay ran on a host that was not granted.');
  return { granted: x.dcl, ungranted: y.dcl, grantedAfterPaint: x.afterPaint!, ungrantedAfterPaint: y.afterPaint! };
}

/**
 * What any content script costs the page, whatever it does: a browser whose only extension has one script that
 * does next to nothing (`markingExtension`), on the same held register from a host it matches and from one it
 * does not. At document_start, Chromium still makes the script's isolated world and its extension bindings before
 * the page goes on parsing: the floor under what our early half can add to DOMContentLoaded. At document_end, the
 * script adds nothing to DOMContentLoaded, but on the held register Chromium runs it only after it has rendered
 * the whole parsed page once (style, layout and paint of 2,000 rows; tasks queued at DOMContentLoaded wait for
 * that frame too): `scriptAfterParsed` is then the earliest a badge could appear from a script that waits until
 * after DOMContentLoaded. Each pair checks the script ran on the matched page and not on the other.
 */
export async function sampleFloorPair(
  markingBrowser: BrowserContext,
  matched: string,
  unmatched: string,
  first: boolean,
): Promise<{ matched: number; unmatched: number; scriptAfterParsed: number }> {
  const [x, y] = await inTurn(
    first,
    () => loadTimes(markingBrowser, matched),
    () => loadTimes(markingBrowser, unmatched),
  );
  // The floor means something only if the script ran where it was meant to, and only there.
  if (Number.isNaN(x.floorScriptAt) || !Number.isNaN(y.floorScriptAt))
    throw new Error('The marking content script did not run on the matched host only.');
  return { matched: x.dcl, unmatched: y.dcl, scriptAfterParsed: x.floorScriptAt - x.parsed };
}

/** The attribute the floor's content script sets on <html>, to when it ran (page clock): one attribute, so it
 * does next to nothing. */
const FLOOR_MARK = 'data-bench-floor';

/** An unpacked extension whose one content script runs at `runAt` on `origin` and does next to nothing: it marks
 * <html> with the time it ran, so the bench can tell it ran, and when. */
export function markingExtension(origin: string, runAt: 'document_start' | 'document_end'): { manifest: object; script: string } {
  return {
    manifest: {
      manifest_version: 3,
      name: `Content script that only marks the page, at ${runAt} (bench floor)`,
      version: '1',
      content_scripts: [{ matches: [`${origin}/*`], js: ['mark.js'], run_at: runAt }],
    },
    script: `document.documentElement.setAttribute(${JSON.stringify(FLOOR_MARK)}, String(performance.now()));\n`,
  };
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  // Nearest rank: p95 of 15 samples is the 15th (the worst), so a single slow run shows.
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
