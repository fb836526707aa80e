#!/usr/bin/env node
// The `caseload` command (package.json "bin"). Runs the bundle built by scripts/build-cli.mjs, building it first
// when it is missing (a fresh checkout where `prepare` has not run) or stale: when any source it was built from
// (listed in dist/cli/inputs.json) is newer than the bundle or gone, as after a `git pull`. Checking is one stat
// per input file, a few milliseconds; esbuild (a dev dependency) is loaded only when a build is needed.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundle = join(root, 'dist', 'cli', 'caseload.mjs');
const inputsFile = join(root, 'dist', 'cli', 'inputs.json');

/** Why the bundle must be (re)built, or undefined when it is up to date. */
function staleReason() {
  if (!existsSync(bundle)) return 'missing';
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
  } catch {
    return 'no record of its sources';
  }
  const builtAt = statSync(bundle).mtimeMs;
  for (const rel of inputs) {
    if (rel.includes('node_modules')) continue;
    const p = join(root, rel);
    if (!existsSync(p)) return `${rel} is gone`;
    if (statSync(p).mtimeMs > builtAt) return `${rel} changed`;
  }
  return undefined;
}

const reason = staleReason();
if (reason) {
  try {
    const { buildCli } = await import(pathToFileURL(join(root, 'scripts', 'build-cli.mjs')).href);
    await buildCli({ quiet: true });
  } catch (e) {
    const why = reason === 'missing' ? `${bundle} is missing` : `it is out of date (${reason})`;
    process.stderr.write(
      `caseload: the CLI needs building (${why}) and building it failed: ${e instanceof Error ? e.message : String(e)}\n` +
        'Run "npm ci" (or "npm run build:cli") in the project folder, then try again.\n',
    );
    process.exit(2);
  }
}
await import(pathToFileURL(bundle).href);
