// Build the add-on the way `npm run build:addon` does, and run the built Code.js in a Node vm context that has
// only the Apps Script globals from the fake — no require, no module, no process — as Apps Script would.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import type { Workbook } from '../../shared/workbook';
import { FakeAppsScript, type FakeOptions } from './fake-apps-script/index';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface Built {
  dir: string;
  code: string;
  files: Record<string, string>;
}

/** Build into a fresh temporary folder (so test files running side by side never share output). */
export function buildAddon(): Built {
  const dir = mkdtempSync(join(tmpdir(), 'caseload-addon-'));
  execFileSync(process.execPath, [join(ROOT, 'sheets-addon/build.mjs'), '--out', dir], { cwd: ROOT, stdio: 'pipe' });
  return {
    dir,
    code: readFileSync(join(dir, 'Code.js'), 'utf8'),
    files: {
      Sidebar: readFileSync(join(dir, 'Sidebar.html'), 'utf8'),
      Cover: readFileSync(join(dir, 'Cover.html'), 'utf8'),
      Statement: readFileSync(join(dir, 'Statement.html'), 'utf8'),
    },
  };
}

export type Handler = (...args: unknown[]) => unknown;

export interface Running {
  fake: FakeAppsScript;
  context: vm.Context;
  /** Call a top-level function of the bundle by name, as Apps Script does. */
  run<T = unknown>(name: string, ...args: unknown[]): T;
}

/** Load the bundle into a fresh context over a fake spreadsheet. `today` pins `new Date()` inside the bundle. */
export function loadAddon(built: Built, workbook: Workbook, opts: Omit<FakeOptions, 'workbook' | 'files'> & { now?: Date } = {}): Running {
  const { now, ...rest } = opts;
  const fake = new FakeAppsScript({ ...rest, workbook, files: built.files });
  const context = vm.createContext({ ...fake.globals(), console });
  const RealDate = vm.runInContext('Date', context) as DateConstructor;
  fake.useDateConstructor(RealDate);
  if (now) {
    // Pin the clock inside the bundle only: `new Date()` and Date.now() give `now`; Dates with arguments are real.
    vm.runInContext(
      `(function (fixed) {
        const D = Date;
        function PinnedDate(...a) { if (!new.target) return D(); return a.length ? new D(...a) : new D(fixed); }
        PinnedDate.prototype = D.prototype;
        PinnedDate.now = () => fixed; PinnedDate.UTC = D.UTC; PinnedDate.parse = D.parse;
        globalThis.Date = PinnedDate;
      })(${now.getTime()});`,
      context,
    );
  }
  vm.runInContext(built.code, context, { filename: 'Code.js' });
  return {
    fake,
    context,
    run<T>(name: string, ...args: unknown[]): T {
      const fn = (context as Record<string, unknown>)[name];
      if (typeof fn !== 'function') throw new Error(`The bundle has no top-level function ${name}`);
      return (fn as Handler)(...args) as T;
    },
  };
}

/** What google.script.run would hand the sidebar: JSON only (Dates and functions do not survive). */
export function overTheWire<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
