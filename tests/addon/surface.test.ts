// The add-on's public surface: every top-level function of the built Code.js is one the menu, a trigger or a
// sidebar needs (Apps Script lets google.script.run call any top-level function whose name does not end in `_`:
// https://developers.google.com/apps-script/guides/html/reference/run), and each answers crafted arguments in
// plain English, never with a raw TypeError or "undefined".
import vm from 'node:vm';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MENU_ITEMS } from '../../sheets-addon/server/menu';
import { demoSchool } from '../../demo/school';
import { buildAddon, loadAddon, ROOT, type Built } from './harness';
import { trackerWorkbook } from './workbooks';

let built: Built;
beforeAll(() => {
  built = buildAddon();
}, 120_000);

const TRIGGERS = ['onInstall', 'onOpen', 'onEdit'];

/** Names Apps Script would publish: the top-level function declarations of Code.js (build.mjs writes one per
 * export of server/index.ts), checked against what a fresh vm context actually holds after loading it. */
function topLevelFunctions(code: string): string[] {
  const declared = [...code.matchAll(/^function ([A-Za-z0-9_$]+)\(/gm)].map((m) => m[1]!);
  const ctx = vm.createContext({});
  vm.runInContext(code.replace(/^var __caseload[\s\S]*?^}\)\(\);$/m, ''), ctx);
  return declared.filter((n) => typeof (ctx as Record<string, unknown>)[n] === 'function');
}

function sidebarCalls(): string[] {
  const dir = join(ROOT, 'sheets-addon', 'sidebar');
  const names = new Set<string>();
  for (const f of readdirSync(dir)) for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/call\('([A-Za-z]+)'/g)) names.add(m[1]!);
  return [...names];
}

describe('the add-on surface', () => {
  it('exposes only what the menu, the triggers and the sidebars call', () => {
    const exposed = topLevelFunctions(built.code).filter((n) => !n.endsWith('_'));
    const needed = new Set([...TRIGGERS, ...MENU_ITEMS.map((m) => m.handler), ...sidebarCalls()]);
    expect(exposed.sort()).toEqual([...needed].sort());
  });

  it('answers crafted calls in plain English', () => {
    const addon = loadAddon(built, trackerWorkbook(demoSchool({ today: '2026-11-23' })), { now: new Date('2026-11-23T10:00:00Z') });
    const message = (f: () => unknown): string => {
      try {
        f();
        return '';
      } catch (e) {
        return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      }
    };
    for (const bad of [null, undefined, 42, {}, '']) {
      const said = message(() => addon.run('selectCell', bad));
      expect(said).toContain('Choose a finding');
      expect(said).not.toMatch(/TypeError|undefined|null/);
    }
    for (const bad of [null, undefined, {}, { range: {} }, 'x']) expect(message(() => addon.run('onEdit', bad))).toBe('');
    expect(addon.run<{ note?: string }>('planCoverFor', null).note).toBe('Choose a date to plan cover for.');
    const crafted = addon.run<{ summary: string }>('applyCover', '2026-11-23', [{}, { id: 1 }, null]);
    expect(crafted.summary).not.toMatch(/undefined|null|NaN/);
    expect(crafted.summary).toContain('3 ticked proposals were not understood');
    expect(addon.run<{ summary: string }>('applyCover', null, null).summary).toBe('No cover was recorded: choose a date first.');
  });
});
