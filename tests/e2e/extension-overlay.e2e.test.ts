// The built extension in real Chromium on the demo MIS pages: badges, the two-interaction log, undo, the popup,
// SPA navigation, hostile text and an ungranted site. The demo hosts are preset in host_permissions (the
// managed-build path), so no permission prompt is involved; the caseload arrives through the options page.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoMisPupil } from '../../demo/mis/pupils';
import { DEMO_HOSTS, DEMO_PROFILE_PUPILS } from '../../demo/mis/routes';
import { UNGRANTED_HOST } from '../../scripts/demo-server.mjs';
import { BADGE, readStore, startDemoBrowser, type DemoBrowser } from './support/demo-browser';

interface StoredLog {
  id: string;
  pupilId: string;
  targetId?: string;
  kind: string;
  rating?: string;
  staffId?: string;
  source?: string;
  time: string;
}

let demo: DemoBrowser;
beforeAll(async () => {
  demo = await startDemoBrowser();
});
afterAll(async () => demo?.close());

async function openPage(url: string): Promise<Page> {
  const page = await demo.context.newPage();
  await page.goto(url);
  return page;
}

const panel = (page: Page) => page.locator('caseload-panel');

describe('badges on every demo MIS page', () => {
  const pages = () => demo.server.routes.filter((r) => r.site !== 'hostile' && !/\.(js|css|json)$/.test(r.path));

  it('the content scripts (both halves) are registered for exactly the granted (preset) hosts', async () => {
    // Runs in the service worker, where `chrome` exists (the test's own TypeScript world has no chrome types).
    type Registered = { js?: string[]; runAt?: string; matches?: string[] };
    const scripts = await demo.worker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<Registered[]> } } }
      ).chrome.scripting.getRegisteredContentScripts(),
    );
    expect(scripts.map((s) => `${s.js?.join()} ${s.runAt}`).sort()).toEqual(['overlay-early.js document_start', 'overlay.js document_end']);
    for (const s of scripts) expect([...(s.matches ?? [])].sort()).toEqual([...demo.server.presetHosts].sort());
  });

  it('shows at least one badge on each page: every adapter, the generic page and the register', async () => {
    const sites = new Set<string>();
    for (const route of pages()) {
      const page = await openPage(`http://${route.host}${route.example}`);
      await page.waitForSelector(BADGE, { timeout: 15_000 });
      expect(await page.locator('caseload-badge').count(), route.example).toBeGreaterThan(0);
      sites.add(route.site);
      await page.close();
    }
    expect([...sites].sort()).toEqual(['arbor', 'bromcom', 'generic', 'gibbon', 'register', 'scholarpack', 'sims', 'unadapted']);
  });

  it('badges the pupil of a profile page once, at the name header; other pupils named there keep theirs', async () => {
    const profileRoute = (site: keyof typeof DEMO_PROFILE_PUPILS) =>
      demo.server.routes.find((r) => r.site === site && r.example.includes(demoMisPupil(DEMO_PROFILE_PUPILS[site]).misId))!;
    const profiles = [
      ...(Object.keys(DEMO_PROFILE_PUPILS) as (keyof typeof DEMO_PROFILE_PUPILS)[]).map((site) => ({
        site,
        url: `http://${profileRoute(site).host}${profileRoute(site).example}`,
        pupil: DEMO_PROFILE_PUPILS[site],
      })),
      // Arbor renders the profile after the page has loaded (arbor.js): its rows arrive as mutations.
      { site: 'arbor', url: `http://${DEMO_HOSTS.arbor}/?/students/profile-ui/dashboard/student-id/4150`, pupil: 'P008' },
    ];
    const seen: Record<string, { ofPupil: number; others: number }> = {};
    for (const { site, url, pupil } of profiles) {
      const p = demoMisPupil(pupil);
      const page = await openPage(url);
      const label = `Caseload: log for ${p.firstName} ${p.lastName}`;
      await page.locator(`caseload-badge button[aria-label="${label}"]`).first().waitFor({ timeout: 15_000 });
      await page.waitForTimeout(400); // later batches (SPA rendering, rAF-deferred rescans) would add repeats by now
      const labels = await page.locator(BADGE).evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
      // The badge sits right after (or inside) the adapter's header element.
      const atHeader = await page.locator(BADGE).evaluateAll((bs, l) => {
        const b = bs.find((x) => x.getAttribute('aria-label') === l)!;
        const host = (b.getRootNode() as ShadowRoot).host;
        const anchor = host.previousElementSibling ?? host.parentElement;
        return anchor?.matches('h1, [id$="lblStudentName"], nav[aria-label="breadcrumb"] li') ?? false;
      }, label);
      expect(atHeader, url).toBe(true);
      seen[site] = { ofPupil: labels.filter((l) => l === label).length, others: labels.filter((l) => l !== label).length };
      await page.close();
    }
    // Bromcom: a sibling; ScholarPack: two classmates; Gibbon: a friend in the tutor notes.
    expect(seen).toEqual({
      bromcom: { ofPupil: 1, others: 1 },
      sims: { ofPupil: 1, others: 0 },
      scholarpack: { ofPupil: 1, others: 2 },
      gibbon: { ofPupil: 1, others: 1 },
      arbor: { ofPupil: 1, others: 0 },
    });
  });
});

