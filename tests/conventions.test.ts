// Conventions a reviewer would otherwise have to remember, checked on every run: each check code is emitted by the
// core and has a firing and a silent case in tests/core/check-cases.ts; each site adapter is registered, has a page
// modelled on its MIS and a row in the adapter tests; each add-on server export is reachable (a menu item, a trigger or a sidebar call); each CLI command is
// registered (tests/cli/help.test.ts then gives it a --help test by construction).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../cli/index';
import { ADAPTERS } from '../extension/sites';
import { MENU_ITEMS } from '../sheets-addon/server/menu';
import { SIDEBAR_CALLS, TRIGGERS } from '../sheets-addon/server/surface';
import { CHECK_CODES } from '../shared/index';
import { CHECK_CASES } from './core/check-cases';

const root = join(import.meta.dirname, '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

function filesUnder(dir: string, ext = /\.(ts|tsx)$/): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const p = join(dir, name);
    return statSync(join(root, p)).isDirectory() ? filesUnder(p, ext) : ext.test(name) ? [p] : [];
  });
}

/** Files whose code (comments stripped) quotes `'CODE'`, so a comment or a longer code does not count. */
function quoting(code: string, files: readonly string[], texts: Map<string, string>): string[] {
  return files.filter((f) => withoutComments(texts.get(f)!).includes(`'${code}'`));
}

/** The text with line and block comments removed (good enough for our sources: no `//` inside quoted codes). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('check codes', () => {
  const coreFiles = filesUnder('shared').filter((f) => f !== 'shared/model.ts');
  const coreTexts = new Map(coreFiles.map((f) => [f, read(f)]));

  it('every code is emitted by the core (in code, not only in a comment; model.ts only lists them)', () => {
    const unemitted = CHECK_CODES.filter((c) => quoting(c, coreFiles, coreTexts).length === 0);
    expect(unemitted).toEqual([]);
  });

  it('every code has a row in the firing/silent table (tests/core/check-cases.ts), and the table has no other rows', () => {
    const rows = Object.keys(CHECK_CASES);
    expect(CHECK_CODES.filter((c) => !rows.includes(c))).toEqual([]);
    expect(rows.filter((r) => !(CHECK_CODES as readonly string[]).includes(r))).toEqual([]);
  });

  it('the table is run: tests/core/check-codes.test.ts fires and silences every row', () => {
    // The per-code tests are generated from CHECK_CODES, so a new code gets its two tests with its row.
    const runner = read('tests/core/check-codes.test.ts');
    expect(runner).toMatch(/describe\.each\(CHECK_CODES\.map\(\(code\) => \[code, CHECK_CASES\[code\]\]/);
  });

  it('the silent baseline exists: the realistic valid tracker parses and checks with no finding at all', () => {
    // The table's near misses are silent for their own code; this shows every code silent on valid data.
    const index = read('tests/core/checks-index.test.ts');
    expect(index).toContain('expect(runChecks(validTracker(), TODAY)).toEqual([]);');
    expect(index).toContain('expect(parsed.findings).toEqual([]);');
  });
});

describe('site adapters', () => {
  const ids = ADAPTERS.map((a) => a.id);
  const adapterTests = read('tests/extension/sites/adapters.test.ts');

  it('every adapter file in extension/sites is registered', () => {
    const helpers = new Set(['dom.ts', 'index.ts', 'types.ts']);
    const files = readdirSync(join(root, 'extension/sites')).filter((n) => n.endsWith('.ts') && !helpers.has(n));
    expect(files.map((n) => basename(n, '.ts')).sort()).toEqual([...ids].sort());
  });

  it('every adapter has a page modelled on its MIS (a demo page or a saved fixture) and a row in the adapter tests', () => {
    for (const id of ids) {
      const fixtures = readdirSync(join(root, 'tests/fixtures/mis')).filter((n) => n.startsWith(`${id}-`));
      expect(existsSync(join(root, 'demo/mis', id)) || fixtures.length > 0, `${id}: page`).toBe(true);
      expect(adapterTests, `${id}: test row`).toContain(`'${id}']`);
    }
  });
});

describe('add-on server surface', () => {
  const exportsOf = (text: string) =>
    [...text.matchAll(/export \{([^}]+)\} from/g)].flatMap((m) =>
      m[1]!.split(',').map(
        (s) =>
          s
            .trim()
            .split(/\s+as\s+/)
            .pop()!,
      ),
    );
  const serverExports = exportsOf(read('sheets-addon/server/index.ts'));

  it('every export is exactly one of: a menu item, a trigger, a sidebar call (or private: its name ends in _)', () => {
    const menu = MENU_ITEMS.map((m) => m.handler);
    for (const name of serverExports.filter((n) => !n.endsWith('_'))) {
      const roles = [
        menu.includes(name),
        (TRIGGERS as readonly string[]).includes(name),
        (SIDEBAR_CALLS as readonly string[]).includes(name),
      ];
      expect(roles.filter(Boolean).length, name).toBe(1);
    }
    // …and nothing is listed that the server does not export.
    for (const name of [...menu, ...TRIGGERS, ...SIDEBAR_CALLS]) expect(serverExports, name).toContain(name);
  });

  it('the sidebar RPC type is derived from the server module, not written by hand', () => {
    const rpc = read('sheets-addon/sidebar/rpc.ts');
    expect(rpc).toMatch(/export type ServerApi = Pick<typeof Server, SidebarCall>;/);
    expect(rpc).not.toMatch(/interface ServerApi/);
    expect(read('sheets-addon/server/api.ts')).not.toMatch(/ServerApi/);
  });
});

describe('CLI commands', () => {
  it('every file in cli/commands that defines a command is registered', () => {
    const defining = filesUnder('cli/commands').filter((f) => /export const \w+: Command = \{/.test(read(f)));
    const names = defining.map((f) => /name: '([^']+)'/.exec(read(f))?.[1]);
    expect(names.sort()).toEqual(COMMANDS.map((c) => c.name).sort());
  });
});
