#!/usr/bin/env node
// `npm start`: the extension on demo MIS pages with a fictional caseload, in Chromium.
//  1. builds the extension with the demo MIS hostnames preset in host_permissions (a school's managed build:
//     no permission prompt), into .output/demo — skipped when nothing changed since the last start;
//  2. writes the demo school's tracker to demo-out/demo-tracker.xlsx;
//  3. serves demo/mis/** on 127.0.0.1 and maps the real MIS hostnames there inside Chromium;
//  4. launches /usr/bin/chromium with the extension, imports the tracker through the options page (the same
//     path a SENCo uses) and chooses "I am" for the member of staff with the most 1:1 time;
//  5. runs the local Sheets API server with that tracker and connects the extension to it through Options (API
//     root = the local server, test token: a demo build only), so a log made in the overlay lands in its Log tab;
//  6. headed (DISPLAY set): opens the start page and an Arbor page with badges showing;
//     headless: visits every demo page, saves screenshots of the overlay into demo-out/, logs once and waits
//     for the popup to say "Synced".
// Stays running until Ctrl-C, then saves the Sheet back to demo-out/demo-tracker.xlsx (open it to see the Log
// tab) and closes the browser and the servers. Not for CI (use `npm test`).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExtensionIfStale } from './build.mjs';
import {
  importThroughOptions,
  importTs,
  launchWithExtension,
  root,
  START_HOST,
  startDemoServer,
  writeDemoTracker,
} from './demo-server.mjs';

const SHEET_ID = 'demo-tracker';
const SHEET_TOKEN = 'demo-token';
/** The demo school's SENCo (owner of the tracker) and the LSA whose browser this is (demo/school.ts). */
const DEMO_SENCO_EMAIL = 'p.raman@kestrellane.example';
const DEMO_LSA_EMAIL = 'g.adeyemi@kestrellane.example';

if (process.env.CI) {
  console.error('[start] npm start opens an interactive browser and runs until Ctrl-C; in CI run "npm test" instead.');
  process.exit(1);
}

const say = (msg) => console.log(`[start] ${msg}`);
const headless = !process.env.DISPLAY;
const out = join(root, 'demo-out');
mkdirSync(out, { recursive: true });

say('starting the demo MIS server…');
const server = await startDemoServer({ port: Number(process.env.PORT ?? 0) });
say(`demo MIS pages on http://127.0.0.1:${server.port}/ (in Chromium: ${server.hosts.join(', ')})`);

say('building the extension (demo hosts preset)…');
const { dir: extensionDir, built } = await buildExtensionIfStale({
  outDir: join(root, '.output', 'demo'),
  presetHosts: server.presetHosts,
  devApi: true,
});
say(built ? `built ${extensionDir}` : `up to date: ${extensionDir}`);

const xlsx = join(out, 'demo-tracker.xlsx');
const school = await writeDemoTracker(xlsx);
say(`demo tracker: ${xlsx} (${school.pupils} pupils, ${school.targets} targets, ${school.staff} staff, ${school.rota} rota blocks)`);

const { startSheetsServer, loadXlsxInto, saveXlsxFrom } = await importTs("export * from './sheets-server';", 'sheets-server');
// Google's access model, as a school has it: the SENCo owns the tracker and shared it with the demo LSA as an
// editor; the demo token is that LSA's, with the spreadsheets scope (and the email scope, so Caseload knows who
// is logging).
const sheets = await startSheetsServer({
  port: Number(process.env.SHEETS_PORT ?? 0),
  tokens: [{ token: SHEET_TOKEN, email: DEMO_LSA_EMAIL, scopes: ['https://www.googleapis.com/auth/spreadsheets', 'email'] }],
});
await loadXlsxInto(sheets, SHEET_ID, xlsx, { owner: DEMO_SENCO_EMAIL, editors: [DEMO_LSA_EMAIL] });
say(
  `local Sheets API on ${sheets.url}/ serving the tracker as spreadsheet "${SHEET_ID}" (owner ${DEMO_SENCO_EMAIL}, shared with ${DEMO_LSA_EMAIL}; token "${SHEET_TOKEN}")`,
);

