// A local stand-in for the Google Sheets API v4, over real HTTP on 127.0.0.1, at Google's paths. Tests point
// googleapis (`rootUrl`) or the extension's fetch client at it; the demo runs it standalone (cli.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseRange } from '../shared/index';
import type { Workbook } from '../shared/index';
import { applyBatchUpdate, sheetProperties } from './batch-update';
import { Credentials, type ServiceAccountKey, type TokenGrant } from './auth';
import {
  ApiError,
  badRequest,
  internalError,
  notFound,
  permissionDenied,
  quotaExceeded,
  rateLimited,
  unauthenticated,
  unavailable,
} from './errors';
import { QuotaMeter, takeFault, type Faults } from './faults';
import { getMetadata, searchMetadata } from './metadata';
import { isWrite, route, type Operation, type Route } from './operations';
import { cloneSpreadsheet, spreadsheetFromWorkbook, spreadsheetToWorkbook, type SpreadsheetState } from './state';
import { appendRows, batchUpdateValues, clearRange, inputOption, insertOption, readRange, updateRange } from './values';

export interface SheetsServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Spreadsheets to start with, by spreadsheet id. */
  workbooks?: Record<string, Workbook>;
  /** Spreadsheet ids the caller may read but not write (403 on writes). */
  readOnly?: string[];
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
  addSpreadsheet(id: string, wb: Workbook, options?: { title?: string; readOnly?: boolean }): void;
  setReadOnly(id: string, readOnly: boolean): void;
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

export async function startSheetsServer(options: SheetsServerOptions = {}): Promise<SheetsServer> {
  const now = options.now ?? Date.now;
  const spreadsheets = new Map<string, SpreadsheetState>();
  const requests: RecordedRequest[] = [];
  const credentials = new Credentials(options.tokens ?? ['test-token'], options.serviceAccounts ?? [], options.acceptAnyToken ?? false);
  let faults: Faults = structuredClone(options.faults ?? {});
  const quota = new QuotaMeter();

  const addSpreadsheet = (id: string, wb: Workbook, o: { title?: string; readOnly?: boolean } = {}) => {
    spreadsheets.set(id, spreadsheetFromWorkbook(id, wb, o));
  };
  for (const [id, wb] of Object.entries(options.workbooks ?? {}))
    addSpreadsheet(id, wb, { readOnly: options.readOnly?.includes(id) ?? false });

  /** Run one operation. Multi-part writes run on a copy that replaces the original only when all of it worked. */
  function execute(r: Route, s: SpreadsheetState, query: Record<string, string[]>, body: unknown): unknown {
    const q = (k: string) => query[k]?.[0];
    const b = (body ?? {}) as Record<string, unknown>;
    switch (r.operation) {
      case 'spreadsheets.get':
        return describeSpreadsheet(s);
      case 'values.get':
        return readRange(s, r.range!, {
          valueRenderOption: q('valueRenderOption'),
          dateTimeRenderOption: q('dateTimeRenderOption'),
          majorDimension: q('majorDimension'),
        });
      case 'values.batchGet': {
        const opts = {
          valueRenderOption: q('valueRenderOption'),
          dateTimeRenderOption: q('dateTimeRenderOption'),
          majorDimension: q('majorDimension'),
        };
        return { spreadsheetId: s.spreadsheetId, valueRanges: (query['ranges'] ?? []).map((range) => readRange(s, range, opts)) };
      }
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

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...CORS, 'access-control-max-age': '600' });
      res.end();
      return;
    }
    const rawPath = (req.url ?? '/').split('?')[0]!;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const text = await readBody(req);
    const record: RecordedRequest = { method: req.method ?? 'GET', path: rawPath, query: queryOf(url), body: undefined, at: now() };
    requests.push(record);
    const reply = (status: number, body: unknown, headers?: Record<string, string>) => {
      record.status = status;
      send(res, status, body, headers);
    };
    const drop = (when: 'before' | 'after-write') => {
      record.dropped = when;
      req.socket.destroy();
    };
    try {
      if (faults.latencyMs) await sleep(faults.latencyMs);
      record.body = parseJson(text);
      const r = route(record.method, rawPath);
      if (!r) throw new ApiError(404, 'NOT_FOUND', `Method not found: ${record.method} ${rawPath}`);
      record.operation = r.operation;
      record.spreadsheetId = r.spreadsheetId;
      if (takeFault(faults, 'dropBeforeHandling', r.operation)) return drop('before');
      const user = credentials.userFor(req.headers.authorization, now());
      if (!user || takeFault(faults, 'unauthorised', r.operation)) throw unauthenticated();
      if (takeFault(faults, 'tooManyRequests', r.operation)) throw rateLimited(faults.tooManyRequests?.retryAfterSeconds ?? 1);
      if (takeFault(faults, 'serverError', r.operation)) throw faults.serverError?.status === 503 ? unavailable() : internalError();
      const write = isWrite(r.operation);
      const limit = write ? faults.quota?.writesPerMinutePerUser : faults.quota?.readsPerMinutePerUser;
      if (quota.over(user, write ? 'write' : 'read', limit, now())) throw quotaExceeded(write ? 'Write' : 'Read');
      const spreadsheet = spreadsheets.get(r.spreadsheetId);
      if (!spreadsheet) throw notFound();
      if (write && spreadsheet.readOnly) throw permissionDenied();
      let result = execute(r, spreadsheet, record.query, record.body);
      if (r.operation === 'values.append' && takeFault(faults, 'duplicateAppend', r.operation)) {
        // The transport's own re-send (see Faults.duplicateAppend): the first request was applied and its
        // connection lost; the copy lands too, after whatever another client appended in between.
        record.dropped = 'after-write';
        const between = faults.duplicateAppend?.between;
        if (between?.length) appendRows(spreadsheet, r.range!, { values: between }, 'RAW', 'INSERT_ROWS');
        const resent: RecordedRequest = { ...record, at: now(), resent: true };
        delete resent.dropped;
        requests.push(resent);
        result = execute(r, spreadsheet, record.query, record.body);
        resent.status = 200;
        send(res, 200, result);
        return;
      }
      if (write && takeFault(faults, 'dropAfterWrite', r.operation)) {
        if (!faults.dropAfterWrite?.midResponse) return drop('after-write');
        record.dropped = 'after-write';
        const text = JSON.stringify(result);
        res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text), ...CORS });
        res.write(text.slice(0, Math.floor(text.length / 2)), () => req.socket.destroy());
        return;
      }
      reply(200, result);
    } catch (e) {
      if (e instanceof ApiError) return reply(e.code, e.body(), e.headers);
      console.error('[sheets-server] unexpected error', e);
      const err = internalError();
      reply(err.code, err.body());
    }
  }

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    state: { spreadsheets },
    requests,
    setFaults(f) {
      faults = structuredClone(f);
    },
    get faults() {
      return faults;
    },
    credentials,
    addSpreadsheet,
    setReadOnly(id, readOnly) {
      const s = spreadsheets.get(id);
      if (!s) throw new Error(`No spreadsheet ${id}`);
      s.readOnly = readOnly;
    },
    workbook(id) {
      const s = spreadsheets.get(id);
      if (!s) throw new Error(`No spreadsheet ${id}`);
      return spreadsheetToWorkbook(s);
    },
  };
}
