// Where badges sit and whom they open, in real Chromium with the built extension, on demo pages of a school
// system no adapter knows (demo/mis/unadapted, modelled on Gibbon's markup) and on Gibbon itself: several names
// in one paragraph, caption cells, a header with an id, profile pages with and without an adapter, same-name
// rows told apart by year and form, and an htmx-style AJAX swap of the page's content.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HOSTS } from '../../demo/mis/routes';
import { BADGE, readStore, startDemoBrowser, type DemoBrowser } from './support/demo-browser';
import { emulate, measureLog, overlaps } from './support/panel-metrics';

const DEMO_OUT = join(import.meta.dirname, '..', '..', 'demo-out');

let demo: DemoBrowser;
beforeAll(async () => {
  demo = await startDemoBrowser();
});
afterAll(async () => demo?.close());

interface Placed {
  label: string;
  /** The visible text just before the badge (its last 20 characters). */
  before: string;
  /** Gap between the end of that text and the badge's left edge, in CSS pixels. */
  gap: number;
  /** True when the badge and the end of the text share a line (their boxes overlap vertically). */
  sameLine: boolean;
  /** The closest element with an id around the badge. */
  inside: string;
  /** True when the line broke between the name and its badge: the badge opens the next line, under the name's line. */
  wrapped: boolean;
}

/** Every badge on the page with the text it follows and how far from it it sits. */
async function placed(page: Page): Promise<Placed[]> {
  return page.locator('caseload-badge').evaluateAll((hosts) =>
    hosts.map((host) => {
      const button = host.shadowRoot!.querySelector('button')!;
      const badge = button.getBoundingClientRect();
      // The text right before the badge: its previous sibling, or the last text inside it (a link's name).
      let prev: Node | null = host.previousSibling;
      while (prev && prev.nodeType !== 3 && prev.lastChild) prev = prev.lastChild;
      const text = prev && prev.nodeType === 3 ? (prev as Text) : null;
      let gap = Number.NaN;
      let sameLine = false;
      let wrapped = false;
      if (text) {
        const range = document.createRange();
        const end = text.data.trimEnd().length;
        range.setStart(text, Math.max(0, end - 1));
        range.setEnd(text, end);
        const last = [...range.getClientRects()].at(-1)!;
        gap = badge.left - last.right;
        sameLine = badge.top < last.bottom && badge.bottom > last.top;
        const line = host.parentElement!.getBoundingClientRect();
        wrapped = badge.top >= last.bottom - 2 && badge.top <= last.bottom + last.height && badge.left <= line.left + 8;
      }
      return {
        label: (button.getAttribute('aria-label') ?? '').replace('Caseload: log for ', ''),
        before: (text?.data ?? '').trimEnd().slice(-20),
        gap,
        sameLine,
        inside: host.closest('[id]')?.id ?? '',
        wrapped,
      };
    }),
  );
}

/** Open each badge in turn and read the panel's heading (the pupil it logs for) and meta (class and year). */
async function opens(page: Page): Promise<string[]> {
  const out: string[] = [];
  const badges = page.locator(BADGE);
  for (let i = 0; i < (await badges.count()); i++) {
    await badges.nth(i).click();
    const panel = page.locator('caseload-panel');
    await panel.locator('button[data-rating], button.choice, .status.error').first().waitFor();
    const heading = (await panel.locator('h2').first().textContent())?.trim() ?? '';
    const meta = (await panel.locator('.meta').first().textContent())?.trim() ?? '';
    out.push(`${heading} (${meta})`);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
  }
  return out;
}

/** `url` on a 1366×768 screen (at `zoom`, the browser's zoom, when given), once its `badges` badges are in. */
async function open(url: string, badges: number, zoom?: 1 | 1.25): Promise<Page> {
  const page = await demo.context.newPage();
  if (zoom) await emulate(page, zoom);
  else await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(url);
  await expect.poll(() => page.locator('caseload-badge').count(), { timeout: 15_000 }).toBe(badges);
  await page.waitForTimeout(400); // later rescans would add repeats by now
  return page;
}

// Right after the name on its line; or, where the paragraph's line breaks exactly there, first on the next line.
const nextToName = (p: Placed) => (p.sameLine && p.gap >= 0 && p.gap <= 10) || p.wrapped;

