#!/usr/bin/env node
// The `caseload` command (package.json "bin"). Runs the bundle built by scripts/build-cli.mjs; if it is missing
// (a fresh checkout where `prepare` has not run), builds it first with esbuild, a dev dependency.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundle = join(root, 'dist', 'cli', 'caseload.mjs');

if (!existsSync(bundle)) {
  try {
    const { buildCli } = await import(pathToFileURL(join(root, 'scripts', 'build-cli.mjs')).href);
    await buildCli({ quiet: true });
  } catch (e) {
    process.stderr.write(
      `caseload: the CLI is not built yet (${bundle} is missing) and building it failed: ${e instanceof Error ? e.message : String(e)}\n` +
        'Run "npm ci" (or "npm run build:cli") in the project folder, then try again.\n',
    );
    process.exit(2);
  }
}
await import(pathToFileURL(bundle).href);
