// One small badge after each mention of a pupil the detector found: right after the name's own text (the text
// node is split there when the name ends mid-sentence), so a paragraph naming three pupils gets three badges
// and a caption or id after the name never pushes its badge away. A badge is a button in its own shadow root:
// one tap or Enter opens the panel for the pupil(s) of that mention. Badges follow the page: each scan says
// which roots it covered, and badges under them that no scan result confirmed are removed (and the text node
// split for them joined again), so rescans and SPA swaps keep exactly one badge per mention.
import { pupilName, statusLabel } from '../../shared/index';
import type { PupilMatch } from '../detect';
import type { PagePupil } from '../messages';
import { createShadowHost } from './shadow-host';
import { BADGE_CSS } from './styles';
import { fromUser } from './user-input';

export const BADGE_TAG = 'caseload-badge';

/** Elements whose children must stay a fixed kind (cells in a row, items in a list): the badge goes inside. */
const CONTAINERS_OF_FIXED_CHILDREN = new Set(['tr', 'tbody', 'thead', 'tfoot', 'table', 'ul', 'ol', 'dl', 'select', 'colgroup']);
/** Inline elements the badge can follow on the same line. */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'cite',
  'em',
  'font',
  'i',
  'label',
  'mark',
  'small',
  'span',
  'strong',
  'u',
  'nobr',
  'time',
]);

interface Badge {
  host: HTMLElement;
  button: HTMLButtonElement;
  /** The node the badge follows: the name's text node, or the inline element the name ends. */
  after: Node;
  /** True when the badge's text node was split for it (joined again when the badge goes). */
  split: boolean;
  pupils: PagePupil[];
}

export type OpenPanel = (pupils: PagePupil[], from: HTMLButtonElement) => void;

/** The badge says the pupil's SEN status ("EHCP", "SEN support"). It is text inside the badge's shadow root only:
 * never an attribute, so the host page cannot read a pupil's status off the badge. */
export function badgeLabel(pupils: readonly PagePupil[]): { text: string; aria: string } {
  if (pupils.length === 1) return { text: statusLabel(pupils[0]!), aria: `Caseload: log for ${pupilName(pupils[0]!)}` };
  const labels = new Set(pupils.map(statusLabel));
  const text = labels.size === 1 ? `${[...labels][0]} ×${pupils.length}` : `Caseload ×${pupils.length}`;
  return { text, aria: `Caseload: ${pupils.length} pupils share this name — choose one to log for` };
}

/** Where a badge goes for a matched element without a text position: after it on the line, or inside it when a sibling would break the markup. */
export function placeBadge(anchor: Element, host: Element): void {
  const parent = anchor.parentElement;
  if (INLINE.has(anchor.localName) && parent && !CONTAINERS_OF_FIXED_CHILDREN.has(parent.localName)) anchor.after(host);
  else anchor.append(host);
}

/**
 * The node a badge for a name ending at `end` in `node` should follow, splitting the text node when the name
 * ends before the node does. When the name is the whole (remaining) text of an inline wrapper — a link, a bold
 * surname — the badge follows the wrapper instead, so it is not inside the link.
 */
export function insertionPoint(node: Text, end: number): { after: Node; split: boolean } {
  let split = false;
  if (end > 0 && end < node.data.length && node.data.slice(end).trim() !== '') {
    node.splitText(end);
    split = true;
  }
  let after: Node = node;
  for (;;) {
    const parent = after.parentElement;
    if (!parent || !INLINE.has(parent.localName) || !endsParent(after)) break;
    const grand = parent.parentElement;
    if (!grand || CONTAINERS_OF_FIXED_CHILDREN.has(grand.localName)) break;
    after = parent;
  }
  return { after, split };
}

/** True when nothing but whitespace follows `node` inside its parent. */
function endsParent(node: Node): boolean {
  for (let n = node.nextSibling; n; n = n.nextSibling) {
    if (n.nodeType === 3 && !(n as Text).data.trim()) continue;
    return false;
  }
  return true;
}

export class BadgeLayer {
  /** Every badge by its host element. */
  private readonly badges = new Map<HTMLElement, Badge>();
  /** The node each badge button followed, kept after the badge is gone, so its replacement can be found. */
  private readonly anchors = new WeakMap<HTMLButtonElement, Node>();

  constructor(
    private readonly doc: Document,
    private readonly open: OpenPanel,
  ) {}

  /**
   * Bring the page's badges in line with one scan: a badge for each match (kept, relabelled or added), and any
   * badge under `roots` that no match confirmed removed. Matches are handled last-first, so splitting a text node
   * for a later name never moves the position of an earlier name in the same node.
   */
  sync(found: readonly { match: PupilMatch; pupils: PagePupil[] }[], roots: readonly ParentNode[]): void {
    const confirmed = new Set<Badge>();
    for (let i = found.length - 1; i >= 0; i--) {
      const { match, pupils } = found[i]!;
      const badge = this.showMatch(match, pupils);
      if (badge) confirmed.add(badge);
    }
    for (const badge of [...this.badges.values()]) {
      if (confirmed.has(badge)) continue;
      if (!badge.host.isConnected || roots.some((r) => (r as Node).contains(badge.host))) this.remove(badge);
    }
  }

