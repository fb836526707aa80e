// One demo world per e2e file: the extension built with the demo hosts preset (built once and reused while
// sources are unchanged), the demo MIS server, Chromium with the extension, and the demo caseload imported
// through the options page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { buildExtensionIfStale } from '../../../scripts/build.mjs';
import {
  importThroughOptions,
  launchWithExtension,
  startDemoServer,
  writeDemoTracker,
  type DemoServer,
} from '../../../scripts/demo-server.mjs';

export const E2E_OUT_DIR = join(import.meta.dirname, '..', '..', '..', '.output', 'e2e');

export interface DemoBrowser {
  server: DemoServer;
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  extensionDir: string;
  me: string;
  /** http://host/example for the first route of a site. */
  urlOf(site: DemoServer['routes'][number]['site'], path?: string): string;
  close(): Promise<void>;
}

export async function startDemoBrowser(opts: { seed?: boolean } = {}): Promise<DemoBrowser> {
  const server = await startDemoServer();
  // devApi: Options may point sync at the local Sheets server (tests/e2e/sync.e2e.test.ts); one build for every e2e file.
  // openShadow: these tests reach into the badges and the panel with selectors (`caseload-badge button`), which
  // only pierce open shadow roots; every real build is closed, and tests/e2e/hostile-page.e2e.test.ts checks that one.
  const { dir: extensionDir } = await buildExtensionIfStale({
    outDir: E2E_OUT_DIR,
    presetHosts: server.presetHosts,
    devApi: true,
    openShadow: true,
  });
  const scratch = mkdtempSync(join(tmpdir(), 'caseload-e2e-'));
  const { context, worker, extensionId } = await launchWithExtension({
    extensionDir,
    userDataDir: join(scratch, 'profile'),
    port: server.port,
    hosts: server.hosts,
  });
  let me = '';
  if (opts.seed !== false) {
    const xlsx = join(scratch, 'demo-tracker.xlsx');
    me = (await writeDemoTracker(xlsx)).me;
    await importThroughOptions(context, extensionId, xlsx, me);
  }
  return {
    server,
    context,
    worker,
    extensionId,
    extensionDir,
    me,
    urlOf(site, path) {
      const r = server.routes.find((x) => x.site === site && (path === undefined || x.path === path) && !/\.(js|css|json)$/.test(x.path));
      if (!r) throw new Error(`No demo route for ${site}`);
      return `http://${r.host}${r.example}`;
    },
    async close() {
      await context.close().catch(() => undefined);
      await server.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** The badge buttons (inside each badge's shadow root) on a page. */
export const BADGE = 'caseload-badge button';

/** Read a store from the extension's IndexedDB, in the service worker's own origin. */
export async function readStore<T>(worker: Worker, store: string): Promise<T[]> {
  return worker.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('caseload');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction(name, 'readonly').objectStore(name).getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result as T[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    store,
  );
}

/** Count badges once detection has settled on a page. */
export async function badgeCount(page: Page): Promise<number> {
  return page.locator('caseload-badge').count();
}
