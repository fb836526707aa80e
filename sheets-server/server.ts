// A local stand-in for the Google Sheets API v4, over real HTTP on 127.0.0.1, at Google's paths. Tests point
// googleapis (`rootUrl`) or the extension's fetch client at it; the demo runs it standalone (cli.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseRange } from '../shared/index';
import type { Workbook } from '../shared/index';
import { applyBatchUpdate, sheetProperties } from './batch-update';
import { Credentials, type Caller, type ServiceAccountKey, type TokenGrant } from './auth';
import { ApiError, badRequest, internalError, quotaExceeded, rateLimited, unauthenticated, unavailable } from './errors';
import { QuotaMeter, takeFault, type Faults } from './faults';
import { getMetadata, searchMetadata } from './metadata';
import { isWrite, route, type Operation, type Route } from './operations';
import { handleOAuth, type OAuthContext, type OAuthOptions } from './oauth';
import { checkAccess, SharingTable, type ShareOptions } from './sharing';
import { cloneSpreadsheet, spreadsheetFromWorkbook, spreadsheetToWorkbook, type SpreadsheetState } from './state';
import { appendRows, batchUpdateValues, clearRange, inputOption, insertOption, readRange, updateRange } from './values';

export interface SheetsServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Spreadsheets to start with, by spreadsheet id. */
  workbooks?: Record<string, Workbook>;
  /** Spreadsheet ids every caller may read but not write (403 on writes). */
  readOnly?: string[];
  /** Owner, editors and viewers per spreadsheet id (see sharing.ts). A spreadsheet without is open to all callers. */
  sharing?: Record<string, ShareOptions>;
  /** The local OAuth authorisation endpoint's signed-in test users (see oauth.ts); off when omitted. */
  oauth?: OAuthOptions;
  /** Access tokens the server accepts; `['test-token']` when omitted. */
  tokens?: (string | TokenGrant)[];
  /** Service accounts whose self-signed JWTs the server accepts. */
  serviceAccounts?: ServiceAccountKey[];
  /** Accept any bearer token (standalone demo). */
  acceptAnyToken?: boolean;
  faults?: Faults;
  /** The server's clock, for token expiry and per-minute quotas. */
  now?: () => number;
}

export interface AddSpreadsheetOptions extends ShareOptions {
  title?: string;
  readOnly?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Path as sent, still percent-encoded. */
  path: string;
  query: Record<string, string[]>;
  body: unknown;
  operation?: Operation;
  spreadsheetId?: string;
  /** HTTP status sent; absent when the connection was dropped instead. */
  status?: number;
  dropped?: 'before' | 'after-write';
  /** The same request again, sent by the client's transport on its own (Faults.duplicateAppend). */
  resent?: true;
  at: number;
}

export interface SheetsServer {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  close(): Promise<void>;
  state: { spreadsheets: Map<string, SpreadsheetState> };
  requests: RecordedRequest[];
  /** Replace the fault configuration (counted faults start again from their counts). */
  setFaults(faults: Faults): void;
  /** The live fault configuration, counts as they stand. */
  readonly faults: Faults;
  credentials: Credentials;
  addSpreadsheet(id: string, wb: Workbook, options?: AddSpreadsheetOptions): void;
  /** Every caller may read; nobody may write (the older, sharing-free switch). */
  setReadOnly(id: string, readOnly: boolean): void;
  /** Owners, editors, viewers and drive.file grants, as the Share dialog and Google Picker change them. */
  sharing: SharingTable;
  /** Tokens the local authorisation endpoint issued. */
  issuedTokens: OAuthContext['issued'];
  /** The spreadsheet's contents as a Workbook (for assertions or saving). */
  workbook(id: string): Workbook;
}