  /** Show (or relabel) the badge for one match; the existing badge right after the name counts as it. */
  showMatch(match: PupilMatch, pupils: PagePupil[]): Badge | undefined {
    if (pupils.length === 0) return undefined;
    const mention = match.mention;
    if (!mention?.node.isConnected) return this.show(match.element, pupils);
    // Already badged: the name's text (or its wrapper) is followed by one of our badges.
    const existing = this.badgeAfterName(mention.node, mention.end);
    if (existing) {
      this.relabel(existing, pupils);
      return existing;
    }
    const { after, split } = insertionPoint(mention.node, mention.end);
    const badge = this.create(pupils, after, split);
    after.parentNode!.insertBefore(badge.host, after.nextSibling);
    return badge;
  }

  /** Show (or relabel) the badge for an element (matches without a text position). */
  show(anchor: Element, pupils: PagePupil[]): Badge | undefined {
    if (pupils.length === 0) return undefined;
    for (const badge of this.badges.values()) {
      if (badge.after === anchor && badge.host.isConnected) {
        this.relabel(badge, pupils);
        return badge;
      }
    }
    const badge = this.create(pupils, anchor, false);
    placeBadge(anchor, badge.host);
    return badge;
  }

  /** Drop badges whose anchor (or the badge itself) is no longer on the page. */
  prune(): void {
    for (const badge of [...this.badges.values()]) {
      if (!badge.after.isConnected || !badge.host.isConnected) this.remove(badge);
    }
  }

  clear(): void {
    for (const badge of [...this.badges.values()]) this.remove(badge);
  }

  /**
   * The badge on the page now for the same mention as `button`: the button itself while it is on the page, else
   * the badge that took its place after the page re-rendered that name (the same name text, so the same anchor).
   * Closing the panel gives focus back there, so a keyboard user returns to the name they started from.
   */
  current(button: HTMLButtonElement): HTMLButtonElement | undefined {
    if (button.isConnected) return button;
    const anchor = this.anchors.get(button);
    if (!anchor?.isConnected) return undefined;
    for (const badge of this.badges.values()) if (badge.after === anchor && badge.host.isConnected) return badge.button;
    return undefined;
  }

  get size(): number {
    return this.badges.size;
  }

  private badgeAfterName(node: Text, end: number): Badge | undefined {
    if (end < node.data.length && node.data.slice(end).trim() !== '') return undefined;
    for (let at: Node | null = node; at; at = at.parentNode) {
      const next: Node | null = at.nextSibling;
      const badge: Badge | undefined = next ? this.badges.get(next as HTMLElement) : undefined;
      if (badge && badge.after === at) return badge;
      if (!(at.parentElement && INLINE.has(at.parentElement.localName) && endsParent(at))) break;
    }
    return undefined;
  }

  private create(pupils: PagePupil[], after: Node, split: boolean): Badge {
    const { host, root } = createShadowHost(this.doc, BADGE_TAG, BADGE_CSS);
    const button = this.doc.createElement('button');
    button.type = 'button';
    // A word joiner before the button: no line break between the name and its badge, so a badge never wraps
    // onto the next line away from the name it belongs to.
    root.append(this.doc.createTextNode('\u2060'), button);
    const badge: Badge = { host, button, after, split, pupils };
    this.label(badge);
    button.addEventListener('click', (e) => {
      // The badge often sits inside a clickable row or link: the tap is ours alone.
      e.preventDefault();
      e.stopPropagation();
      // A click a page script made opens nothing (user-input.ts).
      if (!fromUser(e)) return;
      this.open(badge.pupils, button);
    });
    this.badges.set(host, badge);
    this.anchors.set(button, after);
    return badge;
  }

  private relabel(badge: Badge, pupils: PagePupil[]): void {
    if (pupils.map((p) => p.id).join('+') === badge.pupils.map((p) => p.id).join('+')) return;
    badge.pupils = pupils;
    this.label(badge);
  }

  private remove(badge: Badge): void {
    const prev = badge.host.previousSibling;
    badge.host.remove();
    this.badges.delete(badge.host);
    // Join the text node split for this badge again, so the page's text is as it was.
    const next = prev?.nextSibling;
    if (badge.split && prev === badge.after && prev.nodeType === 3 && next && next.nodeType === 3) {
      (prev as Text).appendData((next as Text).data);
      next.parentNode?.removeChild(next);
    }
  }

  private label(badge: Badge): void {
    const { text, aria } = badgeLabel(badge.pupils);
    badge.button.textContent = text;
    // The name is only in the badge's own shadow root (the button's label), never in page-readable attributes.
    badge.button.setAttribute('aria-label', aria);
    if (badge.pupils.length > 1) badge.button.setAttribute('data-ambiguous', '');
    else badge.button.removeAttribute('data-ambiguous');
  }
}
