// The overlay on MIS pages. Not in the manifest: background registers it at run time for granted sites only
// (see background/registration.ts), so a site the school has not granted never runs any of our code.
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { TabRequest } from '../messages';
import { startOverlay } from '../overlay/app';
import { readPageCaseload, type PageCaseloadArea } from '../page-caseload';
import { adapterFor } from '../sites';

export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_start',
  main(ctx) {
    // A second injection into the same page (e.g. registration raced a manual inject) must not double-badge.
    const flag = '__caseloadOverlay';
    const g = globalThis as unknown as Record<string, boolean>;
    if (g[flag]) return;
    g[flag] = true;

    const overlay = startOverlay({
      doc: document,
      send: (m) => browser.runtime.sendMessage(m),
      signal: ctx.signal,
      adapterFor,
      // Read from chrome.storage (the browser process answers; a stopped service worker stays stopped).
      cached: () => readPageCaseload(browser.storage.local as unknown as PageCaseloadArea),
    });
    browser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
      void overlay
        .then((o) => (o ? o.onTabRequest(message as TabRequest) : { ok: false, error: 'Caseload is not active on this page.' }))
        .then(sendResponse);
      return true;
    });
  },
});
