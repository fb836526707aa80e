// The dependency rule, enforced: the domain core in shared/ imports nothing from a front end, a platform
// package or Node, and it type-checks with no DOM, chrome or Apps Script types. Front ends reach the core only
// through its public surface (shared/index.ts, or the sync barrel shared/sync/index.ts), never one another, and
// only the demo commands import the fictional school in demo/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadTsconfig, typeErrors } from './support/typecheck';

const root = join(import.meta.dirname, '..');
const core = join(root, 'shared');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx|mjs)$/.test(name) && !name.endsWith('.d.mts') ? [p] : [];
  });
}

function importsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      out.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteral(arg)) out.push(arg.text);
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require') {
      out.push('require()');
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
  return out;
}

/** A core import is allowed when it stays inside shared/. Tiny pure packages would be listed here by name. */
const ALLOWED_PACKAGES = new Set<string>([]);

function coreViolations(files: string[], readText?: (file: string) => string): string[] {
  const bad: string[] = [];
  for (const file of files) {
    for (const spec of importsOf(file, readText ? readText(file) : undefined)) {
      const where = relative(root, file);
      if (spec.startsWith('.')) {
        const target = join(file, '..', spec);
        if (!target.startsWith(`${core}/`) && target !== core) bad.push(`${where} imports ${spec} (outside shared/)`);
      } else if (!ALLOWED_PACKAGES.has(spec)) {
        bad.push(`${where} imports package "${spec}"`);
      }
    }
  }
  return bad;
}

describe('dependency rule for the domain core', () => {
  const files = sourceFiles(core);

  it('finds the core sources', () => {
    expect(files.length).toBeGreaterThan(2);
  });

  it('imports only from inside shared/', () => {
    expect(coreViolations(files)).toEqual([]);
  });

  it('would catch a front-end or platform import', () => {
    const probe = join(core, 'checks', 'probe.ts');
    const text =
      "import { x } from '../../extension/store';\nimport { y } from '../model';\nimport 'wxt/browser';\nexport const z = () => import('node:fs');\n";
    const v = coreViolations([probe], () => text);
    expect(v).toEqual([
      'shared/checks/probe.ts imports ../../extension/store (outside shared/)',
      'shared/checks/probe.ts imports package "wxt/browser"',
      'shared/checks/probe.ts imports package "node:fs"',
    ]);
  });

  it('type-checks with lib ES2022 and no platform types', () => {
    const configPath = join(core, 'tsconfig.json');
    const parsed = loadTsconfig(configPath);
    expect(parsed.options.types).toEqual([]);
    expect(parsed.options.lib).toEqual(['lib.es2022.d.ts']);
    expect(typeErrors(configPath)).toEqual([]);
  }, 60_000);
});

/** Parts outside the core, each with the folders it owns. The front ends may not import one another; tools
 * (scripts/, sheets-server/) may use a front end's pieces (the server reads .xlsx with cli/xlsx.ts). */
const FRONT_ENDS = ['extension', 'sheets-addon', 'cli'] as const;
const CORE_USERS = [...FRONT_ENDS, 'scripts', 'sheets-server'] as const;
/** The core's public barrels, as paths inside shared/ without extension. */
const CORE_BARRELS = new Set(['index', 'sync', 'sync/index']);
/** The commands that build the fictional school's tracker and pages. */
const DEMO_COMMANDS = new Set(['cli/commands/init.ts', 'scripts/demo-server.mjs', 'scripts/start.mjs']);

const partOf = (path: string) => path.split('/')[0]!;

function surfaceViolations(files: string[], readText?: (file: string) => string): string[] {
  const bad: string[] = [];
  for (const file of files) {
    const where = relative(root, file);
    const from = partOf(where);
    for (const spec of importsOf(file, readText ? readText(file) : undefined)) {
      if (!spec.startsWith('.')) continue;
      const target = relative(root, join(file, '..', spec));
      const to = partOf(target);
      if (to === 'shared') {
        const inside = target.slice('shared/'.length).replace(/\.(ts|tsx)$/, '');
        if (!CORE_BARRELS.has(inside)) bad.push(`${where} imports ${spec} (a core internal: use shared/index.ts)`);
      } else if (to !== from && (FRONT_ENDS as readonly string[]).includes(to) && (FRONT_ENDS as readonly string[]).includes(from)) {
        bad.push(`${where} imports ${spec} (another front end)`);
      } else if (to === 'demo' && (from === 'cli' || from === 'scripts') && !DEMO_COMMANDS.has(where)) {
        bad.push(`${where} imports ${spec} (demo data outside the demo commands)`);
      }
    }
  }
  return bad;
}

describe("the core's public surface", () => {
  const files = CORE_USERS.flatMap((part) => sourceFiles(join(root, part)));

  it("finds the front ends' sources", () => {
    for (const part of CORE_USERS)
      expect(
        files.some((f) => relative(root, f).startsWith(`${part}/`)),
        part,
      ).toBe(true);
  });

  it('front ends import the core only through its barrels, never each other, and demo/ only from the demo commands', () => {
    expect(surfaceViolations(files)).toEqual([]);
  });

  it('would catch a deep import, a front end importing another, and demo data in a command', () => {
    const text = [
      "import { runChecks } from '../../shared/checks/rules';",
      "import { checkWorkbook } from '../../shared/index';",
      "import { syncOutbox } from '../../shared/sync';",
      "import { parseSnapshot } from '../../sheets-addon/server/read';",
      "import { demoSchool } from '../../demo/school';",
      "export const x = () => import('../../shared/csv');",
    ].join('\n');
    const probe = join(root, 'cli', 'commands', 'probe.ts');
    expect(surfaceViolations([probe], () => text)).toEqual([
      'cli/commands/probe.ts imports ../../shared/checks/rules (a core internal: use shared/index.ts)',
      'cli/commands/probe.ts imports ../../sheets-addon/server/read (another front end)',
      'cli/commands/probe.ts imports ../../demo/school (demo data outside the demo commands)',
      'cli/commands/probe.ts imports ../../shared/csv (a core internal: use shared/index.ts)',
    ]);
    expect(surfaceViolations([join(root, 'cli', 'commands', 'init.ts')], () => "import { demoSchool } from '../../demo/school';")).toEqual(
      [],
    );
  });
});
