// Where the panel goes for one opening: the remembered dock unless it would cover the badge it was opened from.
import { describe, expect, it } from 'vitest';
import { dockAwayFrom, parseLayout } from '../../extension/overlay/layout';

const at = (left: number, top: number) => ({ left, right: left + 40, top, bottom: top + 18 });
// 1366×768 at 125 % zoom: 1093×614 CSS pixels.
const zoomed = { width: 1093, height: 614 };

describe('panel dock', () => {
  it('keeps the remembered side when the badge is clear of it, and flips when the panel would cover it', () => {
    expect(dockAwayFrom('right', at(200, 300), zoomed)).toBe('right');
    expect(dockAwayFrom('right', at(900, 300), zoomed)).toBe('left');
    expect(dockAwayFrom('left', at(100, 300), zoomed)).toBe('right');
    expect(dockAwayFrom('left', at(700, 300), zoomed)).toBe('left');
    expect(dockAwayFrom('bottom', at(200, 100), zoomed)).toBe('bottom');
    expect(dockAwayFrom('bottom', at(200, 500), zoomed)).toBe('right');
    expect(dockAwayFrom('right', undefined, zoomed)).toBe('right');
  });

  it('reads a stored layout defensively', () => {
    expect(parseLayout({ dock: 'left', collapsed: true })).toEqual({ dock: 'left', collapsed: true });
    expect(parseLayout({ dock: 'top', collapsed: 'yes' })).toEqual({ dock: 'right', collapsed: false });
    expect(parseLayout(undefined)).toEqual({ dock: 'right', collapsed: false });
  });
});
