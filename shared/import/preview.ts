// The one import pipeline every front end uses (Options, `caseload import-caseload`, the add-on): prepare the
// source, run exactly what `checkWorkbook` runs, then work out — before anything is stored — what will be stored,
// every row refused and why, and what is kept from the caseload already there. The front end shows the preview
// and, when the person confirms, stores `preview.result` as it is: the counts shown are the counts stored.
import { checkWorkbook } from '../check-workbook';
import {
  pupilName,
  type Finding,
  type Grid,
  type IsoDate,
  type LogEntry,
  type Pupil,
  type RotaBlock,
  type Settings,
  type Staff,
  type TabKey,
  type Target,
  type Tracker,
} from '../model';
import { a1Cell, parseRange } from '../schema/a1';
import { isBlankCell } from '../schema/cells';
import { unusedColumns } from '../schema/parse';
import { tabSpec } from '../schema/tabs';
import { mergeCaseload, type CaseloadSnapshot, type IncomingCaseload, type MergeOutcome, type MergeReport } from './merge';
import { prepareSource, type DerivedId, type ImportSource, type PreparedSource } from './source';

export interface RefusedRow {
  tab: TabKey;
  /** 1-based row in the parsed grid (the CSV's line is in `where`). */
  row: number;
  /** A1 cell of the problem, e.g. `Pupils!A7`. */
  cell: string;
  /** The same place in the person's words: `Pupils!A7` or `pupils.csv line 7 (Pupil ID)`. */
  where: string;
  id?: string;
  reasons: string[];
}

export interface DuplicateGroup {
  tab: 'pupils' | 'targets' | 'staff';
  id: string;
  /** Every row carrying the ID, each with where it is. */
  rows: { row: number; where: string; label: string }[];
  /** The row kept, when the person chose one; otherwise every row is refused. */
  kept?: number;
}

export interface UnusedColumn {
  tab: TabKey;
  cell: string;
  where: string;
  header: string;
  reason: string;
}

export interface ImportChoices {
  /** For a duplicated ID, the row to keep: key `pupils:P001` → grid row. */
  keep?: Readonly<Record<string, number>>;
  /** Pupils confirmed as leavers: removed from the caseload (their targets and logs stay). */
  leavers?: readonly string[];
}

export interface StoredCounts {
  pupils: number;
  targets: number;
  staff: number;
  rota: number;
}

export interface ImportPreview {
  kind: 'tracker' | 'pupils' | 'targets';
  fileName: string;
  /** Exactly what will be stored when the person confirms. */
  result: { pupils: Pupil[]; targets: Target[]; staff: Staff[]; rota: RotaBlock[]; settings?: Settings };
  /** An imported tracker's Log as it now stands (effectiveLogs, as the checks counted it), for the evidence summary
   * (logs themselves are never replaced by an import). */
  logs: LogEntry[];
  counts: StoredCounts;
  /** Targets taken from the file (the rest of `result.targets` were kept from the device). */
  fileTargetIds: string[];
  refused: RefusedRow[];
  duplicates: DuplicateGroup[];
  /** Cells whose value could not be read: the row is stored without it. */
  blanked: { cell: string; where: string; message: string }[];
  derivedIds: DerivedId[];
  unusedColumns: UnusedColumn[];
  fileProblems: string[];
  merge: MergeReport;
  /** Every finding of the checks, for the full list (warnings such as a UPN check letter are here). */
  findings: Finding[];
}

const CODES_THAT_BLANK = new Set<Finding['code']>([
  'DATA_BAD_DATE',
  'DATA_BAD_TIME',
  'DATA_BAD_NUMBER',
  'DATA_BAD_CHOICE',
  'DATA_FORMULA_ERROR',
]);

function labelOf(tab: DuplicateGroup['tab'], r: { id: string } & Partial<Pupil & Target & Staff>): string {
  if (tab === 'pupils') return pupilName(r as Pupil);
  if (tab === 'targets') return (r as Target).text ?? '';
  return (r as Staff).name ?? '';
}

/** Non-blank data rows of a grid, by 1-based row. */
function dataRows(grid: Grid | undefined): number[] {
  const out: number[] = [];
  (grid ?? []).forEach((row, r) => {
    if (r > 0 && row && !row.every(isBlankCell)) out.push(r + 1);
  });
  return out;
}

/** Rows refused so far, one entry per row however many reasons it has. */
interface Refusals {
  list: RefusedRow[];
  refuse(tab: TabKey, row: number, col: number, reason: string, id?: string): void;
}

