// Turning what a front end was handed (a tracker workbook's grids, or a CSV's text) into tracker grids the core
// parses, remembering how to name a place in the original: `Pupils!C5` for a workbook, `pupils.csv line 5 (Surname)`
// for a CSV. A pupil list without a Pupil ID column gets one made from UPN or admission number, and says so.
import { parseCsv, unescapeFormula } from '../csv';
import type { CellValue, Grid, TabKey } from '../model';
import { a1Cell, parseRange } from '../schema/a1';
import { cellText, isBlankCell } from '../schema/cells';
import { findTabs, matchHeader, type ParseOptions } from '../schema/parse';
import { normaliseHeader, tabSpec } from '../schema/tabs';

export type ImportSource =
  | { kind: 'workbook'; name: string; grids: Record<string, Grid>; options?: ParseOptions }
  | { kind: 'csv'; name: string; text: string }
  /** A pupil or target list already in cells: a tab an MIS export was imported into (the add-on). `name` is the tab. */
  | { kind: 'table'; name: string; grid: Grid };

export interface DerivedId {
  /** Where the made-up ID sits, e.g. `pupils.csv line 4`. */
  where: string;
  row: number;
  id: string;
  from: 'UPN' | 'admission number';
}

export interface PreparedSource {
  /** What kind of list this is: a whole tracker, or a CSV of pupils or of targets. */
  kind: 'tracker' | 'pupils' | 'targets';
  grids: Record<string, Grid>;
  options: ParseOptions;
  /** Tabs read from the source (a CSV is one tab). */
  tabs: Partial<Record<TabKey, string>>;
  derivedIds: DerivedId[];
  /** Problems with the file as a whole (an unclosed quote), each naming where. */
  fileProblems: string[];
  /** Human wording for an A1 cell of the parsed grids. */
  where(cell: string): string;
}

/** Column (0-based) appended when IDs are made from UPN or admission number. */
const DERIVED_ID_HEADER = 'Pupil ID';

/** IDs made from a UPN are the UPN itself (stable, unique in England); from an admission number, `ADNO-` + it. */
export function derivedPupilId(upn: CellValue, admission: CellValue): { id: string; from: DerivedId['from'] } | undefined {
  const u = cellText(upn).replace(/\s+/g, '').toUpperCase();
  if (u !== '') return { id: u, from: 'UPN' };
  const a = cellText(admission);
  if (a !== '') return { id: `ADNO-${a}`, from: 'admission number' };
  return undefined;
}

/** When a pupil list has no Pupil ID column but has UPN or admission numbers, add one (in a copy of the grid). */
function addDerivedIds(grid: Grid, where: (row: number) => string): { grid: Grid; derived: DerivedId[] } {
  const spec = tabSpec('pupils');
  const header = grid[0] ?? [];
  const { columns } = matchHeader(spec, header);
  if (columns['id'] !== undefined || (columns['upn'] === undefined && columns['misId'] === undefined)) return { grid, derived: [] };
  const idCol = header.length;
  const derived: DerivedId[] = [];
  const out = grid.map((row, r) => {
    const copy = row.slice();
    while (copy.length < idCol) copy.push(null);
    if (r === 0) copy[idCol] = DERIVED_ID_HEADER;
    else if (!row.every(isBlankCell)) {
      const d = derivedPupilId(
        columns['upn'] === undefined ? null : row[columns['upn']],
        columns['misId'] === undefined ? null : row[columns['misId']],
      );
      if (d) {
        copy[idCol] = d.id;
        derived.push({ where: where(r + 1), row: r + 1, id: d.id, from: d.from });
      }
    }
    return copy;
  });
  return { grid: out, derived };
}

function isTargetList(header: readonly CellValue[]): boolean {
  const target = tabSpec('targets');
  const { columns } = matchHeader(target, header);
  // A target list has the target text; a pupil list never does.
  return columns['text'] !== undefined && header.every((h) => normaliseHeader(cellText(h)) !== 'forename');
}

