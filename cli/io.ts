// Where a command's output goes: the real process streams in the bin, buffers in in-process tests.
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Standard error is a terminal (a progress line may redraw itself there). */
  errTty?: boolean;
  /** Write to standard error without a newline (a progress line's redraw). */
  errPartial?(text: string): void;
}

export const processIo: Io = {
  out: (t) => void process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => void process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  errTty: process.stderr.isTTY === true,
  errPartial: (t) => void process.stderr.write(t),
};

/** Exit codes, as documented in README: 0 no errors, 1 errors found, 2 the input could not be used. */
export const EXIT = { ok: 0, findings: 1, unusable: 2 } as const;

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: readonly string[], io: Io): Promise<number>;
}
