// Turning a tap into a LogEntry. The id is made here, at tap time, so a retry of the same tap never
// duplicates; the source is where it was logged from, host + path, never the query (it can hold ids/tokens).
import type { LogEntry, LogKind, Prompt, Rating } from '../../shared/index';

/** `host/path` of a URL, without scheme, query or fragment (Arbor's `/?/route` is a query: dropped too). */
export function sourceOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return '';
  }
}

/** ISO 8601 with the local offset, e.g. `2026-11-23T10:15:00+00:00` (the Log tab's Time format). */
export function isoWithOffset(date: Date): string {
  const pad = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

/**
 * A random (v4) UUID. `crypto.randomUUID` exists only in secure contexts, and a content script on an http://
 * intranet page is not one; `getRandomValues` works everywhere.
 */
export function uuidV4(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const b = random(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What the LSA chose before the tap that makes the log. */
export interface QuickLogExtras {
  prompt?: Prompt;
  minutes?: number;
  note?: string;
}

export interface TapContext {
  pupilId: string;
  staffId?: string;
  pageUrl: string;
  now: Date;
  uuid: () => string;
}

/** Rating a target: the one-tap progress log. */
export function progressLog(ctx: TapContext, targetId: string, rating: Rating, extras: QuickLogExtras = {}): LogEntry {
  return withExtras({ ...base(ctx, 'Progress'), targetId, rating }, extras);
}

/** Intervention, care, medication, praise, behaviour or a plain note — not tied to one target. */
export function quickLog(ctx: TapContext, kind: Exclude<LogKind, 'Progress'>, extras: QuickLogExtras = {}): LogEntry {
  return withExtras(base(ctx, kind), extras);
}

function base(ctx: TapContext, kind: LogKind): LogEntry {
  const entry: LogEntry = { id: ctx.uuid(), time: isoWithOffset(ctx.now), pupilId: ctx.pupilId, kind };
  if (ctx.staffId) entry.staffId = ctx.staffId;
  const source = sourceOf(ctx.pageUrl);
  if (source) entry.source = source;
  return entry;
}

function withExtras(entry: LogEntry, extras: QuickLogExtras): LogEntry {
  if (extras.prompt) entry.prompt = extras.prompt;
  if (extras.minutes !== undefined && Number.isInteger(extras.minutes) && extras.minutes > 0) entry.minutes = extras.minutes;
  const note = extras.note?.trim();
  if (note) entry.note = note;
  return entry;
}

/** Minutes typed in a box: a whole positive number, or nothing. */
export function parseMinutes(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{1,3}$/.test(t)) return undefined;
  const n = Number(t);
  return n > 0 ? n : undefined;
}
