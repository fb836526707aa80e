// One small badge after each pupil the detector found. A badge is a button in its own shadow root: one tap or
// Enter opens the panel. Badges follow the page: re-reported elements are relabelled, and badges whose anchor
// left the page are removed.
import { pupilName } from '../../shared/index';
import type { PagePupil } from '../messages';
import { createShadowHost } from './shadow-host';
import { BADGE_CSS } from './styles';

export const BADGE_TAG = 'caseload-badge';

/** Elements whose children must stay a fixed kind (cells in a row, items in a list): the badge goes inside. */
const CONTAINERS_OF_FIXED_CHILDREN = new Set(['tr', 'tbody', 'thead', 'tfoot', 'table', 'ul', 'ol', 'dl', 'select', 'colgroup']);
/** Inline elements the badge can follow on the same line. */
const INLINE = new Set(['a', 'abbr', 'b', 'bdi', 'cite', 'em', 'font', 'i', 'label', 'mark', 'small', 'span', 'strong', 'u', 'nobr', 'time']);

interface Badge {
  host: HTMLElement;
  button: HTMLButtonElement;
  anchor: Element;
  pupils: PagePupil[];
}

export type OpenPanel = (pupils: PagePupil[], from: HTMLButtonElement) => void;

export function badgeLabel(pupils: readonly PagePupil[]): { text: string; aria: string } {
  if (pupils.length === 1) return { text: 'EHCP', aria: `Caseload: log for ${pupilName(pupils[0]!)}` };
  return { text: `EHCP ×${pupils.length}`, aria: `Caseload: ${pupils.length} pupils share this name — choose one to log for` };
}

/** Where a badge goes for a matched element: after it on the line, or inside it when a sibling would break the markup. */
export function placeBadge(anchor: Element, host: Element): void {
  const parent = anchor.parentElement;
  if (INLINE.has(anchor.localName) && parent && !CONTAINERS_OF_FIXED_CHILDREN.has(parent.localName)) anchor.after(host);
  else anchor.append(host);
}

export class BadgeLayer {
  private readonly badges = new Map<Element, Badge>();

  constructor(
    private readonly doc: Document,
    private readonly open: OpenPanel,
  ) {}

  /** Show (or relabel) the badge for an element. */
  show(anchor: Element, pupils: PagePupil[]): void {
    if (pupils.length === 0) return;
    const existing = this.badges.get(anchor);
    if (existing && existing.host.isConnected) {
      existing.pupils = pupils;
      this.label(existing);
      return;
    }
    const { host, root } = createShadowHost(this.doc, BADGE_TAG, BADGE_CSS);
    const button = this.doc.createElement('button');
    button.type = 'button';
    root.append(button);
    const badge: Badge = { host, button, anchor, pupils };
    this.label(badge);
    button.addEventListener('click', (e) => {
      // The badge often sits inside a clickable row or link: the tap is ours alone.
      e.preventDefault();
      e.stopPropagation();
      this.open(badge.pupils, button);
    });
    placeBadge(anchor, host);
    this.badges.set(anchor, badge);
  }

  /** Drop badges whose anchor (or the badge itself) is no longer on the page. */
  prune(): void {
    for (const [anchor, badge] of this.badges) {
      if (!anchor.isConnected || !badge.host.isConnected) {
        badge.host.remove();
        this.badges.delete(anchor);
      }
    }
  }

  clear(): void {
    for (const badge of this.badges.values()) badge.host.remove();
    this.badges.clear();
  }

  get size(): number {
    return this.badges.size;
  }

  private label(badge: Badge): void {
    const { text, aria } = badgeLabel(badge.pupils);
    badge.button.textContent = text;
    badge.button.setAttribute('aria-label', aria);
    badge.button.title = aria;
    if (badge.pupils.length > 1) badge.button.setAttribute('data-ambiguous', '');
    else badge.button.removeAttribute('data-ambiguous');
  }
}