function refusals(prepared: PreparedSource): Refusals {
  const list: RefusedRow[] = [];
  const byRow = new Map<string, RefusedRow>();
  return {
    list,
    refuse(tab, row, col, reason, id) {
      const key = `${tab}:${row}`;
      const existing = byRow.get(key);
      if (existing) {
        if (!existing.reasons.includes(reason)) existing.reasons.push(reason);
        return;
      }
      const sheet = prepared.tabs[tab] ?? tabSpec(tab).name;
      const cell = a1Cell(sheet, col, row);
      const r: RefusedRow = { tab, row, cell, where: prepared.where(cell), reasons: [reason], ...(id ? { id } : {}) };
      byRow.set(key, r);
      list.push(r);
    },
  };
}

/** 1. Rows the parser could not use: every error on that row is the reason. */
function refuseUnreadRows(prepared: PreparedSource, tracker: Tracker, findings: readonly Finding[], out: Refusals): void {
  const readTabs: { key: 'pupils' | 'targets' | 'staff' | 'rota'; records: readonly { row?: number }[] }[] = [
    { key: 'pupils', records: tracker.pupils },
    { key: 'targets', records: tracker.targets },
    { key: 'staff', records: tracker.staff },
    { key: 'rota', records: tracker.rota },
  ];
  const errorsByCell = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.severity !== 'error') continue;
    const p = parseRange(f.cell);
    const key = `${f.tab}!${p.startRow}`;
    errorsByCell.set(key, [...(errorsByCell.get(key) ?? []), f]);
  }
  for (const { key, records } of readTabs) {
    const sheet = prepared.tabs[key];
    if (sheet === undefined) continue;
    const read = new Set(records.map((r) => r.row));
    const headerErrors = errorsByCell.get(`${sheet}!1`) ?? [];
    for (const row of dataRows(prepared.grids[sheet])) {
      if (read.has(row)) continue;
      const errs = errorsByCell.get(`${sheet}!${row}`) ?? [];
      if (errs.length > 0) for (const e of errs) out.refuse(key, row, parseRange(e.cell).startColumn ?? 0, e.message);
      else if (headerErrors.length > 0) for (const e of headerErrors) out.refuse(key, row, 0, e.message);
      else out.refuse(key, row, 0, 'None of the columns Caseload reads is filled in on this row.');
    }
  }
}

/** 2. Duplicate IDs: both (all) rows are refused and named, unless the person chose the one to keep. */
function dropDuplicates<T extends { id: string; row?: number }>(
  ctx: { prepared: PreparedSource; tracker: Tracker; choices: ImportChoices; refusals: Refusals; duplicates: DuplicateGroup[] },
  tab: DuplicateGroup['tab'],
  records: readonly T[],
): T[] {
  const { prepared, tracker, choices } = ctx;
  const where = prepared.where;
  const byId = new Map<string, T[]>();
  for (const r of records) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  const sheet = prepared.tabs[tab] ?? tabSpec(tab).name;
  const idCol = tracker.layout[tab]?.columns['id'] ?? 0;
  const out: T[] = [];
  for (const [id, group] of byId) {
    if (group.length === 1) {
      out.push(group[0]!);
      continue;
    }
    const rows = group.map((r) => ({ row: r.row ?? 0, where: where(a1Cell(sheet, idCol, r.row ?? 0)), label: labelOf(tab, r as never) }));
    const chosen = choices.keep?.[`${tab}:${id}`];
    const kept = group.find((r) => r.row === chosen);
    ctx.duplicates.push({ tab, id, rows, ...(kept ? { kept: chosen } : {}) });
    const noun = tabSpec(tab).fields[0]!.header;
    const list = rows.map((r) => r.where).join(' and ');
    for (const r of group) {
      if (r === kept) {
        out.push(r);
        continue;
      }
      const reason = kept
        ? `${noun} "${id}" is also on ${where(a1Cell(sheet, idCol, kept.row ?? 0))}, the row you chose to keep.`
        : `${noun} "${id}" is on ${list}: both are left out until you choose which row to keep.`;
      ctx.refusals.refuse(tab, r.row ?? 0, idCol, reason, id);
    }
  }
  return out;
}

