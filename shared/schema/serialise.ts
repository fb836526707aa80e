// Records back to rows: the inverse of parse.ts. Dates are written `YYYY-MM-DD`, times `HH:MM`, lists `; `-joined,
// yes/no as Y/N, so a round trip through any spreadsheet reads back the same records.
import { formatTime } from '../dates';
import type { CellValue, Grid, TabKey, Tracker } from '../model';
import { matchHeader } from './parse';
import { isLegacyEhcpHeader, SETTING_ROWS, tabSpec, TAB_SPECS, type FieldSpec } from './tabs';

export function headerRow(tab: TabKey): string[] {
  return tabSpec(tab).fields.map((f) => f.header);
}

function toCell(f: FieldSpec, v: unknown): CellValue {
  if (v === undefined || v === null) return null;
  switch (f.type.kind) {
    case 'time':
      return typeof v === 'number' ? formatTime(v) : String(v);
    case 'yesno':
      return v === true ? 'Y' : v === false ? 'N' : String(v);
    case 'list':
      return Array.isArray(v) ? (v.length ? v.join('; ') : null) : String(v);
    case 'number':
      return typeof v === 'number' ? v : String(v);
    default:
      return String(v);
  }
}

/** One record as a row in canonical column order, or aligned to `header` when given (unknown columns blank). */
export function recordToRow(tab: TabKey, record: object, header?: readonly CellValue[]): CellValue[] {
  const spec = tabSpec(tab);
  const values = record as Record<string, unknown>;
  if (!header) return spec.fields.map((f) => toCell(f, values[f.key]));
  const { columns } = matchHeader(spec, header);
  const row: CellValue[] = new Array<CellValue>(header.length).fill(null);
  for (const f of spec.fields) {
    const col = columns[f.key];
    if (col === undefined) continue;
    // An older tracker's EHCP column holds Y/N: write the status the way that column reads it.
    if (f.key === 'senStatus' && isLegacyEhcpHeader(header[col]))
      row[col] = values[f.key] === undefined ? null : values[f.key] === 'E' ? 'Y' : 'N';
    else row[col] = toCell(f, values[f.key]);
  }
  return row;
}

export function recordsToRows(tab: TabKey, records: readonly object[], header?: readonly CellValue[]): CellValue[][] {
  return records.map((r) => recordToRow(tab, r, header));
}

const RECORDS: Record<Exclude<TabKey, 'settings'>, (t: Tracker) => readonly object[]> = {
  pupils: (t) => t.pupils,
  targets: (t) => t.targets,
  staff: (t) => t.staff,
  training: (t) => t.training,
  rota: (t) => t.rota,
  absence: (t) => t.absences,
  log: (t) => t.logs,
  reviews: (t) => t.reviews,
};

export function settingsRows(t: Tracker): CellValue[][] {
  return [headerRow('settings'), ...SETTING_ROWS.map((s) => [s.label, (t.settings[s.key] as string | number | undefined) ?? s.default])];
}

/** Every tab, header then rows, under canonical tab names. */
export function trackerToGrids(t: Tracker): Record<string, Grid> {
  const out: Record<string, Grid> = {};
  for (const spec of TAB_SPECS) {
    out[spec.name] = spec.key === 'settings' ? settingsRows(t) : [headerRow(spec.key), ...recordsToRows(spec.key, RECORDS[spec.key](t))];
  }
  return out;
}
