// Measuring the panel in real Chromium, for the e2e layout test and the bench: the clicks and pointer travel of
// a log, and how much of the viewport the panel covers, each beside a baseline measured on the same page in the
// same run (the previous design's geometry: a 380 px panel, full height, detail fields below every target and
// the quick logs).
import type { Page } from 'playwright-core';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** 1366×768 at 125 % zoom: the CSS viewport shrinks to 1093×614 and every CSS pixel is 1.25 device pixels. */
export async function emulate(page: Page, zoom: 1 | 1.25): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', {
    width: Math.round(1366 / zoom),
    height: Math.round(768 / zoom),
    deviceScaleFactor: zoom,
    mobile: false,
  });
}

const centre = (r: Rect) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
const distance = (a: Rect, b: Rect) => Math.hypot(centre(a).x - centre(b).x, centre(a).y - centre(b).y);

export interface LogMetrics {
  /** Clicks the page received: for the common case (open, rate) and for a rating with its prompt level. */
  clicks: { common: number; withPrompt: number };
  /** Pointer travel in CSS pixels between those clicks, where the page saw them: badge → rating → prompt chip. */
  travelled: number;
  /** Baseline: badge → prompt chip placed after the quick logs (the old "Add detail" section) → rating. */
  baselineTravelled: number;
  /** The previous design's taps for the same two logs (open, rate; open, prompt, rate): its flow, not a measurement. */
  baselineClicks: { common: number; withPrompt: number };
  /** Share of the viewport the open panel covers, and the baseline panel (380 px wide, full height). */
  coverage: number;
  baselineCoverage: number;
  /** Share when collapsed to its bar. */
  collapsedCoverage: number;
  panel: Rect;
  opener: Rect;
}

/** Open the panel from `badgeIndex`, rate the first target, choose a prompt level; measure as it goes. */
/** Record every click the page receives (capture phase on the document, so clicks inside our shadow roots count). */
async function recordClicks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __caseloadClicks?: [number, number][] };
    w.__caseloadClicks = [];
    document.addEventListener('click', (e) => w.__caseloadClicks?.push([e.clientX, e.clientY]), { capture: true });
  });
}

async function recordedClicks(page: Page): Promise<[number, number][]> {
  return page.evaluate(() => [...((window as unknown as { __caseloadClicks?: [number, number][] }).__caseloadClicks ?? [])]);
}

const pathLength = (points: readonly [number, number][]) =>
  points.slice(1).reduce((sum, [x, y], i) => sum + Math.hypot(x - points[i]![0], y - points[i]![1]), 0);

export async function measureLog(page: Page, badgeIndex: number, shotPrefix?: string): Promise<LogMetrics> {
  const badge = page.locator('caseload-badge button').nth(badgeIndex);
  await badge.scrollIntoViewIfNeeded();
  const opener = (await badge.boundingBox())!;
  await recordClicks(page);
  await badge.click();
  const panel = page.locator('caseload-panel .panel');
  const rating = page.locator('caseload-panel section.target').first().locator('button[data-rating="Developing"]');
  await rating.waitFor();
  const panelBox = (await panel.boundingBox())!;
  const ratingBox = (await rating.boundingBox())!;
  // Where the old design put the prompt chips: after every target and the quick-log row.
  const quickRow = (await page.locator('caseload-panel [aria-label="Other logs"]').boundingBox())!;
  const oldChip = { x: quickRow.x, y: quickRow.y + quickRow.height + 36, width: 80, height: 32 };
  const viewport = await page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
  if (shotPrefix) await page.screenshot({ path: `${shotPrefix}-open.png` });
  await rating.click();
  // The common case ends here: the rating is saved by this tap.
  await page.locator('caseload-panel .status.saved').waitFor();
  const common = (await recordedClicks(page)).length;
  const chip = page.locator('caseload-panel section.target').first().locator('button[data-prompt="Verbal"]');
  await chip.waitFor();
  await chip.click();
  await page.locator('caseload-panel button[data-prompt="Verbal"][aria-pressed="true"]').waitFor();
  const clicks = await recordedClicks(page);
  if (shotPrefix) await page.screenshot({ path: `${shotPrefix}-rated.png` });
  const area = viewport.width * viewport.height;
  const visible = (r: Rect) =>
    Math.max(0, Math.min(r.x + r.width, viewport.width) - Math.max(r.x, 0)) *
    Math.max(0, Math.min(r.y + r.height, viewport.height) - Math.max(r.y, 0));
  await page.locator('caseload-panel button[data-collapse]').click();
  const bar = (await panel.boundingBox())!;
  if (shotPrefix) await page.screenshot({ path: `${shotPrefix}-collapsed.png` });
  await page.locator('caseload-panel button[data-collapse]').click(); // leave it open for the next opening
  return {
    clicks: { common, withPrompt: clicks.length },
    travelled: pathLength(clicks),
    // The previous design's path on the same page: badge → a prompt chip placed after the quick logs → the rating.
    baselineTravelled: distance(opener, oldChip) + distance(oldChip, ratingBox),
    baselineClicks: { common: 2, withPrompt: 3 },
    coverage: visible(panelBox) / area,
    baselineCoverage: (Math.min(380, viewport.width - 24) * (viewport.height - 24)) / area,
    collapsedCoverage: visible(bar) / area,
    panel: panelBox,
    opener,
  };
}

export const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
