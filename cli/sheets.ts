// A Google Sheet as a TrackerSource, through googleapis. Every command that works on an .xlsx works on a Sheet:
//   caseload check --sheet <id or URL> [--token T | --key-file key.json] [--root-url URL]
// Credentials: an OAuth access token (--token or CASELOAD_TOKEN), or a service account key file (--key-file or
// GOOGLE_APPLICATION_CREDENTIALS) used to sign its own JWT — no token exchange, so nothing but the Sheets API
// is contacted. --root-url (or CASELOAD_SHEETS_ROOT_URL) points googleapis at another API root: the local server.
//
// Reading is two requests whatever the size (spreadsheets.get, then one values.batchGet of every tab). Set-up is
// one atomic spreadsheets.batchUpdate: new tabs with headers, frozen header rows, drop-down validation, a
// warning-only protection on the append-only Log, and developer metadata that survives tab renames.
import { readFile } from 'node:fs/promises';
import type { sheets_v4 } from 'googleapis';
import type { CellValue, Grid } from '../shared/index';
import { columnLetters, quoteSheetName } from '../shared/index';
import { matchHeader, workbookTabs } from '../shared/index';
import { TAB_SPECS, type FieldSpec } from '../shared/index';
import { applyChanges, appendOnlyProtectionText, validationRule, type WorkbookChange } from '../shared/index';
import { isBlankCell } from '../shared/index';
import type { SheetData, Workbook } from '../shared/index';
import type { TrackerSource } from './tracker-source';
import { googleApis } from './lazy-packages';

export const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';
/** Positional form of a sheet, as `--sheet <id>` is rewritten for the commands. */
export const SHEET_PREFIX = 'gsheet:';

export interface SheetsConnection {
  spreadsheetId: string;
  token?: string;
  keyFile?: string;
  rootUrl?: string;
}

/** Options given on the command line, kept for openSource (set by cli/index.ts). */
let configured: Omit<SheetsConnection, 'spreadsheetId'> = {};

export function configureSheets(options: Omit<SheetsConnection, 'spreadsheetId'>): void {
  configured = { ...options };
}

/** The spreadsheet id in `gsheet:<id>` or a Sheets URL, or undefined for anything else (a file path). */
export function sheetTarget(target: string): string | undefined {
  if (target.startsWith(SHEET_PREFIX)) return target.slice(SHEET_PREFIX.length) || undefined;
  const m = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(target);
  return m?.[1];
}

const SHEET_OPTIONS = ['sheet', 'key-file', 'token', 'root-url'] as const;

/**
 * Take the Sheets options out of a command's arguments (so each command's own parser never sees them) and turn
 * `--sheet <id>` into the positional `gsheet:<id>`, where the command expects its file.
 */
export function takeSheetOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
  const found: Partial<Record<(typeof SHEET_OPTIONS)[number], string>> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const name = m?.[1] as (typeof SHEET_OPTIONS)[number] | undefined;
    if (m && name && (SHEET_OPTIONS as readonly string[]).includes(name)) {
      const value = m[2] ?? argv[++i];
      if (value !== undefined) found[name] = value;
      continue;
    }
    rest.push(arg);
  }
  const token = found.token ?? env['CASELOAD_TOKEN'];
  const keyFile = found['key-file'] ?? env['GOOGLE_APPLICATION_CREDENTIALS'];
  const rootUrl = found['root-url'] ?? env['CASELOAD_SHEETS_ROOT_URL'];
  configureSheets({ ...(token ? { token } : {}), ...(keyFile ? { keyFile } : {}), ...(rootUrl ? { rootUrl } : {}) });
  if (found.sheet === undefined) return rest;
  const id = sheetTarget(found.sheet) ?? found.sheet;
  return [`${SHEET_PREFIX}${id}`, ...rest];
}

export function openSheetsSource(spreadsheetId: string): SheetsSource {
  return new SheetsSource({ spreadsheetId, ...configured });
}

