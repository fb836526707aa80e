// Our UI lives in shadow roots hanging off custom-named hosts (`caseload-…`), so the page's CSS cannot restyle
// it and ours cannot leak. The host itself is the one element the page's CSS could touch: its inline styles
// are marked important so `* { display: block }`-style page rules cannot break the line it sits in.
//
// The roots are closed (build-flags.ts SHADOW_MODE): the MIS page's own scripts, an analytics tag on it or
// another extension's content script get `null` from `host.shadowRoot`, so they cannot read the targets, status
// or names our UI shows. Closed does not hide anything from assistive tech: the accessibility tree includes
// closed shadow content like any other (only scripts are kept out), so screen readers read the badge and panel
// as before. The host carries no attribute but its style: nothing about a pupil is in the page's light DOM.
import { SHADOW_MODE } from '../build-flags';

export interface ShadowHost {
  host: HTMLElement;
  root: ShadowRoot;
}

export function createShadowHost(
  doc: Document,
  tag: `caseload-${string}`,
  css: string,
  display: 'inline' | 'block' = 'inline',
  mode: ShadowRootMode = SHADOW_MODE,
): ShadowHost {
  const host = doc.createElement(tag);
  host.style.setProperty('all', 'initial', 'important');
  host.style.setProperty('display', display, 'important');
  if (display === 'inline') host.style.setProperty('vertical-align', 'baseline', 'important');
  // We keep the only reference to a closed root: `root` below, handed to our own code and nowhere else.
  const root = host.attachShadow({ mode });
  const style = doc.createElement('style');
  style.textContent = css;
  root.append(style);
  // Keys typed in our UI must not trigger the MIS page's own shortcuts.
  for (const type of ['keydown', 'keyup', 'keypress'] as const) root.addEventListener(type, (e) => e.stopPropagation());
  return { host, root };
}
