// "Teach Caseload this page" from the popup: hand over to the overlay in the active tab, which runs the picker.
import { browser } from 'wxt/browser';

/** Undefined when the picker started, else why not (in plain English). */
export async function teachThisSite(): Promise<string | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return 'Open your MIS page first.';
  try {
    await browser.tabs.sendMessage(tab.id, { type: 'overlay/ping' });
  } catch {
    return 'Caseload is not switched on for this page. Allow the site in Options, then reload the page.';
  }
  // Not awaited: the picker waits for the user's click on the page, after this popup has closed.
  void browser.tabs.sendMessage(tab.id, { type: 'picker/start' }).catch(() => undefined);
  return undefined;
}