async function authFor(c: SheetsConnection) {
  const google = await googleApis();
  if (c.token) {
    const auth = new google.auth.OAuth2();
    auth.setCredentials({ access_token: c.token });
    return auth;
  }
  if (c.keyFile) {
    let key: { client_email?: string; private_key?: string; private_key_id?: string };
    try {
      key = JSON.parse(await readFile(c.keyFile, 'utf8')) as typeof key;
    } catch (e) {
      throw new Error(`the key file ${c.keyFile} could not be read (${e instanceof Error ? e.message : String(e)}).`);
    }
    if (!key.client_email || !key.private_key)
      throw new Error(`${c.keyFile} is not a service account key file (no client_email or private_key).`);
    const jwt = new google.auth.JWT({
      email: key.client_email,
      key: key.private_key,
      scopes: [SHEETS_SCOPE],
      ...(key.private_key_id ? { keyId: key.private_key_id } : {}),
    });
    // Sign a JWT with the scope ourselves instead of exchanging it at Google's token endpoint.
    jwt.useJWTAccessWithScope = true;
    return jwt;
  }
  throw new Error(
    'no Google credentials: pass --token <access token> or --key-file <service-account.json> (or set CASELOAD_TOKEN or GOOGLE_APPLICATION_CREDENTIALS).',
  );
}

/** A googleapis failure in words: what Google said, and what to do about the usual ones. `write` tells a viewer's
 * refused change (they can read) from an account the Sheet was never shared with. */
function explain(label: string, e: unknown, write = false): Error {
  const err = e as {
    status?: number;
    response?: { status?: number; data?: { error?: { message?: string; details?: { reason?: string }[] } } };
    message?: string;
    code?: string;
  };
  const status = err.response?.status ?? err.status;
  const said = err.response?.data?.error?.message ?? err.message ?? String(e);
  const scopeMissing = err.response?.data?.error?.details?.some((d) => d.reason === 'ACCESS_TOKEN_SCOPE_INSUFFICIENT') ?? false;
  const hint =
    status === 401
      ? ' The token or key was not accepted: get a fresh token, or check the key file.'
      : status === 403 && scopeMissing
        ? ' The token was not granted a Google Sheets scope: get one with https://www.googleapis.com/auth/spreadsheets.'
        : status === 403 && write
          ? ' This account can view the Sheet but not change it: ask the Sheet’s owner to make it an editor.'
          : status === 403
            ? ' This account cannot open the Sheet: ask the Sheet’s owner to share it with this account (as an editor to make changes).'
            : status === 404
              ? ' Check the sheet id or URL.'
              : status === 429
                ? ' Google is rate-limiting: wait a minute and try again.'
                : status === undefined
                  ? ' Google could not be reached.'
                  : '';
  return new Error(`${label}: ${said}${status ? ` (HTTP ${status})` : ''}.${hint}`);
}

/** A value for updateCells/appendCells: text stays text (never a formula), numbers and booleans keep their type. */
function extendedValue(v: CellValue): sheets_v4.Schema$ExtendedValue | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'number') return { numberValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (v instanceof Date) return { stringValue: v.toISOString().slice(0, 10) };
  return { stringValue: v };
}

function rowData(values: readonly CellValue[]): sheets_v4.Schema$RowData {
  return {
    values: values.map((v) => {
      const ev = extendedValue(v);
      return ev ? { userEnteredValue: ev } : {};
    }),
  };
}

/** The core's validation policy for a field (shared/setup.ts validationRule) as a Sheets API rule. */
function sheetsValidation(f: FieldSpec): sheets_v4.Schema$DataValidationRule | undefined {
  const rule = validationRule(f);
  if (!rule) return undefined;
  const condition: sheets_v4.Schema$BooleanCondition =
    rule.kind === 'list'
      ? { type: 'ONE_OF_LIST', values: rule.options.map((o) => ({ userEnteredValue: o })) }
      : rule.kind === 'date'
        ? { type: 'DATE_IS_VALID' }
        : { type: 'NUMBER_BETWEEN', values: [{ userEnteredValue: String(rule.min) }, { userEnteredValue: String(rule.max) }] };
  return { condition, strict: rule.strict, showCustomUi: rule.kind === 'list', inputMessage: rule.help };
}

