// Setting up a tracker without losing anything: work out which tabs, header cells and settings rows a workbook
// lacks, as a list of additive changes. `caseload init` on an existing file and the add-on's "Set up tracker"
// apply the same plan, so both leave every existing cell, column and row exactly where it was.
import { emptyTracker, type CellValue, type Grid, type TabKey } from './model';
import { a1Cell, columnLetters } from './schema/a1';
import { matchHeader, TAB_METADATA_KEY } from './schema/parse';
import { headerRow, recordsToRows, settingsRows } from './schema/serialise';
import { normaliseHeader, SETTING_ROWS, TAB_SPECS, type FieldSpec } from './schema/tabs';
import { isBlankCell } from './schema/cells';
import { type Workbook, workbookTabs } from './workbook';

/** One edit to a workbook. All but `replaceCells` are additive and never replace a non-blank cell. */
export type WorkbookChange =
  /** A new tab at the end of the workbook, with these rows. */
  | { kind: 'addSheet'; sheet: string; values: Grid; metadata?: Record<string, string> }
  /** Cells in one row from `column` rightwards (row 1-based, column 0-based); applied only where blank. */
  | { kind: 'setCells'; sheet: string; row: number; column: number; values: CellValue[] }
  /** Rows below the last row of a tab. */
  | { kind: 'appendRows'; sheet: string; rows: CellValue[][] }
  /** Developer metadata on a tab (how a renamed tab is still recognised). */
  | { kind: 'setMetadata'; sheet: string; key: string; value: string }
  /** One cell replaced (row 1-based, column 0-based): only an import's merge makes these, for a pupil row it matched
   * by ID, UPN or admission number, and a front end writing a file keeps a backup of the original first. */
  | { kind: 'replaceCell'; sheet: string; row: number; column: number; value: CellValue };

export interface SetupPlan {
  changes: WorkbookChange[];
  /** What the changes do, one line each, for a person: "Added the Log tab". */
  added: string[];
  /** What set-up could not do safely and left for a person, with where. */
  skipped: string[];
}

function lastNonBlank(row: readonly CellValue[]): number {
  for (let i = row.length - 1; i >= 0; i--) if (!isBlankCell(row[i])) return i;
  return -1;
}

function hasData(grid: Grid): boolean {
  return grid.some((row) => row.some((v) => !isBlankCell(v)));
}

/** The changes that turn `wb` into a complete tracker while keeping all of its data. */
export function planSetup(wb: Workbook): SetupPlan {
  const where = workbookTabs(wb);
  const taken = new Set(wb.sheets.map((s) => s.name));
  const plan: SetupPlan = { changes: [], added: [], skipped: [] };

  for (const spec of TAB_SPECS) {
    const name = where[spec.key];
    const sheet = name === undefined ? undefined : wb.sheets.find((s) => s.name === name);
    if (!sheet) {
      // A sheet claimed by another tab (through metadata) may already use the name: never collide with it.
      let newName = spec.name;
      for (let n = 2; taken.has(newName); n++) newName = `${spec.name} (${n})`;
      taken.add(newName);
      const values = spec.key === 'settings' ? settingsRows(emptyTracker()) : [headerRow(spec.key)];
      plan.changes.push({ kind: 'addSheet', sheet: newName, values, metadata: { [TAB_METADATA_KEY]: spec.key } });
      plan.added.push(`Added the ${newName} tab.`);
      continue;
    }
    if (sheet.metadata?.[TAB_METADATA_KEY] !== spec.key) {
      plan.changes.push({ kind: 'setMetadata', sheet: sheet.name, key: TAB_METADATA_KEY, value: spec.key });
    }
    if (spec.key === 'settings') planSettings(sheet.name, sheet.values, plan);
    else planHeader(spec.key, sheet.name, sheet.values, plan);
  }
  return plan;
}

/** Set-up's plan for one tab's header alone: the header row if the tab has none, else its missing columns added to
 * the right of everything there. Writers that need a column (the add-on's cover write needs "Cover from" and
 * "Cover to") apply this rather than the whole set-up. */
export function planTabHeader(tab: Exclude<TabKey, 'settings'>, sheetName: string, grid: Grid): SetupPlan {
  const plan: SetupPlan = { changes: [], added: [], skipped: [] };
  planHeader(tab, sheetName, grid, plan);
  return plan;
}