const profile = mkdtempSync(join(tmpdir(), 'caseload-demo-'));
say(`launching Chromium ${headless ? 'headless (no DISPLAY)' : 'with a window'}…`);
const { context, extensionId } = await launchWithExtension({
  extensionDir,
  userDataDir: profile,
  port: server.port,
  hosts: server.hosts,
  headless,
  handleSIGINT: false,
});

/** Options › Connect the tracker Sheet, as a person would fill it in (the demo build shows API root and token). */
async function connectThroughOptions() {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.waitForSelector('#connect[data-loaded=yes]');
  await page.fill('#sheet-link', SHEET_ID);
  await page.fill('#api-root', `${sheets.url}/`);
  await page.fill('#api-token', SHEET_TOKEN);
  await page.click('#connect-save');
  await page.waitForSelector('#connect-result.ok, #connect-result.error', { timeout: 30_000 });
  const result = (await page.textContent('#connect-result')) ?? '';
  await page.close();
  if (!result.startsWith('Connected')) throw new Error(`Connecting the demo tracker failed: ${result}`);
  return result;
}

let closing = false;
async function shutdown(code = 0) {
  if (closing) return;
  closing = true;
  say('closing…');
  // First, before anything slow: Playwright also reacts to Ctrl-C by closing the browser.
  try {
    await saveXlsxFrom(sheets, SHEET_ID, xlsx);
    say(`saved the Sheet, with the Log tab the extension wrote to, to ${xlsx}`);
  } catch (e) {
    console.error(`[start] could not save the Sheet: ${e instanceof Error ? e.message : e}`);
  }
  await context.close().catch(() => undefined);
  await sheets.close().catch(() => undefined);
  await server.close().catch(() => undefined);
  rmSync(profile, { recursive: true, force: true });
  process.exit(code);
}
/**
 * Our overlay's shadow roots are closed in this build, as in every build a school installs: neither the page's
 * scripts nor Playwright's selectors reach inside. The DevTools protocol does (as the browser's own inspector
 * does), so the headless tour finds a control in the panel there and clicks it with the real mouse.
 */
async function inPanel(page, selector, { timeout = 5_000 } = {}) {
  const cdp = await page.context().newCDPSession(page);
  try {
    for (const until = Date.now() + timeout; Date.now() < until; await page.waitForTimeout(100)) {
      const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
      const shadow = findNode(root, (n) => n.localName === 'caseload-panel')?.shadowRoots?.[0];
      if (!shadow) continue;
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: shadow.nodeId, selector });
      if (nodeId) return { cdp, nodeId };
    }
    return undefined;
  } catch (e) {
    await cdp.detach().catch(() => undefined);
    throw e;
  }
}

function findNode(node, test) {
  if (test(node)) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const found = findNode(child, test);
    if (found) return found;
  }
  return undefined;
}

/** Wait for `selector` in the panel; true when it came. */
async function panelShows(page, selector) {
  const found = await inPanel(page, selector);
  await found?.cdp.detach().catch(() => undefined);
  return found !== undefined;
}

