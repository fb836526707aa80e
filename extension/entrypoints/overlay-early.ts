// The overlay's first half, at document_start on granted sites: fetch the caseload copy while the page parses,
// then badge the page inside its DOMContentLoaded (overlay/badger.ts). The panel and everything else come with
// overlay.ts at document_end, which picks up what this started. Kept apart because a document_start script is
// evaluated while the page is parsing: here only what the first badges need (no Preact, no panel), so the page
// waits for as little of our code as it can.
import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startBadges } from '../overlay/badger';
import { leaveStarted } from '../overlay/early-start';
import { readPageCaseload, type PageCaseloadArea } from '../page-caseload';
import { adapterFor } from '../sites';

export default defineUnlistedScript(() => {
  leaveStarted(() =>
    startBadges({
      doc: document,
      send: (m) => browser.runtime.sendMessage(m),
      // Never aborted: only the page going away ends the overlay.
      signal: new AbortController().signal,
      adapterFor,
      // Read from chrome.storage (the browser process answers; a stopped service worker stays stopped).
      cached: () => readPageCaseload(browser.storage.local as unknown as PageCaseloadArea),
    }),
  );
});