export function prepareSource(source: ImportSource): PreparedSource {
  if (source.kind === 'workbook') {
    const options = source.options ?? {};
    const tabs = findTabs(Object.keys(source.grids), options.metadata);
    const grids = { ...source.grids };
    const pupilsTab = tabs.pupils;
    let derivedIds: DerivedId[] = [];
    if (pupilsTab !== undefined) {
      const d = addDerivedIds(grids[pupilsTab] ?? [], (row) => a1Cell(pupilsTab, (grids[pupilsTab]?.[0] ?? []).length, row));
      grids[pupilsTab] = d.grid;
      derivedIds = d.derived;
    }
    return { kind: 'tracker', grids, options, tabs, derivedIds, fileProblems: [], where: (cell) => cell };
  }

  if (source.kind === 'table') return prepareTable(source.name, source.grid);
  return prepareCsv(source.name, source.text);
}

/** The list's kind, its grid (header first, with a derived Pupil ID column when it needs one) and its IDs. */
function listGrid(
  headerFields: string[],
  body: Grid,
  whereRow: (row: number) => string,
): { kind: 'pupils' | 'targets'; grid: Grid; derivedIds: DerivedId[] } {
  const kind = isTargetList(headerFields) ? 'targets' : 'pupils';
  const grid: Grid = body.map((r, i) => (i === 0 ? headerFields : r));
  if (kind !== 'pupils') return { kind, grid, derivedIds: [] };
  const d = addDerivedIds(grid, whereRow);
  return { kind, grid: d.grid, derivedIds: d.derived };
}

/** Column heading for a parsed column: the file's own, or the derived Pupil ID appended after it. */
const headingOf = (headerFields: readonly string[], col: number) =>
  col < headerFields.length ? headerFields[col] : col === headerFields.length ? DERIVED_ID_HEADER : undefined;

function prepareCsv(name: string, text: string): PreparedSource {
  const parsed = parseCsv(text);
  const records = parsed.records;
  const headerIndex = records.findIndex((r) => r.fields.some((f) => f.trim() !== ''));
  const headerFields = headerIndex >= 0 ? records[headerIndex]!.fields.map((f) => f.trim()) : [];
  // Grid row r+1 is CSV record headerIndex+r; blank lines stay as blank rows so row numbers map to lines exactly.
  const body = headerIndex >= 0 ? records.slice(headerIndex) : [];
  const lineOf = (row: number) => body[row - 1]?.line ?? 1;
  const { kind, grid, derivedIds } = listGrid(
    headerFields,
    body.map((r) => r.fields.map(unescapeFormula)),
    (row) => `${name} line ${lineOf(row)}`,
  );
  const tabName = tabSpec(kind).name;
  const where = (cell: string) => {
    const p = parseRange(cell);
    if (p.startRow === undefined) return name;
    const heading = p.startColumn === undefined ? undefined : headingOf(headerFields, p.startColumn);
    return `${name} line ${lineOf(p.startRow)}${heading ? ` (${heading})` : ''}`;
  };
  const fileProblems = parsed.errors.map(
    (e) => `${name} line ${e.line}: ${e.message.replace(/^Line \d+: /, '')} Nothing after it could be read.`,
  );
  if (headerIndex < 0) fileProblems.push(`${name}: the file is empty; it needs a header row.`);
  return { kind, grids: { [tabName]: grid }, options: {}, tabs: { [kind]: tabName }, derivedIds, fileProblems, where };
}

/** A list in a tab: places are named as that tab's own cells (`'MIS export'!C5`), rows above the header skipped. */
function prepareTable(name: string, cells: Grid): PreparedSource {
  const headerIndex = cells.findIndex((r) => !r.every(isBlankCell));
  const headerFields = headerIndex >= 0 ? cells[headerIndex]!.map((h) => cellText(h).trim()) : [];
  const body = headerIndex >= 0 ? cells.slice(headerIndex) : [];
  const sheetRow = (row: number) => row + Math.max(headerIndex, 0);
  const { kind, grid, derivedIds } = listGrid(headerFields, body, (row) => a1Cell(name, 0, sheetRow(row)));
  const tabName = tabSpec(kind).name;
  const where = (cell: string) => {
    const p = parseRange(cell);
    if (p.startRow === undefined) return `'${name}'`;
    if (p.startColumn === undefined || p.startColumn >= headerFields.length) return a1Cell(name, 0, sheetRow(p.startRow));
    return a1Cell(name, p.startColumn, sheetRow(p.startRow));
  };
  const fileProblems = headerIndex < 0 ? [`The tab "${name}" is empty; it needs a header row.`] : [];
  return { kind, grids: { [tabName]: grid }, options: {}, tabs: { [kind]: tabName }, derivedIds, fileProblems, where };
}
