// The hand-over from overlay-early.ts (document_start) to overlay.ts (document_end): the badging the first began,
// kept on a global of the content scripts' isolated world, which the page's own scripts cannot reach.
import type { Badger } from './badger';

const STARTED = '__caseloadBadger';
type Slot = Record<string, Promise<Badger | undefined> | undefined>;

/** Start the badging and leave it for the overlay, unless it was already started on this page. */
export function leaveStarted(start: () => Promise<Badger | undefined>): void {
  const g = globalThis as unknown as Slot;
  g[STARTED] ??= start();
}

/** The badging the early script started on this page, if it ran. */
export function takeStarted(): Promise<Badger | undefined> | undefined {
  return (globalThis as unknown as Slot)[STARTED];
}
