// Loads a saved or demo MIS page into a happy-dom Window at a given URL, with scripts and external files off:
// the page is markup to read, never code to run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { findDemoRoute } from '../../../demo/mis/routes';

const root = join(import.meta.dirname, '..', '..', '..');

export function loadHtml(html: string, url: string): { window: Window; document: Document; url: URL } {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
    },
  });
  window.document.write(html);
  return { window, document: window.document as unknown as Document, url: new URL(url) };
}

/** A demo MIS page as the demo server would serve it at `url` (routes.ts decides which file). */
export function loadDemoPage(url: string) {
  const route = findDemoRoute(new URL(url));
  if (!route) throw new Error(`No demo route for ${url}`);
  const html = route.render ? route.render() : readFileSync(join(root, 'demo', 'mis', route.file!), 'utf8');
  return loadHtml(html, url);
}

/** A saved page from tests/fixtures/mis/. */
export function loadFixture(name: string, url: string) {
  return loadHtml(readFileSync(join(root, 'tests', 'fixtures', 'mis', name), 'utf8'), url);
}
