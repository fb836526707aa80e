// The sync engine's SheetsPort over the official `googleapis` client (the client the CLI uses), for running the
// same access scenarios as the extension's fetch client: failures become the engine's SheetsErrors from Google's
// real error bodies, as gaxios hands them over.
import { google, type sheets_v4 } from 'googleapis';
import type { CellValue, Grid } from '../../shared/model';
import type { SheetsPort } from '../../shared/ports';
import { quoteSheetName } from '../../shared/schema/a1';
import { SheetsError, sheetsErrorFromResponse } from '../../shared/sync';

export class GoogleapisSheets implements SheetsPort {
  private readonly api: sheets_v4.Sheets;
  lastRefusal: SheetsError | undefined;

  constructor(
    rootUrl: string,
    private readonly spreadsheetId: string,
    token: string,
  ) {
    const auth = new google.auth.OAuth2();
    auth.setCredentials({ access_token: token });
    this.api = google.sheets({ version: 'v4', rootUrl, auth, retry: false });
  }

  private async call<T>(write: boolean, work: () => Promise<T>): Promise<T> {
    try {
      const out = await work();
      this.lastRefusal = undefined;
      return out;
    } catch (e) {
      const res = (e as { response?: { status?: number; data?: unknown } }).response;
      if (!res?.status) throw new SheetsError({ kind: 'network' }, String(e));
      this.lastRefusal = sheetsErrorFromResponse(res.status, res.data, { write });
      throw this.lastRefusal;
    }
  }

  async listTabs(): Promise<string[]> {
    const r = await this.call(false, () =>
      this.api.spreadsheets.get({ spreadsheetId: this.spreadsheetId, fields: 'sheets.properties(title,index)' }),
    );
    return (r.data.sheets ?? []).map((s) => s.properties?.title ?? '');
  }

  async readTabs(tabNames: readonly string[]): Promise<Record<string, Grid>> {
    const existing = new Set(await this.listTabs());
    const names = tabNames.filter((n) => existing.has(n));
    if (names.length === 0) return {};
    const grids = await this.readRanges(names.map(quoteSheetName));
    return Object.fromEntries(names.map((n, i) => [n, grids[i]!]));
  }

  async readRanges(ranges: readonly string[]): Promise<Grid[]> {
    const r = await this.call(false, () =>
      this.api.spreadsheets.values.batchGet({
        spreadsheetId: this.spreadsheetId,
        ranges: [...ranges],
        valueRenderOption: 'UNFORMATTED_VALUE',
        dateTimeRenderOption: 'FORMATTED_STRING',
      }),
    );
    return ranges.map((_, i) => (r.data.valueRanges?.[i]?.values ?? []) as Grid);
  }

  async readRange(range: string): Promise<Grid> {
    return (await this.readRanges([range]))[0]!;
  }

  async appendRows(tabName: string, rows: readonly (readonly CellValue[])[]): Promise<{ updatedRange: string }> {
    const values = rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : v)));
    const r = await this.call(true, () =>
      this.api.spreadsheets.values.append({
        spreadsheetId: this.spreadsheetId,
        range: quoteSheetName(tabName),
        valueInputOption: 'RAW',
        insertDataOption: 'INSERT_ROWS',
        requestBody: { values },
      }),
    );
    return { updatedRange: r.data.updates?.updatedRange ?? '' };
  }
}
