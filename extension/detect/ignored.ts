// Text the detector must never read as a pupil mention: form fields (the user is typing, and our badge would
// sit inside a control), code and styles, editable regions, and our own UI.

const IGNORED_TAGS = new Set([
  'input',
  'textarea',
  'select',
  'option',
  'optgroup',
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'svg',
  'math',
  'head',
  'title',
]);

/** Our own elements are custom elements named caseload-… (badge hosts, panels). */
export const OWN_ELEMENT_PREFIX = 'caseload-';

export function isIgnoredElement(el: Element, ignore?: (el: Element) => boolean): boolean {
  if (isIgnoredName(el.localName)) return true;
  if (makesEditable(el)) return true;
  return ignore ? ignore(el) : false;
}

/** Tags (and our own elements' names) whose text is never read, by `localName`. */
export function isIgnoredName(name: string): boolean {
  return IGNORED_TAGS.has(name) || name.startsWith(OWN_ELEMENT_PREFIX);
}

/** A contenteditable host: what someone is typing is never read. */
export function makesEditable(el: Element): boolean {
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable.toLowerCase() !== 'false';
}

/** True when `el` or any ancestor is ignored (used for subtrees scanned on their own, e.g. after a mutation). */
export function isInsideIgnored(el: Element, ignore?: (el: Element) => boolean): boolean {
  for (let at: Element | null = el; at; at = at.parentElement) {
    if (isIgnoredElement(at, ignore)) return true;
  }
  return false;
}

// Elements that sit inside a line of text. A name may be split across them ("<b>HARTLEY</b> Amelia"), so text
// under the same non-inline ancestor is read as one run; any other element (td, div, li, br…) ends a run.
const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'em',
  'font',
  'i',
  'label',
  'mark',
  'q',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'nobr',
]);

export function isInline(el: Element): boolean {
  return INLINE_TAGS.has(el.localName);
}

export function isInlineName(name: string): boolean {
  return INLINE_TAGS.has(name);
}

/** The nearest ancestor-or-self that is not inline: the unit a name is looked for in. */
export function runContainer(el: Element): Element {
  let at = el;
  while (isInline(at) && at.parentElement) at = at.parentElement;
  return at;
}
