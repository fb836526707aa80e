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

async function loadTimes(context: BrowserContext, url: string, expectBadge: boolean) {
  const page = await context.newPage();
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { __firstBadgeAt?: number };
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
    return await page.evaluate(() => {
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
      };
    });
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
    () => loadTimes(withExtension, url, true),
    async () => {
      const loaded = await loadTimes(plain, url, false);
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
    () => loadTimes(a, url, false),
    () => loadTimes(b, url, false),
  );
  return { a: x.dcl, b: y.dcl };
}

/**
 * In the browser with the extension, the register from a granted host (our content script runs) and from a host
 * no build grants (it does not), alternating which goes first: the same browser, profile and service worker on
 * both sides, so only what our content script does to the page differs.
 */
export async function sampleGrantedPair(
  withExtension: BrowserContext,
  granted: string,
  ungranted: string,
  first: boolean,
): Promise<{ granted: number; ungranted: number }> {
  const [x, y] = await inTurn(
    first,
    () => loadTimes(withExtension, granted, true),
    () => loadTimes(withExtension, ungranted, false),
  );
  if (y.badges !== 0) throw new Error('The overlay ran on a host that was not granted.');
  return { granted: x.dcl, ungranted: y.dcl };
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  // Nearest rank: p95 of 15 samples is the 15th (the worst), so a single slow run shows.
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
