// What the real-Chromium sync tests share: the demo tracker written as an .xlsx and loaded into the local Sheets
// server under one spreadsheet id, Chromium with the built extension, and ways to read the Sheet's Log tab and the
// extension's service worker. Each test file starts one world in beforeAll and closes it in afterAll.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { writeDemoTracker } from '../../../scripts/demo-server.mjs';
import {
  loadXlsxInto,
  type AddSpreadsheetOptions,
  type SheetsServer,
  type SheetsServerOptions,
  startSheetsServer,
} from '../../../sheets-server';
import { type DemoBrowser, startDemoBrowser } from './demo-browser';

export interface SheetsWorld {
  server: SheetsServer;
  demo: DemoBrowser;
  /** The tracker's spreadsheet id on the server. */
  sheet: string;
  /** A scratch folder (holding tracker.xlsx), removed on close. */
  scratch: string;
  /** How many rows of each kind the demo tracker holds. */
  school: Awaited<ReturnType<typeof writeDemoTracker>>;
  /** The extension's service worker as it is now (a stopped worker comes back as a new one). */
  worker(): Worker;
  /** The Log tab as header → value records. */
  logRows(): Record<string, unknown>[];
  /** The Log ID of every row of the Log tab, in order. */
  logIds(): string[];
  /** Fill the Options page's connection form for this Sheet and token (the caller saves and checks the answer). */
  fillConnection(options: Page, token: string, link?: string): Promise<void>;
  close(): Promise<void>;
}

export interface SheetsWorldOptions {
  /** Names the scratch folder, e.g. `sync`. */
  name: string;
  sheet: string;
  server: SheetsServerOptions;
  /** Sharing of the tracker on the server (open to every caller when left out). */
  sharing?: AddSpreadsheetOptions;
}

export async function startSheetsWorld(opts: SheetsWorldOptions): Promise<SheetsWorld> {
  const scratch = mkdtempSync(join(tmpdir(), `caseload-${opts.name}-e2e-`));
  let server: SheetsServer | undefined;
  let demo: DemoBrowser | undefined;
  const close = async () => {
    await demo?.close();
    await server?.close();
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    const xlsx = join(scratch, 'tracker.xlsx');
    const school = await writeDemoTracker(xlsx);
    server = await startSheetsServer(opts.server);
    await loadXlsxInto(server, opts.sheet, xlsx, opts.sharing);
    demo = await startDemoBrowser();
    return world({ server, demo, sheet: opts.sheet, scratch, school, close });
  } catch (e) {
    await close();
    throw e;
  }
}

type Started = Pick<SheetsWorld, 'server' | 'demo' | 'sheet' | 'scratch' | 'school' | 'close'>;

function world(started: Started): SheetsWorld {
  const { server, demo, sheet } = started;
  const logValues = () => server.workbook(sheet).sheets.find((s) => s.name === 'Log')?.values ?? [];
  return {
    ...started,
    worker: () => {
      const w = demo.context
        .serviceWorkers()
        .filter((x) => x.url().startsWith(`chrome-extension://${demo.extensionId}/`))
        .at(-1);
      if (!w) throw new Error('The service worker is not running');
      return w;
    },
    logRows: () => {
      const [header = [], ...rows] = logValues();
      const names = header.map((h) => String(h ?? ''));
      return rows.map((r) => Object.fromEntries(names.map((h, i) => [h, r[i] ?? null])));
    },
    logIds: () => {
      const [header = [], ...rows] = logValues();
      const col = header.findIndex((h) => String(h).trim().toLowerCase() === 'log id');
      return rows.map((r) => String(r[col] ?? ''));
    },
    fillConnection: async (options, token, link = `https://docs.google.com/spreadsheets/d/${sheet}/edit`) => {
      await options.fill('#sheet-link', link);
      await options.fill('#api-root', `${server.url}/`);
      await options.fill('#api-token', token);
    },
  };
}

/** Poll `fn` until it gives something truthy; fail naming `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, fn: () => T | Promise<T>, timeoutMs = 20_000, everyMs = 50): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
