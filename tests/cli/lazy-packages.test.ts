// The CLI's large packages load only when a command needs them (cli/lazy-packages.ts): googleapis alone costs
// about two seconds and 150 MB at start-up, which `caseload check` on a local file would otherwise pay every time.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '..', '..', 'cli');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('CLI start-up', () => {
  it('imports googleapis and exceljs only as types, outside the one module that loads them on first use', () => {
    const eager = sources(CLI)
      .filter((f) => !f.endsWith('lazy-packages.ts'))
      .flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/^import\s+(?!type\b)[^;]*?from\s+'(googleapis|exceljs)'/gm)].map((m) => `${f}: ${m[1]}`),
      );
    expect(eager).toEqual([]);
  });
});
