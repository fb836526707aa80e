// Command-line arguments through Node's own parser (strict: an unknown option is an error, not a surprise).
import { parseArgs } from 'node:util';

/** A problem with how the command was typed: the CLI prints it with the command's usage and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface OptionSpec {
  /** Options taking a value, e.g. `today` for `--today 2026-11-23`. */
  values?: readonly string[];
  /** Switches, e.g. `json` for `--json`. */
  flags?: readonly string[];
  /** Names of the positional arguments, in order; `?` suffix marks an optional one. */
  positionals: readonly string[];
}

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | undefined>;
  flags: Record<string, boolean>;
}

export function parseCommandArgs(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const v of spec.values ?? []) options[v] = { type: 'string' };
  for (const f of spec.flags ?? []) options[f] = { type: 'boolean' };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.replace(/\. To specify.*$/s, '.') : String(e));
  }
  const required = spec.positionals.filter((p) => !p.endsWith('?'));
  if (parsed.positionals.length < required.length) {
    const missing = required.slice(parsed.positionals.length).map((p) => `<${p}>`);
    throw new UsageError(`Missing ${missing.join(' and ')}.`);
  }
  if (parsed.positionals.length > spec.positionals.length) {
    throw new UsageError(`Unexpected argument "${parsed.positionals[spec.positionals.length]}".`);
  }
  const values: Record<string, string | undefined> = {};
  const flags: Record<string, boolean> = {};
  for (const v of spec.values ?? []) values[v] = parsed.values[v] as string | undefined;
  for (const f of spec.flags ?? []) flags[f] = parsed.values[f] === true;
  return { positionals: parsed.positionals, values, flags };
}
