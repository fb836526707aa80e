// The extension's service worker seen and driven through the DevTools protocol, from one blank page kept open
// for the purpose: opening and closing our own pages to do it would itself be tab traffic the worker might
// hear. Used by the e2e tests and the bench's cold and warm loads.
import type { BrowserContext, CDPSession } from 'playwright-core';

export interface ServiceWorkerControl {
  /** Whether the extension's worker is running (starting counts). */
  running(): boolean;
  /** Stop it, as Chrome does after 30 s idle, and wait until it has. */
  stop(): Promise<void>;
  /** Start it, and wait until it runs. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function serviceWorkerControl(context: BrowserContext, extensionId: string): Promise<ServiceWorkerControl> {
  const page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  const scope = `chrome-extension://${extensionId}/`;
  const states = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { versionId: string; runningStatus: string; scriptURL: string }[] }) => {
    for (const v of e.versions) if (v.scriptURL.startsWith(scope)) states.set(v.versionId, v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  const running = () => [...states.values()].some((s) => s !== 'stopped');
  const within = async (ms: number, ok: () => boolean) => {
    for (let i = 0; i < ms / 20 && !ok(); i++) await new Promise((r) => setTimeout(r, 20));
    return ok();
  };
  return {
    running,
    async stop() {
      // A worker still starting (woken by a page's message a moment ago) is not stopped: ask again once it runs.
      for (let i = 0; i < 10; i++) {
        await cdp.send('ServiceWorker.stopAllWorkers');
        if (await within(1000, () => !running())) return;
      }
      throw new Error('The service worker did not stop.');
    },
    async start() {
      await cdp.send('ServiceWorker.startWorker', { scopeURL: scope });
      if (!(await within(5000, () => [...states.values()].includes('running')))) throw new Error('The service worker did not start.');
    },
    close: () => page.close(),
  };
}
