#!/usr/bin/env node
// The demo world, shared by `npm start` and the real-browser tests:
//  - a static HTTP server for demo/mis/** (the route table in demo/mis/routes.ts says which page each MIS host
//    and path gets), on 127.0.0.1 and a free port;
//  - Chromium flags that send the real MIS hostnames to that server (--host-resolver-rules), so the extension
//    sees demo.uk.arbor.sc, cloudmis.bromcom.com… exactly as in a school;
//  - the demo tracker .xlsx (demo/school.ts, written by cli/xlsx.ts) and its import through the options page —
//    the same path a SENCo uses, so no demo-only backdoor exists in the extension;
//  - launching Chromium with the built extension (playwright-core, Debian's /usr/bin/chromium).
// TypeScript modules (routes, demo school) are bundled on the fly with esbuild into node_modules/.cache.
//
// Run alone (`node scripts/demo-server.mjs`) it just serves the pages and prints the hostname map.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(root, 'node_modules', '.cache', 'caseload-demo');

/** A host that is served like the school intranet but never granted: the overlay must not run there. */
export const UNGRANTED_HOST = 'not-granted.northgate.test';
/** The start page listing every demo page. */
export const START_HOST = 'start.caseload.test';

/** Import TypeScript (with extensionless relative imports) by bundling it; packages stay external. */
export async function importTs(source, name) {
  mkdirSync(cacheDir, { recursive: true });
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: 'ts', sourcefile: `${name}.ts` },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].text;
  const file = join(cacheDir, `${name}-${createHash('sha1').update(code).digest('hex').slice(0, 12)}.mjs`);
  writeFileSync(file, code);
  return import(pathToFileURL(file).href);
}

export async function loadRoutes() {
  return importTs("export * from './demo/mis/routes';", 'routes');
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

function startPage(routes) {
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const pages = routes.filter((r) => !/\.(js|css|json)$/.test(r.path));
  const items = pages
    .map((r) => `<li><a href="http://${esc(r.host)}${esc(r.example)}">${esc(r.site)} — ${esc(r.host)}${esc(r.example)}</a></li>`)
    .join('\n');
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Caseload demo</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:760px;margin:2em auto;padding:0 1em}li{margin:.3em 0}</style></head>
<body><h1>Caseload demo</h1>
<p>Fictional school, fictional pupils. Each link opens a demo copy of a school MIS page. Look for the purple
<strong>EHCP</strong> badge next to a pupil's name: click it (or Tab to it and press Enter), then tap a rating to log.</p>
<ul>${items}</ul>
<p>The toolbar button opens today's logs and who you are with now. Options: import a caseload, allow sites, export, erase.</p>
</body></html>`;
}

/** Serve the demo MIS pages. Returns the port and a close function. */
export async function startDemoServer({ port = 0 } = {}) {
  const { DEMO_ROUTES, findDemoRoute, DEMO_HOSTS } = await loadRoutes();
  const generic = DEMO_ROUTES.find((r) => r.site === 'generic');
  const server = createServer((req, res) => {
    let url;
    try {
      url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    } catch {
      res.writeHead(400).end('Bad request');
      return;
    }
    let route;
    let body;
    if (url.hostname === START_HOST || url.hostname === '127.0.0.1') body = startPage(DEMO_ROUTES);
    // The host no build grants: a demo page's path serves that page (the bench loads the register there, in the
    // same browser, for a baseline without our content script); any other path serves the generic page.
    else if (url.hostname === UNGRANTED_HOST) route = DEMO_ROUTES.find((r) => r.path === url.pathname && !r.query) ?? generic;
    else route = findDemoRoute(url);
    if (!body && route) body = route.render ? route.render() : readFileSync(join(root, 'demo', 'mis', route.file));
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not a demo page');
      return;
    }
    const type = route?.file ? (TYPES[extname(route.file)] ?? 'application/octet-stream') : TYPES['.html'];
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actualPort = server.address().port;
  const hosts = [...new Set(Object.values(DEMO_HOSTS))];
  return {
    port: actualPort,
    routes: DEMO_ROUTES,
    hosts,
    /** Match patterns to preset in the demo build: every demo MIS host, never the ungranted one. */
    presetHosts: hosts.map((h) => `http://${h}/*`),
    close: () => new Promise((resolve) => server.close(() => resolve())),
    server,
  };
}

/** Flags for a quiet, repeatable Chromium: no sandbox (containers), no GPU, no first-run screens, no background
 * traffic to Google (updates, sync), so runs with and without the extension differ only by the extension. */
export const QUIET_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium flags that route the demo hostnames to our server and keep http:// as http://. */
export function demoBrowserArgs(port, hosts) {
  const rules = [...hosts, UNGRANTED_HOST, START_HOST].map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ');
  return [`--host-resolver-rules=${rules}`, '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable'];
}

/**
 * Write the demo school's tracker as .xlsx. Returns who to sign in as: the member of staff with the most
 * 1:1 rota time with caseload pupils (so the popup's "Now" has something to show).
 */
export async function writeDemoTracker(path) {
  const mod = await importTs(
    `import { demoSchool } from './demo/school';
import { trackerToGrids } from './shared/schema/serialise';
import { writeWorkbook } from './cli/xlsx';
export async function write(path) {
  const t = demoSchool();
  const grids = trackerToGrids(t);
  await writeWorkbook(path, { sheets: Object.entries(grids).map(([name, values]) => ({ name, values })) });
  const minutes = new Map();
  for (const b of t.rota) if (b.pupilIds.length) minutes.set(b.staffId, (minutes.get(b.staffId) ?? 0) + (b.end - b.start));
  const me = [...minutes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? t.staff[0]?.id;
  return { me, pupils: t.pupils.length, targets: t.targets.length, staff: t.staff.length, rota: t.rota.length };
}`,
    'demo-tracker',
  );
  return mod.write(path);
}

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Chromium with the extension loaded, the demo hostnames mapped, and nothing reaching the internet. */
export async function launchWithExtension({ extensionDir, userDataDir, port, hosts, headless = true, handleSIGINT = true }) {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless,
    // `npm start` handles Ctrl-C itself (it saves the Sheet first); Playwright's own handler would exit at once.
    handleSIGINT,
    viewport: { width: 1280, height: 860 },
    args: [
      ...(headless ? ['--headless=new'] : []),
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...QUIET_CHROMIUM_ARGS,
      ...demoBrowserArgs(port, hosts),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return { context, worker, extensionId };
}

/** Import a tracker .xlsx through the real options page and choose "I am". */
export async function importThroughOptions(context, extensionId, xlsxPath, me) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.setInputFiles('#import-file', xlsxPath);
  // Options shows a preview first; nothing is stored until Import is pressed.
  await page.waitForSelector('#import-confirm, #import-result .error', { timeout: 30_000 });
  if (await page.$('#import-confirm')) await page.click('#import-confirm');
  await page.waitForSelector('#import-result .ok, #import-result .error', { timeout: 30_000 });
  const result = (await page.textContent('#import-result')) ?? '';
  if (!/Imported/.test(result)) throw new Error(`Demo caseload import failed: ${result}`);
  if (me) {
    await page.waitForSelector('#i-am');
    await page.selectOption('#i-am', me);
  }
  await page.close();
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startDemoServer({ port: Number(process.env.PORT ?? 0) });
  console.log(`Demo MIS pages on http://127.0.0.1:${server.port}/`);
  console.log(`Chromium flags: ${demoBrowserArgs(server.port, server.hosts).join(' ')}`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