describe('a school system without an adapter', () => {
  it('list page: a badge after each name in a paragraph, same-name rows decided by year/form, a caption cell badged before its caption', async () => {
    const page = await open(`http://${DEMO_HOSTS.unadapted}/unadapted/students`, 6);
    const all = await placed(page);
    expect(all.map((p) => [p.label, p.before.split(/\s+/).at(-1)])).toEqual([
      ['Amelia Chen', 'Chen'],
      ['Zoë Okonkwo-Hart', 'Okonkwo-Hart'],
      ['Mia Fernández', 'Fernández'],
      ['Leo Harris', 'Leo'],
      ['Leo Harris', 'Leo'],
      ['Lily-Mae Parker', 'Lily-Mae'],
    ]);
    for (const p of all) expect(nextToName(p), JSON.stringify(p)).toBe(true);
    expect(all[5]!.inside).toBe('caption-cell');
    // The caption ("Preferred name: Lily") is on the next line, below the badge.
    const [badgeBottom, captionTop] = await page.evaluate(() => {
      const cell = document.getElementById('caption-cell')!;
      const host = cell.querySelector('caseload-badge')!;
      return [host.getBoundingClientRect().bottom, cell.querySelector('.caption')!.getBoundingClientRect().top];
    });
    expect(badgeBottom).toBeLessThanOrEqual(captionTop + 1);
    // Nobody is asked "which Leo?": the rows say Year 3 / 3B and Year 9 / 9T.
    expect(await page.locator('caseload-badge button[data-ambiguous]').count()).toBe(0);
    expect(await opens(page)).toEqual([
      'Amelia Chen (Class 1W · Year 1)',
      'Zoë Okonkwo-Hart (Class 4H · Year 4)',
      'Mia Fernández (Class 7N · Year 7)',
      'Leo Harris (Class 3B · Year 3)',
      'Leo Harris (Class 9T · Year 9)',
      'Lily-Mae Parker (Class 4H · Year 4)',
    ]);
    await page.close();
  });

  it('AJAX swap (htmx-style): page 1 badges go, page 2 names get exactly one badge each', async () => {
    const page = await open(`http://${DEMO_HOSTS.unadapted}/unadapted/students`, 6);
    await page.locator('#next').click();
    await page.waitForURL(/students_page2/);
    await expect
      .poll(async () => (await placed(page)).map((p) => p.label), { timeout: 10_000 })
      .toEqual(['Łukasz Kowalczyk', 'Harvey Doyle']);
    await page.waitForTimeout(1200); // past the URL poll and any rescans
    const all = await placed(page);
    expect(all.map((p) => p.label)).toEqual(['Łukasz Kowalczyk', 'Harvey Doyle']);
    for (const p of all) expect(nextToName(p), JSON.stringify(p)).toBe(true);
    await page.close();
  });

  it('profile page: one badge for the pupil, on the header right after her name (not after the id); others in the notes keep theirs', async () => {
    const page = await open(`http://${DEMO_HOSTS.unadapted}/unadapted/student?pid=4150`, 4);
    const all = await placed(page);
    expect(all.map((p) => [p.label, p.inside, p.before.split(/\s+/).at(-1)])).toEqual([
      ['Zoë Okonkwo-Hart', 'student-header', 'Okonkwo-Hart'],
      ['Amelia Chen', 'note', 'Chen'],
      ['Mia Fernández', 'note', 'Fernández'],
      ['Lily-Mae Parker', 'note', 'Parker'],
    ]);
    for (const p of all) expect(nextToName(p), JSON.stringify(p)).toBe(true);
    // The id stays after the badge, on the same line: "Zoë Okonkwo-Hart [EHCP] - 4150".
    expect(await page.evaluate(() => document.getElementById('student-header')!.textContent)).toBe('Zoë Okonkwo-Hart - 4150');
    expect(await page.evaluate(() => document.querySelector('#student-header caseload-badge')!.nextSibling!.textContent)).toBe(' - 4150');
    expect((await opens(page))[0]).toBe('Zoë Okonkwo-Hart (Class 4H · Year 4)');
    await page.close();
  });
});

describe('with an adapter (Gibbon)', () => {
  it('profile page: one badge for the pupil, after the breadcrumb name; the tutor note keeps its other pupil', async () => {
    const page = await open(
      `http://${DEMO_HOSTS.gibbon}/index.php?q=/modules/Students/student_view_details.php&gibbonPersonID=0000004213`,
      2,
    );
    const all = await placed(page);
    expect(all.map((p) => [p.label, p.before.split(/\s+/).at(-1)])).toEqual([
      ['Łukasz Kowalczyk', 'Łukasz'],
      ['Mia Fernández', 'Fernández'],
    ]);
    for (const p of all) expect(nextToName(p), JSON.stringify(p)).toBe(true);
    expect(await opens(page)).toEqual(['Łukasz Kowalczyk (Class 8T · Year 8)', 'Mia Fernández (Class 7N · Year 7)']);
    await page.close();
  });
});

