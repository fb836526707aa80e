#!/usr/bin/env node
// npm's `prepare` hook (runs after npm install / npm ci): generate WXT's types and build the CLI bundle
// so `npx caseload` works straight after install.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (cmd) => execSync(cmd, { stdio: 'inherit' });
// WXT refuses to prepare a project without entry points; `wxt build` prepares by itself anyway.
if (existsSync('wxt.config.ts') && existsSync('extension/entrypoints')) run('wxt prepare');
if (existsSync('scripts/build-cli.mjs')) run('node scripts/build-cli.mjs');