export class SheetsSource implements TrackerSource {
  readonly label: string;
  private api?: sheets_v4.Sheets;
  /** The last read, so set-up writes only into cells that were blank and knows each tab's sheetId. */
  private lastRead?: { workbook: Workbook; sheetIds: Map<string, number> };

  constructor(private readonly c: SheetsConnection) {
    this.label = `Google Sheet ${c.spreadsheetId}`;
  }

  private async sheets(): Promise<sheets_v4.Sheets> {
    const google = await googleApis();
    this.api ??= google.sheets({
      version: 'v4',
      auth: await authFor(this.c),
      ...(this.c.rootUrl ? { rootUrl: this.c.rootUrl.endsWith('/') ? this.c.rootUrl : `${this.c.rootUrl}/` } : {}),
      // Reads are safe to repeat; writes are not retried blindly.
      retryConfig: {
        retry: 3,
        httpMethodsToRetry: ['GET'],
        statusCodesToRetry: [
          [429, 429],
          [500, 599],
        ],
      },
    });
    return this.api;
  }

  async exists(): Promise<boolean> {
    const api = await this.sheets();
    try {
      await api.spreadsheets.get({ spreadsheetId: this.c.spreadsheetId, fields: 'spreadsheetId' });
      return true;
    } catch (e) {
      if ((e as { status?: number }).status === 404) return false;
      throw explain(this.label, e);
    }
  }

  async read(): Promise<Workbook> {
    const api = await this.sheets();
    try {
      const meta = await api.spreadsheets.get({
        spreadsheetId: this.c.spreadsheetId,
        fields: 'sheets(properties(sheetId,title,index),developerMetadata,merges)',
      });
      const sheets = [...(meta.data.sheets ?? [])].sort((a, b) => (a.properties?.index ?? 0) - (b.properties?.index ?? 0));
      const titles = sheets.map((s) => s.properties?.title ?? '');
      const values = titles.length
        ? await api.spreadsheets.values.batchGet({
            spreadsheetId: this.c.spreadsheetId,
            ranges: titles.map(quoteSheetName),
            valueRenderOption: 'UNFORMATTED_VALUE',
            dateTimeRenderOption: 'FORMATTED_STRING',
          })
        : undefined;
      const sheetIds = new Map<string, number>();
      const out: SheetData[] = sheets.map((s, i) => {
        const title = titles[i]!;
        sheetIds.set(title, s.properties?.sheetId ?? 0);
        const metadata: Record<string, string> = {};
        for (const m of s.developerMetadata ?? []) if (m.metadataKey) metadata[m.metadataKey] = m.metadataValue ?? '';
        const merges = (s.merges ?? []).map(
          (g) =>
            `${columnLetters(g.startColumnIndex ?? 0)}${(g.startRowIndex ?? 0) + 1}:${columnLetters((g.endColumnIndex ?? 1) - 1)}${g.endRowIndex ?? 1}`,
        );
        return {
          name: title,
          values: (values?.data.valueRanges?.[i]?.values ?? []) as Grid,
          ...(merges.length ? { merges } : {}),
          ...(Object.keys(metadata).length ? { metadata } : {}),
        };
      });
      const workbook = { sheets: out };
      this.lastRead = { workbook, sheetIds };
      return workbook;
    } catch (e) {
      throw explain(this.label, e);
    }
  }

  async create(): Promise<void> {
    throw new Error(
      `${this.label} already exists as a Google Sheet: run "caseload init" on it without --demo or --force to add what it lacks.`,
    );
  }

