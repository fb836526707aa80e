// Formatter and linter in the test run: Biome (biome.json) checks the whole tree, so a change that breaks the
// agreed style or a lint rule fails `npm test`, not a reviewer's eye. `npm run format` fixes what it can.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const biome = join(root, 'node_modules', '.bin', 'biome');

function run(args: string[], cwd = root): { code: number; out: string } {
  try {
    const out = execFileSync(biome, [...args, '--colors=off'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, out };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: `${err.stdout}\n${err.stderr}` };
  }
}

describe('formatter and linter (Biome)', () => {
  it('the tree passes the lint rules', () => {
    const r = run(['lint', '.', '--max-diagnostics=50']);
    expect(r.code, r.out).toBe(0);
  }, 60_000);

  it('the tree is formatted (npm run format)', () => {
    const r = run(['format', '.', '--max-diagnostics=20']);
    expect(r.code, r.out).toBe(0);
  }, 60_000);

  it('would catch a lint error and a formatting slip', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caseload-lint-'));
    try {
      writeFileSync(join(dir, 'biome.json'), JSON.stringify({ extends: [join(root, 'biome.json')], vcs: { enabled: false } }));
      writeFileSync(
        join(dir, 'bad.ts'),
        'export function f(xs: number[]) {\n  xs.forEach((x, i) => (xs[i] = x + 1));\n  return "double quotes"\n}\n',
      );
      const r = run(['ci', '.'], dir);
      expect(r.code).not.toBe(0);
      expect(r.out).toContain('lint/suspicious/useIterableCallbackReturn');
      expect(r.out).toMatch(/format/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
