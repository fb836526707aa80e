// The dependency rule, enforced: the domain core in shared/ imports nothing from a front end, a platform
// package or Node, and it type-checks with no DOM, chrome or Apps Script types.
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
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

function importsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
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
        if (!target.startsWith(core + '/') && target !== core) bad.push(`${where} imports ${spec} (outside shared/)`);
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
    const text = "import { x } from '../../extension/store';\nimport { y } from '../model';\nimport 'wxt/browser';\nexport const z = () => import('node:fs');\n";
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
