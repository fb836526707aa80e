#!/usr/bin/env node
// Bundle the CLI (cli/index.ts and the shared/ core it uses) into dist/cli/caseload.mjs with esbuild, so
// `npx caseload` runs plain JavaScript on Node 20+ without a TypeScript loader. Packages (exceljs, googleapis)
// stay external and load from node_modules. Runs from `npm run build:cli` and from `prepare` after install.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = join(root, 'dist', 'cli', 'caseload.mjs');
/** The source files the bundle was built from (relative to the project), so cli/bin/caseload.mjs can tell when
 * any of them changed after a pull and rebuild instead of running the old version. */
export const CLI_INPUTS = join(root, 'dist', 'cli', 'inputs.json');

export async function buildCli({ quiet = false } = {}) {
  const result = await build({
    entryPoints: [join(root, 'cli', 'main.ts')],
    outfile: CLI_BUNDLE,
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
  const inputs = Object.keys(result.metafile.inputs).map((p) => relative(root, join(root, p)));
  writeFileSync(CLI_INPUTS, `${JSON.stringify(inputs, null, 1)}\n`);
  return CLI_BUNDLE;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildCli();
}
