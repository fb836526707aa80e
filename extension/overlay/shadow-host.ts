// Our UI lives in shadow roots hanging off custom-named hosts (`caseload-…`), so the page's CSS cannot restyle
// it and ours cannot leak. The host itself is the one element the page's CSS could touch: its inline styles
// are marked important so `* { display: block }`-style page rules cannot break the line it sits in.

export interface ShadowHost {
  host: HTMLElement;
  root: ShadowRoot;
}

export function createShadowHost(
  doc: Document,
  tag: `caseload-${string}`,
  css: string,
  display: 'inline' | 'block' = 'inline',
): ShadowHost {
  const host = doc.createElement(tag);
  host.style.setProperty('all', 'initial', 'important');
  host.style.setProperty('display', display, 'important');
  if (display === 'inline') host.style.setProperty('vertical-align', 'baseline', 'important');
  // Open so assistive tech and tests can walk it; nothing in it is secret from the MIS page that named the pupil.
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  root.append(style);
  // Keys typed in our UI must not trigger the MIS page's own shortcuts.
  for (const type of ['keydown', 'keyup', 'keypress'] as const) root.addEventListener(type, (e) => e.stopPropagation());
  return { host, root };
}
