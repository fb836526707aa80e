// Types for demo-server.mjs, so the TypeScript e2e tests can use it.
import type { BrowserContext, Worker } from 'playwright-core';

export interface DemoRoute {
  site: 'arbor' | 'bromcom' | 'sims' | 'scholarpack' | 'gibbon' | 'generic' | 'register' | 'hostile' | 'unadapted';
  host: string;
  path: string;
  example: string;
}
export interface DemoServer {
  port: number;
  routes: readonly DemoRoute[];
  hosts: string[];
  presetHosts: string[];
  close(): Promise<void>;
}
export const root: string;
export const UNGRANTED_HOST: string;
export const START_HOST: string;
export const CHROMIUM: string;
export const QUIET_CHROMIUM_ARGS: readonly string[];
export function importTs(source: string, name: string): Promise<Record<string, unknown>>;
export function startDemoServer(opts?: { port?: number }): Promise<DemoServer>;
export function demoBrowserArgs(port: number, hosts: readonly string[]): string[];
export function writeDemoTracker(path: string): Promise<{ me: string; pupils: number; targets: number; staff: number; rota: number }>;
export function launchWithExtension(opts: {
  extensionDir: string;
  userDataDir: string;
  port: number;
  hosts: readonly string[];
  headless?: boolean;
  handleSIGINT?: boolean;
}): Promise<{ context: BrowserContext; worker: Worker; extensionId: string }>;
export function importThroughOptions(context: BrowserContext, extensionId: string, xlsxPath: string, me?: string): Promise<string>;
