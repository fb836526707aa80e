// @vitest-environment happy-dom
// What the MIS page's own scripts can reach of our overlay, at the unit level: a closed shadow root (what every
// real build attaches: extension/build-flags.ts) hides the badge from `host.shadowRoot`, the host carries nothing
// but its style, and only a click the browser marks trusted opens a panel. tests/e2e/hostile-page.e2e.test.ts
// tries the same from a real page in Chromium against the closed-root build.
import { afterEach, describe, expect, it } from 'vitest';
import type { PagePupil } from '../../extension/messages';
import { BadgeLayer } from '../../extension/overlay/badges';
import { pickElement } from '../../extension/overlay/picker';
import { fromUser } from '../../extension/overlay/user-input';
import { createShadowHost } from '../../extension/overlay/shadow-host';

const AMELIA: PagePupil = { id: 'P1', firstName: 'Amelia', lastName: 'Hartley', year: '7', className: '7HN', senStatus: 'E' };

afterEach(() => {
  document.body.innerHTML = '';
});

/** A click as the browser would report it: trusted for user input, untrusted for one a script made. */
function click(trusted: boolean): MouseEvent {
  const e = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
  Object.defineProperty(e, 'isTrusted', { value: trusted });
  return e;
}

describe('the shadow host', () => {
  it('in closed mode the page gets null from host.shadowRoot, while our code keeps the root', () => {
    const { host, root } = createShadowHost(document, 'caseload-badge', 'button{}', 'inline', 'closed');
    root.append(document.createTextNode('Amelia Hartley — EHCP'));
    document.body.append(host);
    expect(host.shadowRoot).toBeNull();
    expect(root.textContent).toContain('Amelia Hartley');
    // Nothing readable in the light DOM: no children, no text, no attribute but the inline style.
    expect(host.textContent).toBe('');
    expect(host.childNodes).toHaveLength(0);
    expect(host.getAttributeNames()).toEqual(['style']);
    expect(document.body.innerHTML).not.toContain('Amelia');
  });

  it('the test builds (and these unit tests) attach open roots, so their selectors can reach inside', () => {
    const { host } = createShadowHost(document, 'caseload-panel', '', 'block');
    expect(host.shadowRoot).not.toBeNull();
  });
});

describe('a badge opens a panel only for the user', () => {
  const layer = (opened: string[]) => {
    const badges = new BadgeLayer(document, (pupils) => opened.push(pupils.map((p) => p.id).join('+')));
    const anchor = document.createElement('span');
    anchor.textContent = 'Amelia Hartley';
    document.body.append(anchor);
    const badge = badges.show(anchor, [AMELIA])!;
    return badge;
  };

  it('a click a script made (isTrusted false) does nothing; a trusted one opens the panel', () => {
    const opened: string[] = [];
    const badge = layer(opened);
    badge.button.dispatchEvent(click(false));
    expect(opened).toEqual([]);
    badge.button.dispatchEvent(click(true));
    expect(opened).toEqual(['P1']);
  });

  it('a script-made click still does not reach the page behind the badge', () => {
    const opened: string[] = [];
    const badge = layer(opened);
    let pageSaw = 0;
    document.body.addEventListener('click', () => pageSaw++);
    const e = click(false);
    badge.button.dispatchEvent(e);
    expect(e.defaultPrevented).toBe(true);
    expect(pageSaw).toBe(0);
  });

  it('fromUser: false only for events the browser marks untrusted', () => {
    expect(fromUser(click(false))).toBe(false);
    expect(fromUser(click(true))).toBe(true);
  });

  it('the badge host names no one: the name is the button’s label inside the root', () => {
    const badge = layer([]);
    expect(badge.host.getAttributeNames()).toEqual(['style']);
    expect(badge.host.title).toBe('');
    expect(badge.button.getAttribute('aria-label')).toBe('Caseload: log for Amelia Hartley');
    expect(badge.host.getRootNode()).toBe(document);
    expect(badge.button.getRootNode()).not.toBe(document);
  });
});

describe('Teach a site picks only what the user clicks', () => {
  it('a script-made click picks nothing; the user’s click picks its element', async () => {
    document.body.innerHTML = '<table><tr><td class="name">Amelia Hartley</td><td class="decoy">x</td></tr></table>';
    const picked = pickElement(document);
    document.querySelector('td.decoy')!.dispatchEvent(click(false));
    document.querySelector('td.name')!.dispatchEvent(click(true));
    const result = await picked;
    expect(result?.selector).toBeDefined();
    expect(document.querySelector(result!.selector)?.className).toBe('name');
  });
});
