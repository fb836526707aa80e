// The Sheets API v4 over fetch: the extension's SheetsPort. Nothing Node-only, so it runs in an MV3 service
// worker (and in Node 22 for tests). Failures become SheetsErrors the sync engine understands; in particular a
// request that may have reached Google (dropped connection, timeout) is told apart from one that surely did not
// (offline, no token).
import type { CellValue, Grid } from '../../shared/index';
import type { SheetsPort, TokenProvider } from '../../shared/index';
import { quoteSheetName } from '../../shared/index';
import { parseRetryAfter, SheetsError, sheetsErrorFromResponse } from '../../shared/sync';

export const GOOGLE_SHEETS_ROOT = 'https://sheets.googleapis.com/';

export interface FetchSheetsOptions {
  spreadsheetId: string;
  /** API root; the demo and tests point it at the local server. */
  apiRoot?: string;
  tokens: TokenProvider;
  fetch?: typeof fetch;
  /** Give up on one request after this long (ms). */
  timeoutMs?: number;
  /** `navigator.onLine` where there is one. */
  isOnline?: () => boolean;
  now?: () => number;
}

/** Numbers as numbers and dates as text (dd/mm/yyyy in an en-GB sheet): what the core's cell readers expect. */
const READ_OPTIONS = 'valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=FORMATTED_STRING';

function toApiValue(v: CellValue): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  return v;
}

export class FetchSheets implements SheetsPort {
  private readonly root: string;
  private readonly fetchFn: typeof fetch;
  /** Requests made, for measurements and the popup's diagnostics. */
  requestCount = 0;
  /** The last request's refusal by Google (cleared by a success): lets the caller explain a stop precisely,
   * e.g. whose share is missing, where the sync engine only knows "403". */
  lastRefusal: SheetsError | undefined;

  constructor(private readonly o: FetchSheetsOptions) {
    const root = o.apiRoot ?? GOOGLE_SHEETS_ROOT;
    this.root = root.endsWith('/') ? root : `${root}/`;
    this.fetchFn = o.fetch ?? ((input, init) => fetch(input, init));
  }

  private url(path: string, query = ''): string {
    return `${this.root}v4/spreadsheets/${encodeURIComponent(this.o.spreadsheetId)}${path}${query ? `?${query}` : ''}`;
  }

  private async token(): Promise<string> {
    try {
      return await this.o.tokens.getToken({ interactive: false });
    } catch (e) {
      throw new SheetsError({ kind: 'signed-out' }, `No Google access token: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async request<T>(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<T> {
    const online = this.o.isOnline?.() ?? true;
    if (!online) throw new SheetsError({ kind: 'offline' }, 'The device is offline');
    const token = await this.token();
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const init: RequestInit = { method, headers, signal: AbortSignal.timeout(this.o.timeoutMs ?? 30_000) };
    if (body !== undefined) init.body = JSON.stringify(body);
    this.requestCount += 1;
    let res: Response;
    try {
      res = await this.fetchFn(url, init);
    } catch (e) {
      const name = (e as { name?: string } | undefined)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new SheetsError({ kind: 'timeout' }, 'Google did not answer in time');
      if (this.o.isOnline && !this.o.isOnline()) throw new SheetsError({ kind: 'offline' }, 'The device went offline');
      throw new SheetsError({ kind: 'network' }, `The connection to Google failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      // A connection cut mid-body is as ambiguous as one cut before the headers.
      if (res.ok) throw new SheetsError({ kind: 'network' }, 'The answer from Google was cut off');
      json = undefined;
    }
    if (!res.ok) {
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), (this.o.now ?? Date.now)());
      // Every POST this client makes changes the sheet (append, batchUpdate); reads are GETs.
      const error = sheetsErrorFromResponse(res.status, json, {
        token,
        write: method === 'POST',
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      });
      this.lastRefusal = error;
      throw error;
    }
    this.lastRefusal = undefined;
    return json as T;
  }

  async listTabs(): Promise<string[]> {
    const data = await this.request<{ sheets?: { properties?: { title?: string; index?: number; sheetId?: number } }[] }>(
      'GET',
      this.url('', 'fields=sheets.properties(title%2Cindex%2CsheetId)'),
    );
    const props = (data.sheets ?? []).map((s) => s.properties ?? {});
    return props.sort((a, b) => (a.index ?? 0) - (b.index ?? 0)).map((p) => p.title ?? '');
  }

  async updateRange(range: string, rows: readonly (readonly CellValue[])[]): Promise<void> {
    const url = this.url(`/values/${encodeURIComponent(range)}`, 'valueInputOption=RAW');
    await this.request('PUT', url, { range, majorDimension: 'ROWS', values: rows.map((r) => r.map(toApiValue)) });
  }

  async readTabs(tabNames: readonly string[]): Promise<Record<string, Grid>> {
    if (tabNames.length === 0) return {};
    const batchGet = (names: readonly string[]) => {
      const ranges = names.map((n) => `ranges=${encodeURIComponent(quoteSheetName(n))}`).join('&');
      return this.request<{ valueRanges?: { values?: Grid }[] }>('GET', this.url('/values:batchGet', `${ranges}&${READ_OPTIONS}`));
    };
    let names = [...tabNames];
    let data: Awaited<ReturnType<typeof batchGet>>;
    try {
      data = await batchGet(names);
    } catch (e) {
      // One missing tab fails the whole batchGet: find which exist and ask again for those only.
      if (!(e instanceof SheetsError && e.failure.kind === 'http' && e.failure.status === 400)) throw e;
      const existing = new Set(await this.listTabs());
      names = names.filter((n) => existing.has(n));
      if (names.length === 0) return {};
      data = await batchGet(names);
    }
    const out: Record<string, Grid> = {};
    for (const [i, n] of names.entries()) out[n] = data.valueRanges?.[i]?.values ?? [];
    return out;
  }

  async readRanges(ranges: readonly string[]): Promise<Grid[]> {
    if (ranges.length === 0) return [];
    const query = ranges.map((r) => `ranges=${encodeURIComponent(r)}`).join('&');
    const data = await this.request<{ valueRanges?: { values?: Grid }[] }>('GET', this.url('/values:batchGet', `${query}&${READ_OPTIONS}`));
    return ranges.map((_, i) => data.valueRanges?.[i]?.values ?? []);
  }

  async readRange(range: string): Promise<Grid> {
    const data = await this.request<{ values?: Grid }>('GET', this.url(`/values/${encodeURIComponent(range)}`, READ_OPTIONS));
    return data.values ?? [];
  }

  async appendRows(tabName: string, rows: readonly (readonly CellValue[])[]): Promise<{ updatedRange: string }> {
    const url = this.url(
      `/values/${encodeURIComponent(quoteSheetName(tabName))}:append`,
      'valueInputOption=RAW&insertDataOption=INSERT_ROWS',
    );
    const data = await this.request<{ updates?: { updatedRange?: string } }>('POST', url, {
      majorDimension: 'ROWS',
      values: rows.map((r) => r.map(toApiValue)),
    });
    const updatedRange = data.updates?.updatedRange;
    if (!updatedRange) throw new SheetsError({ kind: 'network' }, 'Google did not say where the rows went');
    return { updatedRange };
  }
}