describe('panel layout at 1366×768, at 100 % and 125 % zoom', () => {
  for (const zoom of [1, 1.25] as const) {
    it(`zoom ${zoom * 100} %: opens beside the name column, not over it; rate then prompt in place; collapses to a bar`, async () => {
      const page = await open(`http://${DEMO_HOSTS.unadapted}/unadapted/students`, 6, zoom);
      mkdirSync(DEMO_OUT, { recursive: true });
      // The second Leo Harris (Year 9), in the name column on the left.
      const m = await measureLog(page, 4, join(DEMO_OUT, `panel-1366x768-zoom${zoom * 100}`));
      const nameColumn = (await page.locator('#students td:first-child').first().boundingBox())!;
      expect(overlaps(m.panel, { ...nameColumn, height: 2000 })).toBe(false);
      expect(overlaps(m.panel, m.opener)).toBe(false);
      expect(m.panel.y + m.panel.height).toBeLessThanOrEqual(768 / zoom);
      expect(m.coverage).toBeLessThan(m.baselineCoverage);
      expect(m.collapsedCoverage).toBeLessThan(0.05);
      expect(m.travelled).toBeLessThan(m.baselineTravelled);
      // Counted where the page saw them: open + rate, then one more for the prompt level.
      expect(m.clicks).toEqual({ common: 2, withPrompt: 3 });
      const logs = await readStore<{ pupilId: string; rating?: string; prompt?: string }>(demo.worker, 'logs');
      expect(logs.at(-1)).toMatchObject({ pupilId: 'P015', rating: 'Developing', prompt: 'Verbal' });
      console.log(
        `zoom ${zoom}: coverage ${(m.coverage * 100).toFixed(1)} % (baseline ${(m.baselineCoverage * 100).toFixed(1)} %), travel ${Math.round(m.travelled)} px (baseline ${Math.round(m.baselineTravelled)} px)`,
      );
      await page.close();
    });
  }

  it('zoom 125 %: a three-line "Saved" leaves nothing of the panel as it was painted before (screen = a fresh paint)', async () => {
    // At 1.25 device pixels per CSS pixel, Chromium left a strip of the earlier frame's text showing just under the
    // sticky "Saved" line once it grew to three lines (seen in this file's screenshots). Compare what is on screen
    // with the same state painted afresh.
    const page = await open(`http://${DEMO_HOSTS.unadapted}/unadapted/students`, 6, 1.25);
    await page.locator(BADGE).nth(4).click();
    const target = page.locator('caseload-panel section.target').first();
    await target.locator('button[data-rating="Developing"]').waitFor();
    await page.screenshot(); // a frame with the panel as opened, as a screen would have shown it
    await target.locator('button[data-rating="Developing"]').click();
    await page.locator('caseload-panel .status.saved').waitFor();
    await target.locator('button[data-prompt="Verbal"]').click();
    await page.locator('caseload-panel button[data-prompt="Verbal"][aria-pressed="true"]').waitFor();
    const status = (await page.locator('caseload-panel .status.saved').boundingBox())!;
    expect(status.height).toBeGreaterThan(45); // three lines, not one
    const under = { x: status.x, y: status.y + status.height - 6, width: status.width, height: 16 };
    const onScreen = await page.screenshot({ clip: under });
    await page.evaluate(async () => {
      const host = document.querySelector<HTMLElement>('caseload-panel')!;
      const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      host.style.display = 'none';
      await frame();
      host.style.display = '';
      await frame();
    });
    const fresh = await page.screenshot({ clip: under });
    expect(onScreen.equals(fresh)).toBe(true);
    await page.close();
  });

  it('a badge on the right opens the panel on the left; the dock chosen is remembered for the next opening', async () => {
    const page = await open(`http://${DEMO_HOSTS.unadapted}/unadapted/students`, 6, 1.25);
    await page.locator(BADGE).nth(0).click();
    await page.locator('caseload-panel button[data-dock="bottom"]').click();
    await page.keyboard.press('Escape');
    await page.locator(BADGE).nth(1).click();
    await expect.poll(() => page.locator('caseload-panel .panel').getAttribute('data-dock')).toBe('bottom');
    await page.screenshot({ path: join(DEMO_OUT, 'panel-1366x768-zoom125-bottom.png') });
    await page.locator('caseload-panel button[data-dock="right"]').click();
    await page.keyboard.press('Escape');
    await page.close();
  });
});