function planHeader(tab: Exclude<TabKey, 'settings'>, sheetName: string, grid: Grid, plan: SetupPlan): void {
  const header = grid[0] ?? [];
  if (header.every(isBlankCell)) {
    if (hasData(grid)) {
      // Data with no header: writing our headers over it would silently relabel someone's columns.
      plan.skipped.push(
        `${sheetName} has data but no header row, so no headers were written: add them in row 1 (${a1Cell(sheetName, 0, 1)}).`,
      );
      return;
    }
    plan.changes.push({ kind: 'setCells', sheet: sheetName, row: 1, column: 0, values: headerRow(tab) });
    plan.added.push(`Added the header row to ${sheetName}.`);
    return;
  }
  const spec = TAB_SPECS.find((t) => t.key === tab)!;
  const { columns } = matchHeader(spec, header);
  const missing = spec.fields.filter((f) => columns[f.key] === undefined).map((f) => f.header);
  if (missing.length === 0) return;
  // New columns go to the right of everything already there, so no existing column moves.
  const widest = Math.max(lastNonBlank(header), ...grid.map(lastNonBlank));
  const first = widest + 1;
  plan.changes.push({ kind: 'setCells', sheet: sheetName, row: 1, column: first, values: missing });
  const range = `${columnLetters(first)}1${missing.length > 1 ? `:${columnLetters(first + missing.length - 1)}1` : ''}`;
  plan.added.push(
    `Added ${missing.length === 1 ? 'the column' : 'columns'} ${missing.map((m) => `"${m}"`).join(', ')} to ${sheetName} (${range}).`,
  );
}

function planSettings(sheetName: string, grid: Grid, plan: SetupPlan): void {
  if (!hasData(grid)) {
    plan.changes.push({ kind: 'setCells', sheet: sheetName, row: 1, column: 0, values: headerRow('settings') });
    plan.changes.push({ kind: 'appendRows', sheet: sheetName, rows: settingsRows(emptyTracker()).slice(1) });
    plan.added.push(`Added the settings to ${sheetName}.`);
    return;
  }
  const present = new Set(grid.map((row) => (typeof row[0] === 'string' ? normaliseHeader(row[0]) : '')));
  const missing = SETTING_ROWS.filter((s) => !present.has(normaliseHeader(s.label)));
  if (missing.length === 0) return;
  plan.changes.push({ kind: 'appendRows', sheet: sheetName, rows: missing.map((s) => [s.label, s.default]) });
  plan.added.push(`Added the ${missing.map((s) => `"${s.label}"`).join(', ')} setting${missing.length > 1 ? 's' : ''} to ${sheetName}.`);
}

/** Apply changes to an in-memory workbook (a copy; the input is left alone). Sources that rewrite whole files
 * and tests use it; sources that can edit in place (an .xlsx with formulas, a live Sheet) apply changes natively. */
export function applyChanges(wb: Workbook, changes: readonly WorkbookChange[]): Workbook {
  const out: Workbook = {
    sheets: wb.sheets.map((s) => ({
      ...s,
      values: s.values.map((r) => r.slice()),
      ...(s.metadata ? { metadata: { ...s.metadata } } : {}),
    })),
  };
  const sheetNamed = (name: string) => {
    const s = out.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`No sheet named "${name}" to change.`);
    return s;
  };
  for (const c of changes) {
    switch (c.kind) {
      case 'addSheet':
        if (out.sheets.some((s) => s.name === c.sheet)) throw new Error(`A sheet named "${c.sheet}" already exists.`);
        out.sheets.push({ name: c.sheet, values: c.values.map((r) => r.slice()), ...(c.metadata ? { metadata: { ...c.metadata } } : {}) });
        break;
      case 'setCells': {
        const s = sheetNamed(c.sheet);
        while (s.values.length < c.row) s.values.push([]);
        const row = s.values[c.row - 1]!;
        c.values.forEach((v, i) => {
          const col = c.column + i;
          while (row.length < col) row.push(null);
          if (isBlankCell(row[col])) row[col] = v;
        });
        break;
      }
      case 'appendRows': {
        const s = sheetNamed(c.sheet);
        while (s.values.length > 0 && s.values[s.values.length - 1]!.every(isBlankCell)) s.values.pop();
        s.values.push(...c.rows.map((r) => r.slice()));
        break;
      }
      case 'setMetadata': {
        const s = sheetNamed(c.sheet);
        s.metadata = { ...(s.metadata ?? {}), [c.key]: c.value };
        break;
      }
      case 'replaceCell': {
        const s = sheetNamed(c.sheet);
        while (s.values.length < c.row) s.values.push([]);
        const row = s.values[c.row - 1]!;
        while (row.length < c.column) row.push(null);
        row[c.column] = c.value;
        break;
      }
    }
  }
  return out;
}