describe('logging from the overlay', () => {
  it('logs in two interactions (open, tap), persists in IndexedDB, shows in the popup after a reload, and undoes', async () => {
    const page = await openPage(demo.urlOf('bromcom', '/Nucleus/UI/Areas/People/StudentDetails.aspx'));
    const badge = page.locator(BADGE).first();
    const label = (await badge.getAttribute('aria-label')) ?? '';
    const name = label.replace('Caseload: log for ', '');
    expect(name).not.toBe(label);

    await badge.click(); // 1: open
    await page.locator('caseload-panel button[data-rating="Developing"]').first().click(); // 2: tap
    await expect.poll(() => panel(page).locator('.status').first().textContent()).toContain('Saved');

    const logs = await readStore<StoredLog>(demo.worker, 'logs');
    expect(logs).toHaveLength(1);
    const [log] = logs;
    expect(log).toMatchObject({
      kind: 'Progress',
      rating: 'Developing',
      staffId: demo.me,
      source: 'cloudmis.bromcom.com/Nucleus/UI/Areas/People/StudentDetails.aspx',
    });
    expect(log?.targetId).toBeTruthy();
    expect(log?.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    expect((await readStore<{ id: string }>(demo.worker, 'outbox')).map((o) => o.id)).toEqual([log?.id]);

    // Still there after the page reloads; the popup lists it with the pupil's name.
    await page.reload();
    await page.waitForSelector(BADGE);
    const popup = await openPage(`chrome-extension://${demo.extensionId}/popup.html`);
    await popup.waitForSelector(`li[data-log-id="${log?.id}"]`);
    const row = (await popup.textContent(`li[data-log-id="${log?.id}"]`)) ?? '';
    expect(row).toContain(name);
    expect(row).toContain('Developing');
    expect(await popup.textContent('[data-unsynced]')).toContain('1 log is kept on this device');

    // A second log, undone from the overlay within the 10 seconds.
    await page.locator(BADGE).first().click();
    await page.locator('caseload-panel button[data-kind="Praise"]').click();
    await expect.poll(() => panel(page).locator('.status.saved').count()).toBe(1);
    expect(await readStore(demo.worker, 'logs')).toHaveLength(2);
    await panel(page).locator('button[data-undo]').click();
    await expect.poll(() => panel(page).locator('.status').first().textContent()).toContain('Removed — it had not been sent');
    const after = await readStore<StoredLog>(demo.worker, 'logs');
    expect(after.map((l) => l.id)).toEqual([log?.id]);
    await page.close();
    await popup.close();
  });

  // Rescans (the background's fresh caseload, a page re-render) keep the same badge element for the same mention,
  // so the badge focused here is still the one Enter reaches and the one focus returns to.
  it('is keyboard reachable: Enter on a badge opens the panel, Escape closes it and returns focus', async () => {
    const page = await openPage(demo.urlOf('sims', '/students'));
    // A badge for one pupil (a same-name badge opens the chooser first, tested below).
    const badge = page.locator(`${BADGE}:not([data-ambiguous])`).first();
    await badge.focus();
    await page.keyboard.press('Enter');
    await panel(page).locator('button[data-rating]').first().waitFor();
    // Focus moved into the panel (its heading), so a screen reader announces the pupil.
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('caseload-panel');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel(page).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('caseload-badge');
    await page.close();
  });

  it('asks which pupil first when two on the caseload share the name and the page cannot tell', async () => {
    // The school intranet's reminder names "Leo Harris" (3B and 9T) in a sentence with no class or year beside
    // it: only the LSA can say which. (On the Arbor list the rows show the year, which decides it.)
    const page = await openPage(demo.urlOf('generic'));
    const ambiguous = page.locator('caseload-badge button[data-ambiguous]').first();
    await ambiguous.click();
    await expect.poll(() => panel(page).locator('button.choice').count()).toBe(2);
    expect(await panel(page).locator('h2').first().textContent()).toBe('Which pupil?');
    await panel(page).locator('button.choice').nth(1).click();
    await panel(page).locator('button[data-rating]').first().waitFor();
    await page.close();
  });
});

describe('page behaviour', () => {
  it('re-detects after Arbor SPA navigation (pushState to another student)', async () => {
    const page = await openPage(demo.urlOf('arbor'));
    await page.waitForSelector(BADGE);
    const link = page.locator('a.mis-link', { hasText: 'Zoë Okonkwo-Hart' });
    await link.click();
    await page.waitForURL(/student-id\//);
    const header = page.locator('h1.profile-name + caseload-badge button, h1.profile-name caseload-badge button');
    await expect.poll(() => header.first().getAttribute('aria-label'), { timeout: 10_000 }).toBe('Caseload: log for Zoë Okonkwo-Hart');

    await page.locator('a', { hasText: 'Back to all students' }).click();
    await page
      .locator('a.mis-link', { hasText: 'Riley O’Neill' })
      .or(page.locator('a.mis-link', { hasText: "Riley O'Neill" }))
      .first()
      .click();
    await expect.poll(() => header.first().getAttribute('aria-label'), { timeout: 10_000 }).toMatch(/Riley O.Neill/);
    await page.close();
  });

  it('keeps hostile page text inert: no dialog, no script, badges still work', async () => {
    const page = await demo.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`http://${demo.server.routes.find((r) => r.site === 'hostile')!.host}/hostile`);
    await page.waitForSelector(BADGE);
    const badges = page.locator(BADGE);
    for (let i = 0; i < (await badges.count()); i++) {
      await badges.nth(i).click();
      await panel(page).locator('h2').first().waitFor();
      await page.keyboard.press('Escape');
    }
    await page.mouse.move(200, 200);
    expect(await page.evaluate(() => document.documentElement.dataset['pwned'])).toBeUndefined();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('runs nothing on a site that was not granted', async () => {
    // Served the same generic page (with caseload names on it) under a host the build did not preset.
    const page = await openPage(`http://${UNGRANTED_HOST}/learning-support/notes`);
    const granted = await openPage(demo.urlOf('generic'));
    await granted.waitForSelector(BADGE);
    await page.waitForTimeout(500);
    expect(await page.locator('caseload-badge').count()).toBe(0);
    expect(await page.locator('text=Amelia').count()).toBeGreaterThan(0);
    await page.close();
    await granted.close();
  });
});

describe('teach a site', () => {
  it('the one-shot picker stores a selector for the clicked element on this origin, without following the link', async () => {
    const page = await openPage(demo.urlOf('arbor'));
    await page.waitForSelector(BADGE);
    const url = page.url();
    // What the popup's "Teach Caseload this page" does: message the tab's overlay.
    await demo.worker.evaluate(async (pageUrl) => {
      const c = (
        globalThis as unknown as {
          chrome: {
            tabs: { query(q: object): Promise<{ id?: number; url?: string }[]>; sendMessage(id: number, m: object): Promise<unknown> };
          };
        }
      ).chrome;
      const tab = (await c.tabs.query({})).find((t) => t.url === pageUrl);
      void c.tabs.sendMessage(tab!.id!, { type: 'picker/start' });
    }, url);
    await page.locator('caseload-picker').waitFor({ state: 'attached' });
    await page.locator('a.mis-link').first().click();
    await expect.poll(() => readStore<{ origin: string; selector: string }>(demo.worker, 'siteRules')).toHaveLength(1);
    const [rule] = await readStore<{ origin: string; selector: string }>(demo.worker, 'siteRules');
    expect(rule?.origin).toBe('http://demo.uk.arbor.sc');
    expect(await page.locator(rule!.selector).count()).toBeGreaterThan(0);
    expect(page.url()).toBe(url);
    expect(await page.locator('caseload-picker').count()).toBe(0);
    await page.close();
  });
});

// Last: these read everything logged above, then erase it.
describe('options page', () => {
  it('lists the allowed MIS sites in words; the Google Sheets API is not among them and preset sites have no Remove', async () => {
    const options = await openPage(`chrome-extension://${demo.extensionId}/options.html`);
    const items = options.locator('#granted-sites li');
    await expect.poll(() => items.count()).toBe(demo.server.presetHosts.length);
    const patterns = await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-pattern')));
    expect([...patterns].sort()).toEqual([...demo.server.presetHosts].sort());
    const text = (await options.locator('#granted-sites').textContent()) ?? '';
    expect(text).not.toMatch(/googleapis|accounts\.google/);
    // Arbor's demo host is named as the product; every one is the school's (the e2e build presets them).
    expect(text).toContain('Arbor (demo.uk.arbor.sc)');
    expect(await options.locator('#granted-sites button', { hasText: 'Remove' }).count()).toBe(0);
    expect(await options.locator('#granted-sites li', { hasText: 'set by your school' }).count()).toBe(demo.server.presetHosts.length);
    await options.close();
  });

  it('exports every log as CSV, then erases all data after confirmation', async () => {
    const logs = await readStore<StoredLog>(demo.worker, 'logs');
    expect(logs.length).toBeGreaterThan(0);
    const options = await openPage(`chrome-extension://${demo.extensionId}/options.html`);
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: 'Download all logs (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^caseload-logs-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    const header = csv.split(/\r?\n/)[0] ?? '';
    expect(header).toContain('Log ID');
    // Names, not codes: the pupil's name, the target's text, the staff name and the UK local time beside each id.
    for (const column of ['Pupil name', 'Target', 'Staff name', 'Local time (dd/mm/yyyy HH:MM)']) expect(header).toContain(column);
    expect(csv).toMatch(/,\d{2}\/\d{2}\/\d{4} \d{2}:\d{2},/);
    for (const l of logs) expect(csv).toContain(l.id);

    await options.getByRole('button', { name: 'Erase all data on this device…' }).click();
    await options.getByRole('button', { name: 'Yes, erase everything' }).click();
    await options.getByText('All Caseload data on this device has been erased.').waitFor();
    for (const store of ['logs', 'outbox', 'pupils', 'targets', 'meta']) expect(await readStore(demo.worker, store), store).toEqual([]);

    // With no caseload, pages get no badges.
    const page = await openPage(demo.urlOf('generic'));
    await page.waitForTimeout(500);
    expect(await page.locator('caseload-badge').count()).toBe(0);
    await page.close();
    await options.close();
  });
});
