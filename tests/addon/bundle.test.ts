// The built bundle as Apps Script sees it: top-level handlers, a manifest with minimal scopes, a menu that
// needs no authorisation, and sidebars that are single self-contained HTML files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAddon, loadAddon, ROOT, type Built } from './harness';
import { loadTsconfig, typeErrors } from '../support/typecheck';

let built: Built;
beforeAll(() => {
  built = buildAddon();
}, 60_000);

const HANDLERS = [
  'onOpen',
  'onInstall',
  'onEdit',
  'setUpTracker',
  'showCheckSidebar',
  'checkTracker',
  'selectCell',
  'buildDashboard',
  'showCoverPlanner',
  'planCoverFor',
  'applyCover',
  'coverStartDate',
  'openCoverPlannerFromCheck',
  'importGridRota',
  'importPupilList',
  'showHelp',
];

describe('the built bundle', () => {
  it('declares every handler as a top-level function, and has no module syntax', () => {
    for (const h of HANDLERS) expect(built.code).toMatch(new RegExp(`^function ${h}\\(\\) \\{$`, 'm'));
    expect(built.code).not.toMatch(/\brequire\(|^import |^export /m);
  });

  it('runs with only Apps Script globals (no require, module or process)', () => {
    const r = loadAddon(built, { sheets: [] });
    for (const h of HANDLERS) expect(typeof (r.context as Record<string, unknown>)[h]).toBe('function');
    expect((r.context as Record<string, unknown>).require).toBeUndefined();
    expect((r.context as Record<string, unknown>).process).toBeUndefined();
  });

  it('writes a V8 manifest in Europe/London with only the current-document and container-UI scopes', () => {
    const manifest = JSON.parse(readFileSync(join(built.dir, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toBe('Europe/London');
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
    ]);
  });

  it('inlines each sidebar: no external scripts, styles or fonts', () => {
    for (const [name, html] of Object.entries(built.files)) {
      expect(html, name).toMatch(/<script>[\s\S]+<\/script>/);
      expect(html, name).toMatch(/<style>[\s\S]+<\/style>/);
      expect(html, name).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|https?:\/\/(?!www\.w3\.org)/);
    }
  });
});

describe('the add-on menu', () => {
  it('builds in AuthMode.NONE without touching the spreadsheet', () => {
    const r = loadAddon(built, { sheets: [{ name: 'Sheet1', values: [['x']] }] }, { authMode: 'NONE' });
    r.run('onOpen', { authMode: 'NONE' });
    expect(r.fake.addonMenus).toHaveLength(1);
    const items = r.fake.addonMenus[0]!.filter((i) => i !== 'separator') as { caption: string; functionName: string }[];
    expect(items.map((i) => i.caption)).toEqual([
      'Set up tracker',
      'Check tracker',
      'Progress dashboard',
      'Plan cover',
      'Provision statement',
      'Import grid rota',
      'Import pupil list',
      'Invite LSAs',
      'Help',
    ]);
    // Every item names a real top-level function of the bundle.
    for (const i of items) expect(typeof (r.context as Record<string, unknown>)[i.functionName]).toBe('function');
    expect(r.fake.rec.calls.map((c) => c.name).filter((n) => !/^(SpreadsheetApp\.getUi|Ui\.|Menu\.)/.test(n))).toEqual([]);
  });

  it('the fake really forbids spreadsheet access in AuthMode.NONE (so the test above means something)', () => {
    const r = loadAddon(built, { sheets: [{ name: 'Sheet1', values: [['x']] }] }, { authMode: 'NONE' });
    expect(() => r.run('checkTracker')).toThrow(/You do not have permission to call SpreadsheetApp.getActiveSpreadsheet/);
  });

  it('onInstall shows the same menu', () => {
    const r = loadAddon(built, { sheets: [] }, { authMode: 'FULL' });
    r.run('onInstall', { authMode: 'FULL' });
    expect(r.fake.addonMenus).toHaveLength(1);
  });
});

describe('type boundaries', () => {
  it('server code type-checks with no DOM and the sidebar with DOM', () => {
    for (const config of ['sheets-addon/tsconfig.server.json', 'sheets-addon/tsconfig.sidebar.json']) {
      const path = join(ROOT, config);
      if (config.includes('server')) expect(loadTsconfig(path).options.lib?.some((l) => /dom/i.test(l))).toBe(false);
      expect(typeErrors(path), config).toEqual([]);
    }
  }, 90_000);
});