/** 3. Merge with what is on the device; targets must belong to a pupil who will be in the caseload. */
function mergeAccepted(
  prepared: PreparedSource,
  tracker: Tracker,
  accepted: { pupils: Pupil[]; staff: Staff[]; targets: Target[] },
  current: CaseloadSnapshot,
  choices: ImportChoices,
  out: Refusals,
): { merged: MergeOutcome; targets: Target[] } {
  const incoming: IncomingCaseload = {
    pupils: accepted.pupils,
    targets: [],
    staff: accepted.staff,
    rota: tracker.rota,
    has: {
      pupils: prepared.tabs.pupils !== undefined,
      targets: prepared.tabs.targets !== undefined,
      staff: prepared.tabs.staff !== undefined,
      rota: prepared.tabs.rota !== undefined,
    },
    columns: tracker.layout.pupils?.columns ?? {},
  };
  const refusedPupilIds = new Set(out.list.filter((r) => r.tab === 'pupils' && r.id).map((r) => r.id!));
  const pupilsFirst = mergeCaseload(current, incoming, choices.leavers ?? [], refusedPupilIds);
  const known = new Set(pupilsFirst.result.pupils.map((p) => p.id));
  for (const rid of pupilsFirst.renamedIds) known.add(rid.from);
  const pupilCol = tracker.layout.targets?.columns['pupilId'] ?? 0;
  const targets = accepted.targets.filter((t) => {
    if (known.has(t.pupilId)) return true;
    const reason = refusedPupilIds.has(t.pupilId)
      ? `Its pupil, "${t.pupilId}", is left out (see the Pupils rows above), so this target is left out too.`
      : `Pupil ID "${t.pupilId}" is not in this file's pupils or the caseload on this device.`;
    out.refuse('targets', t.row ?? 0, pupilCol, reason, t.id);
    return false;
  });
  const merged = mergeCaseload(current, { ...incoming, targets }, choices.leavers ?? [], refusedPupilIds);
  if (tracker.layout.settings) merged.result.settings = tracker.settings;
  return { merged, targets };
}

/** 4a. Cells left blank on rows that were stored: listed, never silent. */
function blankedCells(prepared: PreparedSource, findings: readonly Finding[], refused: readonly RefusedRow[]): ImportPreview['blanked'] {
  const refusedKeys = new Set(refused.map((r) => `${prepared.tabs[r.tab]}!${r.row}`));
  return findings
    .filter((f) => f.severity !== 'error' || f.code === 'DATA_FORMULA_ERROR')
    .filter((f) => CODES_THAT_BLANK.has(f.code) && !refusedKeys.has(`${f.tab}!${parseRange(f.cell).startRow}`))
    .map((f) => ({ cell: f.cell, where: prepared.where(f.cell), message: f.message }));
}

/** 4b. Columns nobody reads: listed, never silent. */
function unusedColumnsOf(prepared: PreparedSource): UnusedColumn[] {
  const unused: UnusedColumn[] = [];
  for (const [key, sheet] of Object.entries(prepared.tabs) as [TabKey, string][]) {
    if (key === 'settings') continue;
    const header = prepared.grids[sheet]?.[0] ?? [];
    for (const u of unusedColumns(tabSpec(key), header)) {
      const cell = a1Cell(sheet, u.column, 1);
      unused.push({ tab: key, cell, where: prepared.where(cell).replace(/ line \d+/, ''), header: u.header, reason: u.reason });
    }
  }
  return unused;
}

export function previewImport(source: ImportSource, current: CaseloadSnapshot, today: IsoDate, choices: ImportChoices = {}): ImportPreview {
  const prepared = prepareSource(source);
  const checked = checkWorkbook(prepared.grids, today, prepared.options);
  const { tracker } = checked;
  // A CSV is one tab: "there is no Staff tab" means nothing for it.
  const kind = prepared.kind;
  const findings = kind === 'tracker' ? checked.findings : checked.findings.filter((f) => f.tab === prepared.tabs[kind]);

  const out = refusals(prepared);
  refuseUnreadRows(prepared, tracker, findings, out);
  const duplicates: DuplicateGroup[] = [];
  const ctx = { prepared, tracker, choices, refusals: out, duplicates };
  const accepted = {
    pupils: dropDuplicates(ctx, 'pupils', tracker.pupils),
    staff: dropDuplicates(ctx, 'staff', tracker.staff),
    targets: dropDuplicates(ctx, 'targets', tracker.targets),
  };
  const { merged, targets } = mergeAccepted(prepared, tracker, accepted, current, choices, out);
  const blanked = blankedCells(prepared, findings, out.list);
  const refused = out.list;
  refused.sort((a, b) => a.tab.localeCompare(b.tab) || a.row - b.row);
  const r = merged.result;
  return {
    kind: prepared.kind,
    fileName: source.name,
    result: r,
    logs: checked.logs,
    counts: { pupils: r.pupils.length, targets: r.targets.length, staff: r.staff.length, rota: r.rota.length },
    fileTargetIds: targets.map((t) => t.id),
    refused,
    duplicates,
    blanked,
    derivedIds: prepared.derivedIds,
    unusedColumns: unusedColumnsOf(prepared),
    fileProblems: prepared.fileProblems,
    merge: merged.report,
    findings,
  };
}
