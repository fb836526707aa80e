#!/usr/bin/env node
// INTERIM `npm start` (to be replaced by the real one, which opens Chromium with the extension on demo MIS pages):
// builds the CLI, makes the demo school's tracker in demo-out/demo.xlsx and checks it, so `npm start` shows
// something useful today. Safe to run again: the demo file is regenerated each time (demo-out/ is git-ignored).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'demo-out');
mkdirSync(out, { recursive: true });
execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'inherit' });
const bin = join(root, 'cli', 'bin', 'caseload.mjs');
const run = (...args) => spawnSync(process.execPath, [bin, ...args], { cwd: out, stdio: 'inherit' }).status;
run('init', 'demo.xlsx', '--demo', '--force');
run('check', 'demo.xlsx', '--today', '2026-11-23');
console.log(`\nThe demo tracker is ${join(out, 'demo.xlsx')}: open it in a spreadsheet, or run "npx caseload check ${join('demo-out', 'demo.xlsx')}".`);