function queryOf(url: URL): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) (out[k] ??= []).push(v);
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// Google's API answers browsers with CORS headers; so does this server, so a page or an extension without host
// permission for 127.0.0.1 can call it too.
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type, x-goog-api-client',
  'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
  'access-control-expose-headers': 'retry-after',
};

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
    ...CORS,
    ...headers,
  });
  res.end(text);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function describeSpreadsheet(s: SpreadsheetState) {
  const sheets = [...s.sheets]
    .sort((a, b) => a.index - b.index)
    .map((sheet) => {
      const meta = s.developerMetadata.filter((m) => m.location.locationType === 'SHEET' && m.location.sheetId === sheet.sheetId);
      return {
        properties: sheetProperties(sheet),
        ...(meta.length ? { developerMetadata: meta } : {}),
        ...(sheet.protectedRanges.length ? { protectedRanges: sheet.protectedRanges } : {}),
        ...(sheet.conditionalFormats.length ? { conditionalFormats: sheet.conditionalFormats } : {}),
        ...(sheet.merges.length ? { merges: sheet.merges.map((a1) => mergeGridRange(sheet.sheetId, a1)) } : {}),
      };
    });
  const top = s.developerMetadata.filter((m) => m.location.locationType === 'SPREADSHEET');
  return {
    spreadsheetId: s.spreadsheetId,
    properties: { title: s.title, locale: 'en_GB', timeZone: 'Europe/London', autoRecalc: 'ON_CHANGE' },
    sheets,
    ...(top.length ? { developerMetadata: top } : {}),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${s.spreadsheetId}/edit`,
  };
}

/** A stored merge (`B2:D2`) as the GridRange Google reports: 0-based, end-exclusive. */
function mergeGridRange(sheetId: number, a1: string) {
  const r = parseRange(a1);
  return {
    sheetId,
    startRowIndex: (r.startRow ?? 1) - 1,
    endRowIndex: r.endRow ?? r.startRow ?? 1,
    startColumnIndex: r.startColumn ?? 0,
    endColumnIndex: (r.endColumn ?? r.startColumn ?? 0) + 1,
  };
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('Invalid JSON payload received.');
  }
}

/** What a request handler needs from the running server. */
interface ServerContext {
  now: () => number;
  spreadsheets: Map<string, SpreadsheetState>;
  requests: RecordedRequest[];
  credentials: Credentials;
  sharing: SharingTable;
  quota: QuotaMeter;
  faults(): Faults;
  oauth: OAuthContext;
}

const OPTIONS_OF = (q: (k: string) => string | undefined) => ({
  valueRenderOption: q('valueRenderOption'),
  dateTimeRenderOption: q('dateTimeRenderOption'),
  majorDimension: q('majorDimension'),
});

/** Run one operation. Multi-part writes run on a copy that replaces the original only when all of it worked. */
function execute(
  spreadsheets: Map<string, SpreadsheetState>,
  r: Route,
  s: SpreadsheetState,
  query: Record<string, string[]>,
  body: unknown,
): unknown {
  const q = (k: string) => query[k]?.[0];
  const b = (body ?? {}) as Record<string, unknown>;
  switch (r.operation) {
    case 'spreadsheets.get':
      return describeSpreadsheet(s);
    case 'values.get':
      return readRange(s, r.range!, OPTIONS_OF(q));
    case 'values.batchGet':
      return { spreadsheetId: s.spreadsheetId, valueRanges: (query['ranges'] ?? []).map((range) => readRange(s, range, OPTIONS_OF(q))) };
    case 'values.append':
      return appendRows(s, r.range!, b, inputOption(q('valueInputOption')), insertOption(q('insertDataOption')));
    case 'values.update':
      return updateRange(s, r.range!, b, inputOption(q('valueInputOption')));
    case 'values.clear':
      return clearRange(s, r.range!);
    case 'values.batchUpdate': {
      const copy = cloneSpreadsheet(s);
      const out = batchUpdateValues(copy, b);
      spreadsheets.set(s.spreadsheetId, copy);
      return out;
    }
    case 'spreadsheets.batchUpdate': {
      const copy = cloneSpreadsheet(s);
      const replies = applyBatchUpdate(copy, b);
      spreadsheets.set(s.spreadsheetId, copy);
      return {
        spreadsheetId: s.spreadsheetId,
        replies,
        ...(b['includeSpreadsheetInResponse'] ? { updatedSpreadsheet: describeSpreadsheet(copy) } : {}),
      };
    }
    case 'developerMetadata.search':
      return searchMetadata(s, b);
    case 'developerMetadata.get':
      return getMetadata(s, r.metadataId!);
  }
}

/** Authentication, injected faults, quota, then Google's access rules; returns the caller and the spreadsheet. */
function admit(ctx: ServerContext, r: Route, authorization: string | undefined): { caller: Caller; spreadsheet: SpreadsheetState } {
  const faults = ctx.faults();
  const caller = ctx.credentials.callerFor(authorization, ctx.now());
  if (!caller || takeFault(faults, 'unauthorised', r.operation)) throw unauthenticated();
  if (takeFault(faults, 'tooManyRequests', r.operation)) throw rateLimited(faults.tooManyRequests?.retryAfterSeconds ?? 1);
  if (takeFault(faults, 'serverError', r.operation)) throw faults.serverError?.status === 503 ? unavailable() : internalError();
  const write = isWrite(r.operation);
  const limit = write ? faults.quota?.writesPerMinutePerUser : faults.quota?.readsPerMinutePerUser;
  if (ctx.quota.over(caller.user, write ? 'write' : 'read', limit, ctx.now())) throw quotaExceeded(write ? 'Write' : 'Read');
  const spreadsheet = ctx.spreadsheets.get(r.spreadsheetId);
  checkAccess(caller, spreadsheet, write, ctx.sharing);
  return { caller, spreadsheet: spreadsheet! };
}

/** Faults that act after the write was applied: the transport's own re-send, or a connection dropped. Returns
 * true when the response has been dealt with. */
function afterWriteFaults(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  record: RecordedRequest,
  r: Route,
  s: SpreadsheetState,
  result: unknown,
): boolean {
  const faults = ctx.faults();
  if (r.operation === 'values.append' && takeFault(faults, 'duplicateAppend', r.operation)) {
    // The transport's own re-send (see Faults.duplicateAppend): the first request was applied and its
    // connection lost; the copy lands too, after whatever another client appended in between.
    record.dropped = 'after-write';
    const between = faults.duplicateAppend?.between;
    if (between?.length) appendRows(s, r.range!, { values: between }, 'RAW', 'INSERT_ROWS');
    const resent: RecordedRequest = { ...record, at: ctx.now(), resent: true };
    delete resent.dropped;
    ctx.requests.push(resent);
    const again = execute(ctx.spreadsheets, r, s, record.query, record.body);
    resent.status = 200;
    send(res, 200, again);
    return true;
  }
  if (isWrite(r.operation) && takeFault(faults, 'dropAfterWrite', r.operation)) {
    record.dropped = 'after-write';
    if (!faults.dropAfterWrite?.midResponse) {
      req.socket.destroy();
      return true;
    }
    const text = JSON.stringify(result);
    res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text), ...CORS });
    res.write(text.slice(0, Math.floor(text.length / 2)), () => req.socket.destroy());
    return true;
  }
  return false;
}

async function handle(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { ...CORS, 'access-control-max-age': '600' });
    res.end();
    return;
  }
  if (handleOAuth(req, res, ctx.oauth)) return;
  const rawPath = (req.url ?? '/').split('?')[0]!;
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const text = await readBody(req);
  const record: RecordedRequest = { method: req.method ?? 'GET', path: rawPath, query: queryOf(url), body: undefined, at: ctx.now() };
  ctx.requests.push(record);
  const reply = (status: number, body: unknown, headers?: Record<string, string>) => {
    record.status = status;
    send(res, status, body, headers);
  };
  try {
    const faults = ctx.faults();
    if (faults.latencyMs) await sleep(faults.latencyMs);
    record.body = parseJson(text);
    const r = route(record.method, rawPath);
    if (!r) throw new ApiError(404, 'NOT_FOUND', `Method not found: ${record.method} ${rawPath}`);
    record.operation = r.operation;
    record.spreadsheetId = r.spreadsheetId;
    if (takeFault(faults, 'dropBeforeHandling', r.operation)) {
      record.dropped = 'before';
      req.socket.destroy();
      return;
    }
    const { spreadsheet } = admit(ctx, r, req.headers.authorization);
    const result = execute(ctx.spreadsheets, r, spreadsheet, record.query, record.body);
    if (afterWriteFaults(ctx, req, res, record, r, spreadsheet, result)) return;
    reply(200, result);
  } catch (e) {
    if (e instanceof ApiError) return reply(e.code, e.body(), e.headers);
    console.error('[sheets-server] unexpected error', e);
    const err = internalError();
    reply(err.code, err.body());
  }
}

function listen(ctx: ServerContext, port: number): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    void handle(ctx, req, res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port }));
  });
}

export async function startSheetsServer(options: SheetsServerOptions = {}): Promise<SheetsServer> {
  let faults: Faults = structuredClone(options.faults ?? {});
  const credentials = new Credentials(options.tokens ?? ['test-token'], options.serviceAccounts ?? [], options.acceptAnyToken ?? false);
  const now = options.now ?? Date.now;
  const ctx: ServerContext = {
    now,
    spreadsheets: new Map(),
    requests: [],
    credentials,
    sharing: new SharingTable(),
    quota: new QuotaMeter(),
    faults: () => faults,
    oauth: { credentials, now, options: options.oauth, issued: [] },
  };
  const addSpreadsheet = (id: string, wb: Workbook, o: AddSpreadsheetOptions = {}) => {
    ctx.spreadsheets.set(id, spreadsheetFromWorkbook(id, wb, o));
    ctx.sharing.set(id, o);
  };
  for (const [id, wb] of Object.entries(options.workbooks ?? {})) {
    addSpreadsheet(id, wb, { readOnly: options.readOnly?.includes(id) ?? false, ...(options.sharing?.[id] ?? {}) });
  }
  const { server, port } = await listen(ctx, options.port ?? 0);
  const existing = (id: string) => {
    const s = ctx.spreadsheets.get(id);
    if (!s) throw new Error(`No spreadsheet ${id}`);
    return s;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    state: { spreadsheets: ctx.spreadsheets },
    requests: ctx.requests,
    setFaults(f) {
      faults = structuredClone(f);
    },
    get faults() {
      return faults;
    },
    credentials,
    sharing: ctx.sharing,
    issuedTokens: ctx.oauth.issued,
    addSpreadsheet,
    setReadOnly(id, readOnly) {
      existing(id).readOnly = readOnly;
    },
    workbook: (id) => spreadsheetToWorkbook(existing(id)),
  };
}