  /** Changes as one atomic spreadsheets.batchUpdate. Cells that were not blank are never written, except an import's
   * replaceCell on a pupil it matched (the Sheet's version history keeps the old value). */
  async apply(changes: readonly WorkbookChange[]): Promise<{ backup?: string }> {
    if (changes.length === 0) return {};
    if (!this.lastRead) await this.read();
    const { workbook, sheetIds } = this.lastRead!;
    const requests = setupRequests(workbook, sheetIds, changes);
    const api = await this.sheets();
    try {
      await api.spreadsheets.batchUpdate({ spreadsheetId: this.c.spreadsheetId, requestBody: { requests } });
    } catch (e) {
      throw explain(this.label, e, true);
    }
    this.lastRead = undefined;
    return {};
  }
}

/** An import updating a matched pupil's cell (the Sheet's version history keeps the old value). */
function replaceCellRequest(
  ids: ReadonlyMap<string, number>,
  c: Extract<WorkbookChange, { kind: 'replaceCell' }>,
): sheets_v4.Schema$Request {
  const sheetId = ids.get(c.sheet);
  if (sheetId === undefined) throw new Error(`No sheet named "${c.sheet}" to change.`);
  return {
    updateCells: { start: { sheetId, rowIndex: c.row - 1, columnIndex: c.column }, fields: 'userEnteredValue', rows: [rowData([c.value])] },
  };
}

/** What the requests for one set-up have done so far: the sheet ids they use and the rows and headers they write. */
interface SetupState {
  ids: Map<string, number>;
  nextId: number;
  /** Each sheet's values as read, so cells are only written where they were blank. */
  before: Map<string, Grid>;
  added: Set<string>;
  /** Header cells written, per sheet: these columns get validation. */
  newHeaderColumns: Map<string, Set<number>>;
  lastRow: Map<string, number>;
}

type Change<K extends WorkbookChange['kind']> = Extract<WorkbookChange, { kind: K }>;

/** The batchUpdate requests for a set-up plan, given the workbook as read and its sheet ids. */
export function setupRequests(
  workbook: Workbook,
  existingIds: ReadonlyMap<string, number>,
  changes: readonly WorkbookChange[],
): sheets_v4.Schema$Request[] {
  const state: SetupState = {
    ids: new Map(existingIds),
    nextId: Math.max(0, ...existingIds.values()) + 1,
    before: new Map(workbook.sheets.map((s) => [s.name, s.values])),
    added: new Set<string>(),
    newHeaderColumns: new Map<string, Set<number>>(),
    lastRow: new Map(workbook.sheets.map((s) => [s.name, s.values.length])),
  };
  const requests = changes.flatMap((c) => changeRequests(c, state));
  return [...requests, ...validationAndProtection(applyChanges(workbook, changes), state)];
}

function changeRequests(c: WorkbookChange, state: SetupState): sheets_v4.Schema$Request[] {
  switch (c.kind) {
    case 'addSheet':
      return addSheetRequests(c, state);
    case 'setCells':
      return setCellsRequests(c, state);
    case 'appendRows':
      return appendRowsRequests(c, state);
    case 'setMetadata':
      return [metadataRequest(sheetIdOf(c.sheet, state), c.key, c.value)];
    case 'replaceCell':
      return [replaceCellRequest(state.ids, c)];
  }
}

function sheetIdOf(sheet: string, state: SetupState): number {
  const sheetId = state.ids.get(sheet);
  if (sheetId === undefined) throw new Error(`No sheet named "${sheet}" to change.`);
  return sheetId;
}

function metadataRequest(sheetId: number, key: string, value: string): sheets_v4.Schema$Request {
  return {
    createDeveloperMetadata: {
      developerMetadata: { metadataKey: key, metadataValue: value, location: { sheetId }, visibility: 'DOCUMENT' },
    },
  };
}

