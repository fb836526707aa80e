#!/usr/bin/env node
// `npm run build`: every deliverable — the Chrome extension (.output/chrome-mv3), the CLI bundle and the Sheets
// add-on bundle (each by its own build script when present).
//
// Also a library for the demo and the e2e tests: `buildExtension` runs `wxt build` with preset hosts (the
// school's managed-build path) into a folder of its own, and `buildExtensionIfStale` skips the build when no
// source changed since the last one with the same options.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

function run(cmd, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH}`, ...env },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} failed (${code}):\n${out}`))));
  });
}

/**
 * Build the extension. `presetHosts` go into host_permissions (no permission prompt: the managed-build path);
 * `devApi` lets Options point sync at a local Sheets API with a test token (demo and e2e builds only).
 * `openShadow` attaches the overlay's shadow roots `open`, so the e2e tests' selectors can reach inside them; only
 * the shared e2e build sets it (every other build, the demo's included, is `closed`: wxt.config.ts).
 * Returns the folder to load into Chromium.
 */
export async function buildExtension({ outDir = join(root, '.output'), presetHosts = [], devApi = false, openShadow = false } = {}) {
  await run(bin('wxt'), ['build'], {
    CASELOAD_OUT_DIR: outDir,
    CASELOAD_PRESET_HOSTS: presetHosts.join(','),
    CASELOAD_DEV_API: devApi ? '1' : '',
    CASELOAD_TEST_OPEN_SHADOW: openShadow ? '1' : '',
  });
  return join(outDir, 'chrome-mv3');
}

const SOURCES = ['extension', 'shared', 'wxt.config.ts', 'package-lock.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Build only when a source is newer than the last build with the same preset hosts and flags. */
export async function buildExtensionIfStale({ outDir, presetHosts = [], devApi = false, openShadow = false }) {
  const stampFile = join(outDir, 'build-stamp.json');
  const want = presetHosts.join(',') + (devApi ? ' +devApi' : '') + (openShadow ? ' +openShadow' : '');
  const sourcesAt = Math.max(...SOURCES.map((s) => newestMtime(join(root, s))));
  const dir = join(outDir, 'chrome-mv3');
  if (existsSync(stampFile) && existsSync(join(dir, 'manifest.json'))) {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (stamp.presetHosts === want && stamp.builtAt >= sourcesAt) return { dir, built: false };
  }
  const startedAt = Date.now();
  await buildExtension({ outDir, presetHosts, devApi, openShadow });
  writeFileSync(stampFile, JSON.stringify({ presetHosts: want, builtAt: Math.min(startedAt, Date.now()) }));
  return { dir, built: true };
}

async function main() {
  console.log('[build] extension → .output/chrome-mv3');
  await buildExtension();
  if (existsSync(join(root, 'scripts', 'build-cli.mjs'))) {
    console.log('[build] CLI → dist/cli');
    await run(process.execPath, [join(root, 'scripts', 'build-cli.mjs')]);
  }
  if (existsSync(join(root, 'sheets-addon', 'build.mjs'))) {
    console.log('[build] Sheets add-on → dist/addon');
    await run(process.execPath, [join(root, 'sheets-addon', 'build.mjs')]);
  }
  console.log('[build] done');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
