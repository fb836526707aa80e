// "Teach a site": turn the element the user clicked into a CSS selector we can store and use on later visits.
// The selector should still find the same *place* on another pupil's page, so it prefers stable ids and
// classes, and avoids anything that looks per-record (ids with long digit runs, framework-generated ids) and
// anything carrying the pupil's name. nth-of-type is the last resort, used only where needed to be unique.

const UNSTABLE_ID = /\d{3,}|^(?:ember|react|ng-|ext-gen|yui_|__)/i;
const UNSTABLE_CLASS = /\d{3,}|^(?:is-|has-)?(?:active|selected|hover|focus|open|hidden|visible|ng-)|^css-|^sc-|__/i;
const STABLE_ATTRIBUTES = ['data-testid', 'data-test', 'data-qa', 'data-field', 'itemprop', 'name', 'role'];

export function selectorFor(el: Element): string {
  const doc = el.ownerDocument;
  const parts: string[] = [];
  for (let at: Element | null = el; at; at = at.parentElement) {
    const id = at.getAttribute('id');
    if (id && !UNSTABLE_ID.test(id) && doc.querySelectorAll(`#${cssEscape(id)}`).length === 1) {
      parts.unshift(`#${cssEscape(id)}`);
      if (isUnique(doc, parts, el)) return parts.join(' > ');
      continue;
    }
    let part = describe(at, el);
    if (at.localName === 'html' || at.localName === 'body') {
      parts.unshift(at.localName);
      if (isUnique(doc, parts, el)) return parts.join(' > ');
      continue;
    }
    const parent = at.parentElement;
    if (parent && !isUniqueAmongSiblings(parent, at, part)) part += `:nth-of-type(${nthOfType(at)})`;
    parts.unshift(part);
    if (isUnique(doc, parts, el)) return parts.join(' > ');
  }
  return parts.join(' > ');
}

/** tag, stable classes and one stable attribute: the element's role on the page rather than its content. */
function describe(at: Element, target: Element): string {
  let part = at.localName;
  const text = (target.textContent ?? '').trim().toLowerCase();
  for (const attr of STABLE_ATTRIBUTES) {
    const value = at.getAttribute(attr);
    if (value && value.length <= 60 && !(text && value.toLowerCase().includes(text))) {
      part += `[${attr}="${value.replace(/["\\]/g, '\\$&')}"]`;
      break;
    }
  }
  const classes = [...at.classList].filter((c) => !UNSTABLE_CLASS.test(c)).slice(0, 2);
  for (const c of classes) part += `.${cssEscape(c)}`;
  return part;
}

function isUniqueAmongSiblings(parent: Element, at: Element, part: string): boolean {
  for (const sibling of parent.children) if (sibling !== at && safeMatches(sibling, part)) return false;
  return true;
}

function nthOfType(at: Element): number {
  let n = 1;
  for (let s = at.previousElementSibling; s; s = s.previousElementSibling) if (s.localName === at.localName) n++;
  return n;
}

function isUnique(doc: Document, parts: string[], el: Element): boolean {
  try {
    const found = doc.querySelectorAll(parts.join(' > '));
    return found.length === 1 && found[0] === el;
  } catch {
    return false;
  }
}

function safeMatches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

/** CSS.escape for identifiers (not every DOM we run under provides it). */
export function cssEscape(ident: string): string {
  let out = '';
  for (let i = 0; i < ident.length; i++) {
    const ch = ident.charAt(i);
    const code = ident.charCodeAt(i);
    if (code === 0) out += '\ufffd';
    else if (
      (code >= 1 && code <= 31) ||
      code === 127 ||
      (i === 0 && code >= 48 && code <= 57) ||
      (i === 1 && code >= 48 && code <= 57 && ident.charAt(0) === '-')
    ) {
      out += `\\${code.toString(16)} `;
    } else if (i === 0 && ch === '-' && ident.length === 1) out += '\\-';
    else if (code >= 128 || ch === '-' || ch === '_' || /[a-zA-Z0-9]/.test(ch)) out += ch;
    else out += `\\${ch}`;
  }
  return out;
}
