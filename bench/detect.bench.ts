// Scanning the 2,000-row register (demo/mis/register.ts) with the demo caseload, against a baseline measured in
// the same run: a bare TreeWalker pass over the same page that only counts its text nodes. The ratio reads as
// "the detector costs N DOM walks", whatever the machine. It runs in happy-dom, whose DOM is much slower than
// Chromium's, so absolute times here are an upper bound for the real page.
// (Vitest 5: `bench` is a test-context fixture; `bench.compare` runs the group and returns the statistics.)
import { Window } from 'happy-dom';
import { test } from 'vitest';
import { DEMO_CASELOAD } from '../demo/mis/pupils';
import { registerPageHtml } from '../demo/mis/register';
import { buildCaseloadIndex, scanForPupils } from '../extension/detect';
import { adapterFor } from '../extension/sites';

const url = new URL('http://intranet.northgate.test/register');
const window = new Window({
  url: url.href,
  settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
});
window.document.write(registerPageHtml());
const document = window.document as unknown as Document;
const index = buildCaseloadIndex(DEMO_CASELOAD);
// Local bindings: calling through module-export getters in a hot loop would be measured too.
const scan = scanForPupils;
const build = buildCaseloadIndex;

let sink = 0;

function baseline(): number {
  const walker = document.createTreeWalker(document.body, 0x4 /* SHOW_TEXT */);
  let n = 0;
  while (walker.nextNode()) n++;
  return n;
}

test('2,000-row register: scanForPupils against a bare TreeWalker pass', async ({ bench }) => {
  const result = await bench.compare(
    bench('baseline: TreeWalker counting text nodes', () => {
      sink += baseline();
    }),
    bench('scanForPupils (30-pupil caseload)', () => {
      sink += scan(document, index, { url }).length;
    }),
    bench('buildCaseloadIndex (30 pupils)', () => {
      sink += build(DEMO_CASELOAD).pupilCount;
    }),
    { time: 1000, iterations: 5 },
  );
  const base = result.get('baseline: TreeWalker counting text nodes').latency.mean;
  const line = (name: Parameters<typeof result.get>[0]) => {
    const ms = result.get(name).latency.mean;
    return `${name}: ${ms.toFixed(2)} ms mean = ${(ms / base).toFixed(2)}× baseline`;
  };
  console.log(
    [
      `register: ${document.querySelectorAll('tbody tr').length} rows, ${baseline()} text nodes; adapter: ${adapterFor(url)?.id ?? 'none (generic)'}`,
      `baseline (TreeWalker counting text nodes): ${base.toFixed(2)} ms mean`,
      line('scanForPupils (30-pupil caseload)'),
      line('buildCaseloadIndex (30 pupils)'),
      `(sink ${sink > 0 ? 'used' : 'empty'})`,
    ].join('\n'),
  );
});
