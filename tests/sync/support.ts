// Real, small implementations of the sync engine's ports for tests: an in-memory outbox, a token list, a
// virtual clock whose sleeper moves time on instead of waiting, and a tracker on the local Sheets server.
import { emptyTracker, type LogEntry } from '../../shared/model';
import type { Clock, LogStore, Sleeper, TokenProvider } from '../../shared/ports';
import { trackerToGrids } from '../../shared/schema/serialise';
import { TAB_METADATA_KEY } from '../../shared/schema/parse';
import { TAB_SPECS } from '../../shared/schema/tabs';
import type { SyncJournal } from '../../shared/sync';
import { evidenceColumns, logsFromRows } from '../../shared/evidence';
import type { Workbook } from '../../shared/workbook';
import { FetchSheets } from '../../extension/sync/fetch-sheets';
import type { SheetsServer } from '../../sheets-server';

export class MemoryLogStore implements LogStore {
  readonly logs = new Map<string, LogEntry>();
  /** Ids in the order they were logged; removed once synced. */
  outbox: string[] = [];
  synced = new Map<string, number>();

  async add(entry: LogEntry): Promise<void> {
    if (this.logs.has(entry.id)) return;
    this.logs.set(entry.id, entry);
    this.outbox.push(entry.id);
  }
  async remove(id: string): Promise<boolean> {
    if (!this.outbox.includes(id)) return false;
    this.outbox = this.outbox.filter((x) => x !== id);
    this.logs.delete(id);
    return true;
  }
  async pending(limit: number): Promise<LogEntry[]> {
    return this.outbox.slice(0, limit).map((id) => this.logs.get(id)!);
  }
  async markSynced(ids: readonly string[], at: number): Promise<void> {
    const done = new Set(ids);
    this.outbox = this.outbox.filter((id) => !done.has(id));
    for (const id of ids) this.synced.set(id, at);
  }
}

export class MemoryJournal implements SyncJournal {
  ids: string[] = [];
  async inFlight() {
    return [...this.ids];
  }
  async setInFlight(ids: readonly string[]) {
    this.ids = [...ids];
  }
}

/** Hands out tokens in order; invalidating the current one moves to the next. */
export class ListTokens implements TokenProvider {
  private i = 0;
  invalidated: string[] = [];
  constructor(private readonly tokens: string[]) {}
  async getToken(): Promise<string> {
    const t = this.tokens[this.i];
    if (t === undefined) throw new Error('No more tokens: the user must sign in');
    return t;
  }
  async invalidate(token: string): Promise<void> {
    this.invalidated.push(token);
    if (this.tokens[this.i] === token) this.i += 1;
  }
}

/** Time that only moves when someone sleeps: backoff is tested without waiting. */
export class VirtualTime implements Clock, Sleeper {
  sleeps: number[] = [];
  constructor(public t = Date.UTC(2026, 10, 23, 10, 0)) {}
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += ms;
  }
}

export function makeLog(i: number, extra: Partial<LogEntry> = {}): LogEntry {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    time: `2026-11-23T10:${String(i % 60).padStart(2, '0')}:00+00:00`,
    pupilId: `P${(i % 3) + 1}`,
    targetId: `T${(i % 3) + 1}`,
    kind: 'Progress',
    rating: 'Developing',
    prompt: 'Verbal',
    minutes: 10,
    staffId: 'S1',
    note: i % 7 === 0 ? `=HYPERLINK("http://evil/${i}")` : `Note ${i}`,
    source: 'mis.example/pupil',
    ...extra,
  };
}

/** A complete empty tracker (every tab with its header and set-up metadata) with a few pupils. */
export function trackerWorkbook(): Workbook {
  const t = emptyTracker();
  t.pupils = [1, 2, 3].map((n) => ({
    id: `P${n}`,
    firstName: `First${n}`,
    lastName: `Last${n}`,
    areasOfNeed: ['C&I'],
    senStatus: 'E',
    phaseTransfer: false,
  }));
  t.staff = [{ id: 'S1', name: 'Sam Lee', role: 'LSA', contractHours: 30 }];
  t.targets = [1, 2, 3].map((n) => ({ id: `T${n}`, pupilId: `P${n}`, text: `Target ${n}`, status: 'Developing' }));
  const grids = trackerToGrids(t);
  return {
    sheets: TAB_SPECS.map((spec) => ({ name: spec.name, values: grids[spec.name] ?? [], metadata: { [TAB_METADATA_KEY]: spec.key } })),
  };
}

export const SHEET = 'tracker-sync';

export function fetchSheets(
  server: SheetsServer,
  tokens: TokenProvider = new ListTokens(['test-token']),
  extra: { isOnline?: () => boolean; timeoutMs?: number } = {},
) {
  return new FetchSheets({ spreadsheetId: SHEET, apiRoot: `${server.url}/`, tokens, ...extra });
}

/** Log IDs in the server's Log tab, in sheet order. */
export function sheetLogIds(server: SheetsServer): string[] {
  const log = server.workbook(SHEET).sheets.find((s) => s.name === 'Log')!;
  return log.values.slice(1).map((r) => String(r[0]));
}

export function appendCount(server: SheetsServer): number {
  return server.requests.filter((r) => r.operation === 'values.append').length;
}

/** The Log tab's rows as logs (every row, Correction rows included), read by the header's columns. */
export function sheetLogs(server: SheetsServer): LogEntry[] {
  const log = server.workbook(SHEET).sheets.find((s) => s.name === 'Log')!;
  return logsFromRows(log.values.slice(1), evidenceColumns(log.values[0] ?? []));
}
