// The overlay panel as an LSA uses it between lessons, in real Chromium (the e2e build and demo caseload) on a
// school system no adapter knows (demo/mis/unadapted), at 1366×768 at 100 % and 125 % zoom. Per log: the taps
// the page received and the pointer travel between them (badge → rating → prompt chip), and the share of the
// screen the panel covers (open, and collapsed to its bar). Each figure stands beside a baseline measured on the
// same page in the same run: the previous design's geometry (a fixed 380 px full-height panel on the right, the
// prompt level chosen in a detail section after every target and the quick logs, before the rating). Counts and
// pixels, not times: nothing here is timed. Results also go to bench/results/overlay-panel.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import { DEMO_HOSTS } from '../demo/mis/routes';
import { startDemoBrowser } from '../tests/e2e/support/demo-browser';
import { emulate, type LogMetrics, measureLog, overlaps, type Rect } from '../tests/e2e/support/panel-metrics';

const ROOT = join(import.meta.dirname, '..');
/** The second Leo Harris (Year 9) in the name column on the left: the list's fifth badge. */
const BADGE_INDEX = 4;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** Where the previous design's panel sat: fixed on the right, 380 px wide, full height less 12 px margins. */
function previousPanel(viewport: { width: number; height: number }): Rect {
  const width = Math.min(380, viewport.width - 24);
  return { x: viewport.width - 12 - width, y: 12, width, height: viewport.height - 24 };
}

test('overlay panel at 1366×768: taps and pointer travel per log, screen coverage, against the previous layout', {
  timeout: 300_000,
}, async () => {
  const demo = await startDemoBrowser();
  const results: Record<string, unknown> = { measuredAt: new Date().toISOString(), screen: '1366×768' };
  const lines: string[] = [];
  try {
    for (const zoom of [1, 1.25] as const) {
      const page = await demo.context.newPage();
      await emulate(page, zoom);
      await page.goto(`http://${DEMO_HOSTS.unadapted}/unadapted/students`);
      await page.locator('caseload-badge').nth(5).waitFor({ state: 'attached', timeout: 15_000 });
      const viewport = await page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
      const m: LogMetrics = await measureLog(page, BADGE_INDEX);
      const nameColumn = (await page.locator('#students td:first-child').first().boundingBox())!;
      const column = { ...nameColumn, height: viewport.height };
      const old = previousPanel(viewport);
      const row = {
        zoom,
        cssViewport: viewport,
        taps: m.clicks,
        baselineTaps: m.baselineClicks,
        travelledPx: Math.round(m.travelled),
        baselineTravelledPx: Math.round(m.baselineTravelled),
        travelRatio: +(m.travelled / m.baselineTravelled).toFixed(2),
        coverage: +m.coverage.toFixed(3),
        baselineCoverage: +m.baselineCoverage.toFixed(3),
        coverageRatio: +(m.coverage / m.baselineCoverage).toFixed(2),
        collapsedCoverage: +m.collapsedCoverage.toFixed(3),
        coversOpener: overlaps(m.panel, m.opener),
        baselineCoversOpener: overlaps(old, m.opener),
        coversNameColumn: overlaps(m.panel, column),
        baselineCoversNameColumn: overlaps(old, column),
      };
      results[`zoom${zoom * 100}`] = row;
      lines.push(
        `${zoom * 100} % (CSS ${viewport.width}×${viewport.height}) | taps ${m.clicks.common} (with prompt ${m.clicks.withPrompt}) vs ${m.baselineClicks.common} (${m.baselineClicks.withPrompt})` +
          ` | travel ${row.travelledPx} px vs ${row.baselineTravelledPx} px (×${row.travelRatio})` +
          ` | coverage ${pct(m.coverage)} vs ${pct(m.baselineCoverage)} (×${row.coverageRatio}), collapsed ${pct(m.collapsedCoverage)}` +
          ` | covers the name it came from: ${row.coversOpener ? 'yes' : 'no'} vs ${row.baselineCoversOpener ? 'yes' : 'no'}`,
      );
      await page.close();
    }
    console.log(
      ['overlay panel at 1366×768 (this design vs the previous fixed right-hand panel, same page, same run)', ...lines].join('\n'),
    );
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'overlay-panel.json'), `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await demo.close();
  }
});
