// A built add-on sidebar in real Chromium, with google.script.run stubbed to call the built server bundle running
// in a vm over the fake spreadsheet (through page.exposeFunction). Everything crosses as JSON, as it does in Apps
// Script. The page is served from a made-up origin (init scripts run on navigation, not on setContent); nothing
// leaves the machine.
import type { Browser, Page } from 'playwright-core';
import type { Built, Running } from '../../addon/harness';

export const GOOGLE_SCRIPT_RUN_STUB = `
(() => {
  function runner(ok, fail) {
    return new Proxy({}, {
      get(_, prop) {
        if (prop === 'withSuccessHandler') return (f) => runner(f, fail);
        if (prop === 'withFailureHandler') return (f) => runner(ok, f);
        return (...args) => {
          window.__callServer(String(prop), JSON.stringify(args)).then(
            (json) => ok && ok(json === undefined ? undefined : JSON.parse(json)),
            (e) => fail && fail(new Error(String(e && e.message || e))),
          );
        };
      },
    });
  }
  window.google = { script: { run: runner() } };
})();
`;

/** Open one of the built sidebars (`Sidebar`, `Cover`) in a 300 px wide page wired to `addon`; a dialog
 * (`Statement`) at the width its showModalDialog asks for. */
export async function openSidebar(browser: Browser, built: Built, addon: Running, file: string, height = 760, width = 300): Promise<Page> {
  const html = built.files[file];
  if (html === undefined) throw new Error(`The build has no ${file}.html`);
  // en-GB, as a UK school's browser would be. (The native date picker follows the browser's UI language, and
  // this machine's Chromium ships en-US only, so screenshots show it mm/dd/yyyy; in a UK Chrome it is dd/mm/yyyy.)
  const page = await browser.newPage({ viewport: { width, height }, locale: 'en-GB' });
  await page.exposeFunction('__callServer', (name: string, argsJson: string) => {
    const out = addon.run(name, ...(JSON.parse(argsJson) as unknown[]));
    return out === undefined ? undefined : JSON.stringify(out);
  });
  await page.addInitScript(GOOGLE_SCRIPT_RUN_STUB);
  await page.route('https://sidebar.invalid/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  await page.goto(`https://sidebar.invalid/${file}.html`);
  return page;
}
