#!/usr/bin/env node
// Bundle the CLI (cli/index.ts and the shared/ core it uses) into dist/cli/caseload.mjs with esbuild, so
// `npx caseload` runs plain JavaScript on Node 20+ without a TypeScript loader. Packages (exceljs, googleapis)
// stay external and load from node_modules. Runs from `npm run build:cli` and from `prepare` after install.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = join(root, 'dist', 'cli', 'caseload.mjs');

export async function buildCli({ quiet = false } = {}) {
  await build({
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
  });
  return CLI_BUNDLE;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildCli();
}
