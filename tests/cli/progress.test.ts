// The progress line: nothing for a quick read, counts on standard error after a second, redrawn in place on a
// terminal, plain lines elsewhere only when asked; standard output is never written.
import { describe, expect, it } from 'vitest';
import { progress } from '../../cli/progress';
import type { Io } from '../../cli/io';

function recordingIo(tty: boolean) {
  const out: string[] = [];
  const err: string[] = [];
  const partial: string[] = [];
  const io: Io = { out: (t) => void out.push(t), err: (t) => void err.push(t), errTty: tty, errPartial: (t) => void partial.push(t) };
  return { io, out, err, partial };
}

describe('CLI progress', () => {
  it('stays silent through the first second, then redraws a count on a terminal and clears it when done', () => {
    let t = 0;
    const r = recordingIo(true);
    const p = progress(r.io, 'Reading year.xlsx', { asked: false, now: () => t });
    t = 900;
    p.rows(20_000);
    expect(r.partial).toEqual([]);
    t = 1100;
    p.rows(30_000);
    t = 1150;
    p.rows(31_000); // too soon after the last redraw
    t = 1400;
    p.rows(45_000);
    p.done();
    expect(r.partial).toEqual([
      '\rReading year.xlsx: 30,000 rows read (1.1 s)\u001b[K',
      '\rReading year.xlsx: 45,000 rows read (1.4 s)\u001b[K',
      '\r\u001b[K',
    ]);
    expect(r.out).toEqual([]);
  });

  it('off the terminal: silent unless --progress, then plain lines', () => {
    let t = 0;
    const quiet = recordingIo(false);
    const q = progress(quiet.io, 'Reading', { asked: false, now: () => t });
    t = 5000;
    q.rows(10);
    expect([...quiet.err, ...quiet.partial, ...quiet.out]).toEqual([]);
    const asked = recordingIo(false);
    t = 0;
    const a = progress(asked.io, 'Reading', { asked: true, now: () => t });
    t = 1500;
    a.rows(12_345);
    a.done();
    expect(asked.err).toEqual(['Reading: 12,345 rows read (1.5 s)']);
    expect(asked.partial).toEqual([]);
    expect(asked.out).toEqual([]);
  });
});