/** A new tab: its header (and rows), a frozen bold header row, and the metadata that finds it after a rename. */
function addSheetRequests(c: Change<'addSheet'>, state: SetupState): sheets_v4.Schema$Request[] {
  const sheetId = state.nextId++;
  state.ids.set(c.sheet, sheetId);
  state.added.add(c.sheet);
  state.lastRow.set(c.sheet, c.values.length);
  return [
    { addSheet: { properties: { sheetId, title: c.sheet, gridProperties: { frozenRowCount: 1 } } } },
    ...(c.values.length
      ? [{ updateCells: { start: { sheetId, rowIndex: 0, columnIndex: 0 }, fields: 'userEnteredValue', rows: c.values.map(rowData) } }]
      : []),
    {
      repeatCell: {
        range: { sheetId, startRowIndex: 0, endRowIndex: 1 },
        cell: { userEnteredFormat: { textFormat: { bold: true } } },
        fields: 'userEnteredFormat.textFormat.bold',
      },
    },
    ...Object.entries(c.metadata ?? {}).map(([key, value]) => metadataRequest(sheetId, key, value)),
  ];
}

/** Cells written only where the cell was blank when read: one request per cell, so no neighbour is touched. */
function setCellsRequests(c: Change<'setCells'>, state: SetupState): sheets_v4.Schema$Request[] {
  const sheetId = sheetIdOf(c.sheet, state);
  const row = state.before.get(c.sheet)?.[c.row - 1] ?? [];
  const requests: sheets_v4.Schema$Request[] = [];
  c.values.forEach((v, i) => {
    const col = c.column + i;
    const ev = extendedValue(v);
    if (!ev || !isBlankCell(row[col])) return;
    requests.push({
      updateCells: {
        start: { sheetId, rowIndex: c.row - 1, columnIndex: col },
        fields: 'userEnteredValue',
        rows: [{ values: [{ userEnteredValue: ev }] }],
      },
    });
    if (c.row === 1) {
      const cols = state.newHeaderColumns.get(c.sheet) ?? new Set<number>();
      cols.add(col);
      state.newHeaderColumns.set(c.sheet, cols);
    }
  });
  return requests;
}

function appendRowsRequests(c: Change<'appendRows'>, state: SetupState): sheets_v4.Schema$Request[] {
  const sheetId = sheetIdOf(c.sheet, state);
  const start = state.lastRow.get(c.sheet) ?? 0;
  state.lastRow.set(c.sheet, start + c.rows.length);
  return [{ updateCells: { start: { sheetId, rowIndex: start, columnIndex: 0 }, fields: 'userEnteredValue', rows: c.rows.map(rowData) } }];
}

/** Drop-down validation on new tabs and new header columns, and the append-only warning on a new Log, from the
 * workbook as it will be after the changes. */
function validationAndProtection(after: Workbook, state: SetupState): sheets_v4.Schema$Request[] {
  const requests: sheets_v4.Schema$Request[] = [];
  const where = workbookTabs(after);
  for (const spec of TAB_SPECS) {
    const name = where[spec.key];
    if (name === undefined || spec.key === 'settings') continue;
    const isNew = state.added.has(name);
    const fresh = state.newHeaderColumns.get(name);
    if (!isNew && !fresh) continue;
    const sheetId = state.ids.get(name)!;
    const header = after.sheets.find((s) => s.name === name)?.values[0] ?? [];
    const { columns } = matchHeader(spec, header);
    for (const f of spec.fields) {
      const col = columns[f.key];
      const rule = sheetsValidation(f);
      if (col === undefined || !rule || (!isNew && !fresh?.has(col))) continue;
      requests.push({ setDataValidation: { range: { sheetId, startRowIndex: 1, startColumnIndex: col, endColumnIndex: col + 1 }, rule } });
    }
    if (isNew && spec.appendOnly) {
      requests.push({
        addProtectedRange: { protectedRange: { range: { sheetId }, description: appendOnlyProtectionText(name), warningOnly: true } },
      });
    }
  }
  return requests;
}
