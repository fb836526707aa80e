#!/usr/bin/env node
// Bundle the CLI (cli/index.ts and the shared/ core it uses) into dist/cli/caseload.mjs with esbuild, so
// `npx caseload` runs plain JavaScript on Node 20+ without a TypeScript loader. Packages (exceljs, googleapis)
// stay external and load from node_modules. Runs from `npm run build:cli` and from `prepare` after install.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = join(root, 'dist', 'cli', 'caseload.mjs');
/** The source files the bundle was built from (relative to the project), so cli/bin/caseload.mjs can tell when
 * any of them changed after a pull and rebuild instead of running the old version. */
export const CLI_INPUTS = join(root, 'dist', 'cli', 'inputs.json');

export async function buildCli({ quiet = false } = {}) {
  // Built in a private folder and renamed into place, so a second `caseload` started meanwhile (or one already
  // running) never loads a half-written bundle.
  mkdirSync(dirname(CLI_BUNDLE), { recursive: true });
  const staging = mkdtempSync(join(dirname(CLI_BUNDLE), '.build-'));
  const staged = join(staging, 'caseload.mjs');
  const result = await build({
    entryPoints: [join(root, 'cli', 'main.ts')],
    outfile: staged,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: quiet ? 'error' : 'info',
    legalComments: 'none',
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs).map((p) => relative(root, join(process.cwd(), p)));
  writeFileSync(join(staging, 'inputs.json'), `${JSON.stringify(inputs, null, 1)}\n`);
  renameSync(`${staged}.map`, `${CLI_BUNDLE}.map`);
  renameSync(join(staging, 'inputs.json'), CLI_INPUTS);
  renameSync(staged, CLI_BUNDLE);
  rmSync(staging, { recursive: true, force: true });
  return CLI_BUNDLE;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildCli();
}
