// The overlay on MIS pages, second half: the panel, and the tab's answers to the background. Not in the
// manifest: background registers it at run time for granted sites only (see background/registration.ts), so a
// site the school has not granted never runs any of our code. It runs at document_end, after overlay-early.ts
// has started badging the page at document_start (into a tab already open when a site is granted, background
// injects the two in that order).
//
// An unlisted script, not a WXT content script: WXT's content-script context announces itself to the page on start
// (a window message whose type carries the extension's ID), and stops itself when the document receives an event of
// that name. Any script on the MIS page could read the first (this browser has Caseload, so its user works with
// SEND pupils) and, with the ID, send the second to take the overlay off the page. Nothing here speaks to the page.
import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { TabRequest } from '../messages';
import { startOverlay } from '../overlay/app';
import { takeStarted } from '../overlay/early-start';

export default defineUnlistedScript(() => {
  // A second injection into the same page (e.g. registration raced a manual inject) must not attach a second
  // panel or answer the tab twice (the early half has its own once-only guard, early-start.ts).
  const flag = '__caseloadOverlay';
  const g = globalThis as unknown as Record<string, boolean>;
  if (g[flag]) return;
  g[flag] = true;

  const started = takeStarted();
  if (!started) return; // the early half did not run here: nothing to attach to
  const env = {
    doc: document,
    send: (m: unknown) => browser.runtime.sendMessage(m),
    // Never aborted: only the page going away ends the overlay (WXT's context also stopped on a page's say-so).
    signal: new AbortController().signal,
  };
  const overlay = startOverlay(env, started);
  browser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    void overlay
      .then((o) => (o ? o.onTabRequest(message as TabRequest) : { ok: false, error: 'Caseload is not active on this page.' }))
      .then(sendResponse);
    return true;
  });
});