/**
 * Add imported pupils or targets to a tracker: set-up first (so the tab and its columns exist), then the new
 * records appended under the tab's own header (whatever its column order). A record whose ID the tracker already
 * has is left out and reported; the tracker's version is kept, never replaced.
 */
export function planImport(wb: Workbook, tab: 'pupils' | 'targets', records: readonly { id: string }[]): SetupPlan & { imported: number } {
  const setup = planSetup(wb);
  const after = applyChanges(wb, setup.changes);
  const sheetName = workbookTabs(after)[tab]!;
  const grid = after.sheets.find((s) => s.name === sheetName)!.values;
  const header = grid[0] ?? [];
  const spec = TAB_SPECS.find((t) => t.key === tab)!;
  const idCol = matchHeader(spec, header).columns['id'];
  const existing = new Map<string, number>();
  if (idCol !== undefined) {
    grid.forEach((row, r) => {
      const v = row[idCol];
      if (r > 0 && !isBlankCell(v)) existing.set(String(v).trim(), r + 1);
    });
  }
  const fresh = records.filter((rec) => !existing.has(rec.id));
  const skipped = records
    .filter((rec) => existing.has(rec.id))
    .map(
      (rec) =>
        `${rec.id} is already in ${sheetName} (${a1Cell(sheetName, idCol ?? 0, existing.get(rec.id)!)}); that row was left as it is.`,
    );
  const changes = [...setup.changes];
  if (fresh.length > 0) changes.push({ kind: 'appendRows', sheet: sheetName, rows: recordsToRows(tab, fresh, header) });
  const noun = tab === 'pupils' ? 'pupil' : 'target';
  const added = [...setup.added];
  if (fresh.length > 0) added.push(`Added ${fresh.length} ${noun}${fresh.length === 1 ? '' : 's'} to ${sheetName}.`);
  return { changes, added, skipped: [...setup.skipped, ...skipped], imported: fresh.length };
}

/** A cell rule set-up puts on a column, the same whichever front end sets the tracker up. */
export type ValidationRule =
  | { kind: 'list'; options: readonly string[]; strict: boolean; help: string }
  | { kind: 'date'; strict: boolean; help: string }
  | { kind: 'number'; min: number; max: number; strict: boolean; help: string };

/**
 * The one data-validation policy for set-up (CLI on .xlsx, CLI on a Google Sheet, the add-on). Every rule warns and
 * never refuses (`strict: false`): set-up runs on schools' existing trackers, where a column may already hold values
 * from before (an old category, a pasted date as text), and a refusing rule would stop a SENCo re-typing any cell
 * in that row or pasting last year's data. The sheet shows the warning marker and help text at once, and the
 * checks (`DATA_BAD_CHOICE`, `DATA_BAD_DATE`, `DATA_BAD_NUMBER`) name every bad cell, so nothing is lost and nothing
 * goes unnoticed. Free-text and id columns get no rule.
 */
export function validationRule(f: FieldSpec): ValidationRule | undefined {
  const t = f.type;
  switch (t.kind) {
    case 'choice':
      return { kind: 'list', options: t.options, strict: false, help: `Choose one of: ${t.options.join(', ')}.` };
    case 'yesno':
      return { kind: 'list', options: ['Y', 'N'], strict: false, help: 'Y or N.' };
    case 'date':
      return { kind: 'date', strict: false, help: 'A date, dd/mm/yyyy.' };
    case 'number': {
      const min = t.min ?? 0;
      const max = t.max ?? 1_000_000;
      return { kind: 'number', min, max, strict: false, help: `A number from ${min} to ${max}.` };
    }
    default:
      return undefined;
  }
}

/** The protection description on an append-only tab (the Log): warning-only, so a correction is still possible,
 * but anyone editing it is reminded first. One text for every front end. */
export function appendOnlyProtectionText(tabName: string): string {
  return `Caseload: the ${tabName} tab is append-only evidence. Add a correction row rather than editing; edit only to fix a mistake.`;
}
