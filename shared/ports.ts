// Ports: the small interfaces through which the core reaches the outside world.
// Each front end (extension, add-on, CLI) implements them for its platform; tests implement them for real
// against local components. The core itself never touches a clock, a network or a store directly.
import type { CellValue, Grid, LogEntry } from './model';

/** Time, for code that must know "now" (sync backoff, "who am I with this period"). Checks take `today` instead. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Waiting, so backoff can be tested without real time passing. */
export interface Sleeper {
  sleep(ms: number): Promise<void>;
}

/** The tracker spreadsheet as the sync engine sees it: tabs of cell values. The extension implements it over the
 * Sheets API with fetch (extension/sync/fetch-sheets.ts); tests run it against the local Sheets API server. The CLI
 * reaches a tracker through its own TrackerSource (cli/tracker-source.ts) and the add-on through SpreadsheetApp. */
export interface SheetsPort {
  /** Names of the tabs, in workbook order. */
  listTabs(): Promise<string[]>;
  /** Read whole tabs in one round trip (values.batchGet). Missing tabs are absent from the result. */
  readTabs(tabNames: readonly string[]): Promise<Record<string, Grid>>;
  /** Append rows below the last row of a tab, written RAW (never parsed as formulas). */
  appendRows(tabName: string, rows: readonly (readonly CellValue[])[]): Promise<{ updatedRange: string }>;
  /** Read one A1 range (values.get), e.g. `Log!1:1` or `Log!A:A`, without reading the whole tab. Optional:
   * callers fall back to readTabs. Transports over the Sheets API throw shared/sync's SheetsError on failure. */
  readRange?(range: string): Promise<Grid>;
  /** Read several A1 ranges (whole tabs by quoted name, or parts such as `Log!B2:G`) in one round trip
   * (values.batchGet), in the order asked. Optional: callers fall back to readTabs. */
  readRanges?(ranges: readonly string[]): Promise<Grid[]>;
  /** Delete whole rows of a tab (1-based row numbers, any order), shifting the rows below up, in one atomic
   * request (spreadsheets.batchUpdate deleteDimension). Optional: sync only removes duplicated logs through it. */
  deleteRows?(tabName: string, rows1Based: readonly number[]): Promise<void>;
}

/** An OAuth access token source (chrome.identity, a service account, a test token). */
export interface TokenProvider {
  getToken(options: { interactive: boolean }): Promise<string>;
  /** Forget a token the server rejected, so the next getToken fetches a fresh one. */
  invalidate(token: string): Promise<void>;
}

/** Durable local store of logs and the outbox of those not yet confirmed by the sheet. */
export interface LogStore {
  /** Persist the log and queue it for sync, atomically. Resolves only once durable. */
  add(entry: LogEntry): Promise<void>;
  /** Undo: remove a log that has not left the device yet. Returns false when it was already synced. */
  remove(id: string): Promise<boolean>;
  /** Oldest-first logs still waiting for the sheet to confirm them. */
  pending(limit: number): Promise<LogEntry[]>;
  /** The sheet confirmed these ids: take them out of the outbox (the logs stay in history). */
  markSynced(ids: readonly string[], at: number): Promise<void>;
}
