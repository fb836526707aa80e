// Subject access and erasure for one pupil (UK GDPR art. 15 and 17): find every row of a tracker that is about
// them, so it can be exported in full or erased. Pure: a Workbook in, a plan out; the CLI (and the extension for
// its own store) carry it out.
//
// The Log tab is append-only by design (corrections are new rows, never edits). Erasure is the one legal
// override: the pupil's Log rows are deleted outright, not voided, because a voided row still holds their data.
import type { CellValue, TabKey } from './model';
import { matchHeader } from './schema/parse';
import { tabSpec } from './schema/tabs';
import { type Workbook, workbookTabs } from './workbook';

/** Where each tab names a pupil: a single-id column, or a list column (Rota's Pupil IDs, shared by a group). */
const PUPIL_COLUMNS: readonly { tab: TabKey; field: string; list?: true }[] = [
  { tab: 'pupils', field: 'id' },
  { tab: 'targets', field: 'pupilId' },
  { tab: 'log', field: 'pupilId' },
  { tab: 'reviews', field: 'pupilId' },
  { tab: 'rota', field: 'pupilIds', list: true },
];

export interface PupilRow {
  /** The tab's name in this tracker. */
  sheet: string;
  tab: TabKey;
  /** 1-based row number, as a person sees it. */
  row: number;
  /** Header → value, for the export. */
  record: Record<string, CellValue>;
  /** `delete` the row, or (a group's Rota row) take only this pupil out of the list cell. */
  action: 'delete' | 'remove-from-list';
  /** 0-based column of the list cell, for `remove-from-list`. */
  column?: number;
  /** The list cell's new value, for `remove-from-list`. */
  newValue?: string;
}

export interface PupilFindings {
  pupilId: string;
  rows: PupilRow[];
  /** Cells outside Caseload's own columns that mention the pupil's id or full name: shown for a person to check,
   * never changed automatically (a SENCo's own notes tab is theirs to edit). */
  mentions: { sheet: string; cell: string; text: string }[];
}

const LIST_SPLIT = /\s*[,;]\s*/;

function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

function a1(col: number, row: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${row}`;
}

/** Every row and mention of `pupilId` in a tracker. */
export function findPupil(wb: Workbook, pupilId: string): PupilFindings {
  const id = pupilId.trim();
  const found = workbookTabs(wb);
  const rows: PupilRow[] = [];
  const covered = new Map<string, Set<number>>(); // sheet → columns Caseload reads
  let fullName: string | undefined;

  for (const { tab, field, list } of PUPIL_COLUMNS) {
    const sheetName = found[tab];
    const sheet = sheetName === undefined ? undefined : wb.sheets.find((s) => s.name === sheetName);
    if (!sheet) continue;
    const header = sheet.values[0] ?? [];
    const { columns } = matchHeader(tabSpec(tab), header);
    covered.set(sheet.name, new Set(Object.values(columns).filter((c): c is number => c !== undefined)));
    const col = columns[field as keyof typeof columns] as number | undefined;
    if (col === undefined) continue;
    sheet.values.forEach((cells, r) => {
      if (r === 0) return;
      const text = cellText(cells[col] ?? null);
      const record: Record<string, CellValue> = {};
      header.forEach((h, c) => {
        const name = cellText(h) || a1(c, 1);
        if (cells[c] !== null && cells[c] !== undefined && cells[c] !== '') record[name] = cells[c]!;
      });
      if (list) {
        const ids = text.split(LIST_SPLIT).filter(Boolean);
        if (!ids.includes(id)) return;
        const rest = ids.filter((x) => x !== id);
        rows.push(
          rest.length === 0
            ? { sheet: sheet.name, tab, row: r + 1, record, action: 'delete' }
            : { sheet: sheet.name, tab, row: r + 1, record, action: 'remove-from-list', column: col, newValue: rest.join(', ') },
        );
      } else if (text === id) {
        rows.push({ sheet: sheet.name, tab, row: r + 1, record, action: 'delete' });
        if (tab === 'pupils') {
          const first = columns['firstName' as keyof typeof columns] as number | undefined;
          const last = columns['lastName' as keyof typeof columns] as number | undefined;
          const name =
            `${first === undefined ? '' : cellText(cells[first] ?? null)} ${last === undefined ? '' : cellText(cells[last] ?? null)}`.trim();
          if (name.includes(' ')) fullName = name;
        }
      }
    });
  }

  const mentions: PupilFindings['mentions'] = [];
  const needles = [id, ...(fullName ? [fullName] : [])].map((s) => s.toLowerCase());
  for (const sheet of wb.sheets) {
    const ours = covered.get(sheet.name);
    sheet.values.forEach((cells, r) => {
      cells.forEach((v, c) => {
        if (ours?.has(c)) return;
        const text = cellText(v);
        if (!text) return;
        const lower = text.toLowerCase();
        const hit = needles.some((n) =>
          n === id.toLowerCase() ? new RegExp(`(^|[^A-Za-z0-9])${escapeRe(n)}($|[^A-Za-z0-9])`, 'i').test(text) : lower.includes(n),
        );
        if (hit) mentions.push({ sheet: sheet.name, cell: a1(c, r + 1), text: text.length > 60 ? `${text.slice(0, 57)}…` : text });
      });
    });
  }
  return { pupilId: id, rows, mentions };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A subject-access export: every row about the pupil, tab by tab, as header → value. */
export function pupilExport(f: PupilFindings): {
  pupilId: string;
  tabs: Record<string, Record<string, CellValue>[]>;
  alsoMentionedIn: PupilFindings['mentions'];
} {
  const tabs: Record<string, Record<string, CellValue>[]> = {};
  for (const r of f.rows) (tabs[r.sheet] ??= []).push({ Row: r.row, ...r.record });
  return { pupilId: f.pupilId, tabs, alsoMentionedIn: f.mentions };
}

/** The erasure as lines a person can follow on a Google Sheet (or check before a local file is changed). */
export function erasureSteps(f: PupilFindings): string[] {
  const lines: string[] = [];
  const bySheet = new Map<string, PupilRow[]>();
  for (const r of f.rows) bySheet.set(r.sheet, [...(bySheet.get(r.sheet) ?? []), r]);
  for (const [sheet, rows] of bySheet) {
    const del = rows.filter((r) => r.action === 'delete').map((r) => r.row);
    if (del.length > 0) lines.push(`${sheet}: delete row${del.length === 1 ? '' : 's'} ${del.join(', ')}`);
    for (const r of rows.filter((x) => x.action === 'remove-from-list'))
      lines.push(`${sheet}!${a1(r.column!, r.row)}: change to "${r.newValue}" (takes ${f.pupilId} out of the group)`);
  }
  for (const m of f.mentions) lines.push(`${m.sheet}!${m.cell}: mentions the pupil ("${m.text}"); check by hand`);
  return lines;
}
