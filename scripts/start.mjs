#!/usr/bin/env node
// `npm start`: the extension on demo MIS pages with a fictional caseload, in Chromium.
//  1. builds the extension with the demo MIS hostnames preset in host_permissions (a school's managed build:
//     no permission prompt), into .output/demo — skipped when nothing changed since the last start;
//  2. writes the demo school's tracker to demo-out/demo-tracker.xlsx;
//  3. serves demo/mis/** on 127.0.0.1 and maps the real MIS hostnames there inside Chromium;
//  4. launches /usr/bin/chromium with the extension, imports the tracker through the options page (the same
//     path a SENCo uses) and chooses "I am" for the member of staff with the most 1:1 time;
//  5. headed (DISPLAY set): opens the start page and an Arbor page with badges showing;
//     headless: visits every demo page and saves screenshots of the overlay into demo-out/.
// Stays running until Ctrl-C, then closes the browser and the server. Not for CI (use `npm test`).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExtensionIfStale } from './build.mjs';
import { importThroughOptions, launchWithExtension, root, START_HOST, startDemoServer, writeDemoTracker } from './demo-server.mjs';

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
const { dir: extensionDir, built } = await buildExtensionIfStale({ outDir: join(root, '.output', 'demo'), presetHosts: server.presetHosts });
say(built ? `built ${extensionDir}` : `up to date: ${extensionDir}`);

const xlsx = join(out, 'demo-tracker.xlsx');
const school = await writeDemoTracker(xlsx);
say(`demo tracker: ${xlsx} (${school.pupils} pupils, ${school.targets} targets, ${school.staff} staff, ${school.rota} rota blocks)`);

const profile = mkdtempSync(join(tmpdir(), 'caseload-demo-'));
say(`launching Chromium ${headless ? 'headless (no DISPLAY)' : 'with a window'}…`);
const { context, extensionId } = await launchWithExtension({ extensionDir, userDataDir: profile, port: server.port, hosts: server.hosts, headless });

let closing = false;
async function shutdown(code = 0) {
  if (closing) return;
  closing = true;
  say('closing…');
  await context.close().catch(() => undefined);
  await server.close().catch(() => undefined);
  rmSync(profile, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  say('importing the demo caseload through the options page…');
  say(await importThroughOptions(context, extensionId, xlsx, school.me));
  say(`signed in as staff ${school.me} ("I am" in options)`);

  const pages = server.routes.filter((r) => !/\.(js|css|json)$/.test(r.path));
  const startPage = await context.newPage();
  await startPage.goto(`http://${START_HOST}/`);

  if (headless) {
    for (const route of pages) {
      const page = await context.newPage();
      const url = `http://${route.host}${route.example}`;
      await page.goto(url);
      const badge = page.locator('caseload-badge button').first();
      const found = await badge.waitFor({ timeout: 10_000 }).then(
        () => true,
        () => false,
      );
      const count = await page.locator('caseload-badge').count();
      const slug = route.example.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
      const name = `${route.site}-${slug.slice(-40).replace(/^-/, '') || 'home'}`;
      await page.screenshot({ path: join(out, `${name}.png`) });
      if (found) {
        await badge.click();
        await page.locator('caseload-panel h2').first().waitFor({ timeout: 5_000 }).catch(() => undefined);
        await page.waitForTimeout(300);
        await page.screenshot({ path: join(out, `${name}-panel.png`) });
      }
      say(`${url}: ${count} badge(s) → demo-out/${name}.png${found ? `, demo-out/${name}-panel.png` : ''}`);
      await page.close();
    }
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await popup.waitForTimeout(500);
    await popup.screenshot({ path: join(out, 'popup.png') });
    await popup.close();
    say('popup → demo-out/popup.png');
    say('headless demo ready: screenshots are in demo-out/. Press Ctrl-C to stop.');
  } else {
    const arbor = pages.find((r) => r.site === 'arbor');
    if (arbor) await (await context.newPage()).goto(`http://${arbor.host}${arbor.example}`);
    say('Chromium is open: click a purple EHCP badge, then tap a rating. The start page lists every demo MIS page.');
    say('Press Ctrl-C here (or close the browser) to stop.');
    context.on('close', () => void shutdown(0));
  }
} catch (e) {
  console.error(`[start] ${e instanceof Error ? e.message : e}`);
  await shutdown(1);
}
