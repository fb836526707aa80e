// A progress line for long reads: silent for the first second (most trackers are read by then), then the rows
// read so far, on standard error only, so `--json` and CSV on standard output are never touched. On a terminal the
// line redraws itself in place; elsewhere (a log file, CI) only with --progress, as a plain line every few seconds.
import type { Io } from './io';

export interface ProgressOptions {
  /** --progress was given. */
  asked: boolean;
  now?: () => number;
  /** Quiet for this long before the first line (ms). */
  delayMs?: number;
}

export interface Progress {
  rows(n: number): void;
  /** Clear the line (terminal) once the work is done. */
  done(): void;
}

export function progress(io: Io, what: string, opts: ProgressOptions): Progress {
  const tty = io.errTty === true;
  if (!tty && !opts.asked) return { rows: () => undefined, done: () => undefined };
  const now = opts.now ?? Date.now;
  const started = now();
  const delay = opts.delayMs ?? 1000;
  const every = tty ? 200 : 2000;
  let last = -Infinity;
  let shown = false;
  const text = (n: number) => `${what}: ${n.toLocaleString('en-GB')} rows read (${((now() - started) / 1000).toFixed(1)} s)`;
  return {
    rows(n) {
      const t = now();
      if (t - started < delay || t - last < every) return;
      last = t;
      shown = true;
      if (tty && io.errPartial) io.errPartial(`\r${text(n)}\u001b[K`);
      else io.err(text(n));
    },
    done() {
      if (shown && tty && io.errPartial) io.errPartial('\r\u001b[K');
    },
  };
}