/** Click `selector` in the panel with the mouse, at the middle of its box. */
async function clickInPanel(page, selector) {
  const found = await inPanel(page, selector);
  if (!found) throw new Error(`the panel did not show ${selector}`);
  try {
    await found.cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId: found.nodeId });
    const { model } = await found.cdp.send('DOM.getBoxModel', { nodeId: found.nodeId });
    const [x1, y1, , , x3, y3] = model.border;
    await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  } finally {
    await found.cdp.detach().catch(() => undefined);
  }
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  say('importing the demo caseload through the options page…');
  say(await importThroughOptions(context, extensionId, xlsx, school.me));
  say(`signed in as staff ${school.me} ("I am" in options)`);
  say(await connectThroughOptions());

  const pages = server.routes.filter((r) => !/\.(js|css|json)$/.test(r.path));
  const startPage = await context.newPage();
  await startPage.goto(`http://${START_HOST}/`);

  if (headless) {
    for (const route of pages) {
      const page = await context.newPage();
      const url = `http://${route.host}${route.example}`;
      await page.goto(url);
      // The badge's host is in the page; a click in its middle lands on the button inside its closed root.
      const badge = page.locator('caseload-badge').first();
      const found = await badge.waitFor({ timeout: 10_000 }).then(
        () => true,
        () => false,
      );
      // The overlay marks the page's timeline when its first scan of the whole page is done.
      await page
        .waitForFunction(() => performance.getEntriesByName('caseload:full-scan-done').length > 0, null, { timeout: 10_000 })
        .catch(() => undefined);
      const count = await page.locator('caseload-badge').count();
      const slug = route.example.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
      const name = `${route.site}-${slug.slice(-40).replace(/^-/, '') || 'home'}`;
      await page.screenshot({ path: join(out, `${name}.png`) });
      let panel = '';
      if (found) {
        await badge.click();
        // A pupil's targets, or "Which pupil?" where the name is shared; the panel's screenshot only once it shows.
        if (await panelShows(page, 'section.target, .choice, p.empty')) {
          await page.waitForTimeout(300);
          await page.screenshot({ path: join(out, `${name}-panel.png`) });
          panel = `, demo-out/${name}-panel.png`;
        } else panel = ' (the badge opened no panel)';
      }
      say(`${url}: ${count} badge(s) → demo-out/${name}.png${panel}`);
      await page.close();
    }
    // Log once from the overlay, as an LSA would, and wait for the row in the local Sheet's Log tab.
    const arbor = pages.find((r) => r.site === 'arbor');
    if (arbor) {
      const page = await context.newPage();
      await page.goto(`http://${arbor.host}${arbor.example}`);
      await page.locator('caseload-badge').first().click();
      const secure = 'button[data-rating="Secure"]';
      if (!(await panelShows(page, secure))) throw new Error(`the panel on ${arbor.host} showed no target to rate`);
      const rowsBefore = sheets.workbook(SHEET_ID).sheets.find((t) => t.name === 'Log')?.values.length ?? 0;
      const tappedAt = Date.now();
      await clickInPanel(page, secure);
      let rows = rowsBefore;
      for (let i = 0; i < 100 && rows === rowsBefore; i++) {
        await page.waitForTimeout(100);
        rows = sheets.workbook(SHEET_ID).sheets.find((t) => t.name === 'Log')?.values.length ?? 0;
      }
      say(
        rows > rowsBefore
          ? `logged on ${arbor.host}: the row was in the Sheet's Log tab ${Date.now() - tappedAt} ms after the tap`
          : 'the log did not reach the Sheet within 10 s',
      );
      await page.close();
    }
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await popup.waitForSelector('#sync-state[data-state=synced]', { timeout: 10_000 }).catch(() => undefined);
    await popup.waitForTimeout(300);
    await popup.screenshot({ path: join(out, 'popup.png') });
    say(`popup → demo-out/popup.png (tracker: "${await popup.textContent('#sync-state')}")`);
    await popup.close();
    say(`headless demo ready: screenshots are in demo-out/; the Sheet is saved to ${xlsx} when you press Ctrl-C.`);
  } else {
    const arbor = pages.find((r) => r.site === 'arbor');
    if (arbor) await (await context.newPage()).goto(`http://${arbor.host}${arbor.example}`);
    say('Chromium is open: click a purple EHCP badge, then tap a rating; the popup shows "Synced" once the row is in the local Sheet.');
    say(`On Ctrl-C the Sheet is saved to ${xlsx}. The start page lists every demo MIS page.`);
    say('Press Ctrl-C here (or close the browser) to stop.');
    context.on('close', () => void shutdown(0));
  }
} catch (e) {
  console.error(`[start] ${e instanceof Error ? e.message : e}`);
  await shutdown(1);
}
