// @vitest-environment happy-dom
// "Teach a site": the selector for a clicked element must find exactly that element now, prefer stable ids
// and classes, and still find the same place on another pupil's page (no per-record ids, no pupil names).
import { describe, expect, it } from 'vitest';
import { buildCaseloadIndex, scanForPupils, selectorFor } from '../../../extension/detect';

function page(html: string) {
  document.body.innerHTML = html; // test-authored markup only
}

describe('selectorFor', () => {
  it('uses a stable unique id', () => {
    page('<div><span id="pupilName">Amelia Hartley</span></div>');
    expect(selectorFor(document.getElementById('pupilName')!)).toBe('#pupilName');
  });

  it("skips per-record ids and names in attributes, and the selector works on the next pupil's page", () => {
    const profile = (name: string, recordId: number) =>
      `<main><div class="banner" id="student-${recordId}"><h2 class="title" title="${name}">${name}</h2><span class="title">Year 7</span></div></main>`;
    page(profile('Amelia Hartley', 48213));
    const selector = selectorFor(document.querySelector('h2')!);
    expect(selector).not.toContain('48213');
    expect(selector).not.toMatch(/Amelia|Hartley/);
    expect(document.querySelectorAll(selector)).toHaveLength(1);

    page(profile('Zoë Brennan', 51177));
    const rule = { origin: new URL(document.location.href).origin, selector };
    const index = buildCaseloadIndex([{ id: 'P002', firstName: 'Zoë', lastName: 'Brennan' }]);
    const matches = scanForPupils(document, index, { rules: [rule] });
    expect(matches.map(({ element, pupilIds, via }) => ({ element, pupilIds, via }))).toEqual([
      { element: document.querySelector('h2'), pupilIds: ['P002'], via: 'rule' },
    ]);
  });

  it('falls back to nth-of-type only where siblings are alike, and stays unique', () => {
    page('<table><tr><td>1</td><td>Amelia Hartley</td></tr><tr><td>2</td><td>Zoë Brennan</td></tr></table>');
    const cell = document.querySelectorAll('td')[3]!;
    const selector = selectorFor(cell);
    expect(selector).toContain('nth-of-type');
    expect([...document.querySelectorAll(selector)]).toEqual([cell]);
  });

  it('escapes awkward ids', () => {
    page('<p id="a:b.c">x</p><p id="9lives">y</p>');
    const a = selectorFor(document.getElementById('a:b.c')!);
    const b = selectorFor(document.getElementById('9lives')!);
    expect(document.querySelector(a)?.textContent).toBe('x');
    expect(document.querySelector(b)?.textContent).toBe('y');
  });
});
