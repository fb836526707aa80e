// "Set up tracker": the additive plan from shared/setup.ts (missing tabs, header cells and settings rows, never
// over a non-blank cell) applied through SpreadsheetApp, then the things only a live Sheet has: frozen bold
// headers, data validation, conditional formats, a warning-only protection on the Log tab and developer
// metadata on our tabs and columns. A signature stored on each tab records what was formatted, so a second
// run finds nothing to do and writes nothing.
import type { CellValue, Grid, TabKey } from '../../shared/index';
import { columnLetters } from '../../shared/index';
import { matchHeader, TAB_METADATA_KEY } from '../../shared/index';
import { isLegacyEhcpHeader, tabSpec, TAB_SPECS, type FieldSpec } from '../../shared/index';
import { appendOnlyProtectionText, planSetup, validationRule, type WorkbookChange } from '../../shared/index';
import type { Workbook } from '../../shared/index';
import { gas, type GasConditionalFormatRule, type GasSheet, type GasSpreadsheet } from './gas';
import { withDocumentLock } from './lock';
import { FIELD_METADATA_KEY, readTracker, type TrackerSnapshot } from './read';
import { safeCell } from './text';

/** Sheet metadata recording the layout set-up last formatted; bump the version when formatting changes. */
export const FORMAT_METADATA_KEY = 'caseload:format';
// v2: validation follows the core's one policy (warn, never refuse), so trackers set up under v1 are redone.
const FORMAT_VERSION = 'v2';
/** Conditional-format formulas set-up owns start with this harmless term (N of text is 0), so re-running
 * set-up replaces its own rules and leaves a SENCo's own rules alone. */
const RULE_MARK = 'N("caseload")=0';

export interface SetupReport {
  added: string[];
  skipped: string[];
  formatted: string[];
}

export function workbookOf(snap: TrackerSnapshot): Workbook {
  return {
    sheets: [...snap.sheets.keys()].map((name) => {
      const md = snap.metadata[name];
      return { name, values: snap.grids[name] ?? [], ...(md ? { metadata: md } : {}) };
    }),
  };
}

function pad(rows: readonly CellValue[][], width: number): CellValue[][] {
  return rows.map((r) => {
    const out = r.map(safeCell);
    while (out.length < width) out.push(null);
    return out;
  });
}

/** Grow a sheet so a write of `rows` × `columns` from A1 fits (setValues outside the sheet throws). */
export function ensureSize(sheet: GasSheet, rows: number, columns: number): void {
  const maxCols = sheet.getMaxColumns();
  if (columns > maxCols) sheet.insertColumnsAfter(maxCols, columns - maxCols);
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
}

/** The 1-based last row holding anything, 0 for an empty grid. */
export function lastUsedRow(grid: Grid | undefined): number {
  if (!grid) return 0;
  for (let r = grid.length - 1; r >= 0; r--) if ((grid[r] ?? []).some((v) => v !== '' && v !== null && v !== undefined)) return r + 1;
  return 0;
}

/** Apply one set-up change through SpreadsheetApp and keep the snapshot in step. Call under the document lock. */
export function applyChange(ss: GasSpreadsheet, snap: TrackerSnapshot, c: WorkbookChange): void {
  switch (c.kind) {
    case 'addSheet': {
      const sheet = ss.insertSheet(c.sheet);
      snap.sheets.set(c.sheet, sheet);
      const width = Math.max(...c.values.map((r) => r.length));
      ensureSize(sheet, c.values.length, width);
      sheet.getRange(1, 1, c.values.length, width).setValues(pad(c.values, width));
      for (const [k, v] of Object.entries(c.metadata ?? {})) sheet.addDeveloperMetadata(k, v);
      snap.grids[c.sheet] = c.values.map((r) => r.slice());
      snap.metadata[c.sheet] = { ...(c.metadata ?? {}) };
      return;
    }
    case 'setCells': {
      const sheet = snap.sheets.get(c.sheet)!;
      ensureSize(sheet, c.row, c.column + c.values.length);
      sheet.getRange(c.row, c.column + 1, 1, c.values.length).setValues([c.values.map(safeCell)]);
      const row = ((snap.grids[c.sheet] ??= [])[c.row - 1] ??= []);
      for (const [i, v] of c.values.entries()) row[c.column + i] = v;
      return;
    }
    case 'appendRows': {
      const sheet = snap.sheets.get(c.sheet)!;
      const width = Math.max(...c.rows.map((r) => r.length));
      const first = lastUsedRow(snap.grids[c.sheet]) + 1;
      ensureSize(sheet, first + c.rows.length - 1, width);
      sheet.getRange(first, 1, c.rows.length, width).setValues(pad(c.rows, width));
      return;
    }
    case 'setMetadata': {
      snap.sheets.get(c.sheet)!.addDeveloperMetadata(c.key, c.value);
      (snap.metadata[c.sheet] ??= {})[c.key] = c.value;
      return;
    }
    case 'replaceCell': {
      // An import updating a matched pupil's cell (the Sheet's version history keeps the old value).
      snap.sheets
        .get(c.sheet)!
        .getRange(c.row, c.column + 1, 1, 1)
        .setValues([[safeCell(c.value)]]);
      ((snap.grids[c.sheet] ??= [])[c.row - 1] ??= [])[c.column] = c.value;
      return;
    }
  }
}

/** The core's validation policy for a field (shared/setup.ts validationRule) as an Apps Script rule. */
function validationFor(f: FieldSpec) {
  const rule = validationRule(f);
  if (!rule) return undefined;
  const b = gas().SpreadsheetApp.newDataValidation();
  const built =
    rule.kind === 'list'
      ? b.requireValueInList([...rule.options], true)
      : rule.kind === 'date'
        ? b.requireDate()
        : b.requireNumberBetween(rule.min, rule.max);
  return built.setAllowInvalid(!rule.strict).setHelpText(rule.help).build();
}

/** Conditional formats per tab: [field whose cells are coloured, formula over row 2, background]. */
function conditionalRulesFor(key: TabKey, columns: Record<string, number>): { field: string; formula: string; background: string }[] {
  const col = (field: string) => (columns[field] === undefined ? undefined : `$${columnLetters(columns[field]!)}2`);
  const out: { field: string; formula: string; background: string }[] = [];
  const red = '#f4c7c3';
  const amber = '#fce8b2';
  if (key === 'targets') {
    const review = col('reviewBy');
    const status = col('status');
    if (review) {
      const notDone = status ? `,${status}<>"Achieved"` : '';
      out.push({ field: 'reviewBy', formula: `=AND(${RULE_MARK},ISNUMBER(${review}),${review}<TODAY()${notDone})`, background: red });
    }
  }
  if (key === 'pupils') {
    const last = col('lastAnnualReview');
    if (last)
      out.push({ field: 'lastAnnualReview', formula: `=AND(${RULE_MARK},ISNUMBER(${last}),EDATE(${last},12)<TODAY())`, background: red });
  }
  if (key === 'training') {
    const exp = col('expires');
    if (exp) {
      out.push({ field: 'expires', formula: `=AND(${RULE_MARK},ISNUMBER(${exp}),${exp}<TODAY())`, background: red });
      out.push({ field: 'expires', formula: `=AND(${RULE_MARK},ISNUMBER(${exp}),${exp}>=TODAY(),${exp}<TODAY()+30)`, background: amber });
    }
  }
  return out;
}

function isOurRule(rule: GasConditionalFormatRule): boolean {
  const formula = rule.getBooleanCondition()?.getCriteriaValues()[0];
  return typeof formula === 'string' && formula.includes(RULE_MARK);
}

/** What a tab's formatting depends on: the columns our fields occupy. */
function signature(key: TabKey, columns: Record<string, number>): string {
  return `${FORMAT_VERSION}|${tabSpec(key)
    .fields.map((f) => `${f.key}@${columns[f.key] ?? '-'}`)
    .join(',')}`;
}

function formatTab(key: TabKey, sheet: GasSheet, columns: Record<string, number>, header: readonly unknown[] = []): void {
  const spec = tabSpec(key);
  const { SpreadsheetApp } = gas();
  const maxRows = sheet.getMaxRows();
  const width = Math.max(...Object.values(columns)) + 1;
  if (sheet.getFrozenRows() === 0) sheet.setFrozenRows(1);
  sheet.getRange(1, 1, 1, width).setFontWeight('bold');

  const existingFields = new Set<string>();
  for (const m of sheet.createDeveloperMetadataFinder().withKey(FIELD_METADATA_KEY).find()) existingFields.add(m.getValue() ?? '');

  for (const f of spec.fields) {
    const col = columns[f.key];
    if (col === undefined) continue;
    if (key !== 'settings' && maxRows > 1) {
      // An older tracker's EHCP column keeps its Y/N values: E/K/N validation there would refuse every cell.
      const legacy = f.key === 'senStatus' && isLegacyEhcpHeader(header[col]);
      const rule = legacy ? validationFor({ ...f, type: { kind: 'yesno' } }) : validationFor(f);
      if (rule) sheet.getRange(2, col + 1, maxRows - 1, 1).setDataValidation(rule);
      if (f.type.kind === 'date') sheet.getRange(2, col + 1, maxRows - 1, 1).setNumberFormat('dd/mm/yyyy');
      if (f.type.kind === 'time') sheet.getRange(2, col + 1, maxRows - 1, 1).setNumberFormat('HH:mm');
    }
    if (!existingFields.has(f.key))
      sheet.getRange(`${columnLetters(col)}:${columnLetters(col)}`).addDeveloperMetadata(FIELD_METADATA_KEY, f.key);
  }

  const wanted = conditionalRulesFor(key, columns);
  const current = sheet.getConditionalFormatRules();
  if (wanted.length > 0 || current.some(isOurRule)) {
    const rules = current.filter((r) => !isOurRule(r));
    for (const w of wanted) {
      const col = columns[w.field]!;
      rules.push(
        SpreadsheetApp.newConditionalFormatRule()
          .whenFormulaSatisfied(w.formula)
          .setBackground(w.background)
          .setRanges([sheet.getRange(2, col + 1, Math.max(1, maxRows - 1), 1)])
          .build(),
      );
    }
    sheet.setConditionalFormatRules(rules);
  }

  if (spec.appendOnly && sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).length === 0) {
    // Warning-only: LSAs' logs arrive through the extension, but a SENCo can still fix a typo after a prompt.
    sheet.protect().setDescription(appendOnlyProtectionText(sheet.getName())).setWarningOnly(true);
  }
}

/** Format every tracker tab whose stored signature differs from its current layout. */
function formatTabs(snap: TrackerSnapshot, report: SetupReport): void {
  for (const spec of TAB_SPECS) {
    const name = Object.keys(snap.metadata).find((n) => snap.metadata[n]?.[TAB_METADATA_KEY] === spec.key);
    const sheet = name === undefined ? undefined : snap.sheets.get(name);
    if (name === undefined || !sheet) continue;
    const header = snap.grids[name]?.[0] ?? [];
    const { columns } = spec.key === 'settings' ? { columns: { key: 0, value: 1 } } : matchHeader(spec, header);
    if (Object.keys(columns).length === 0) continue;
    const sig = signature(spec.key, columns);
    if (snap.metadata[name]?.[FORMAT_METADATA_KEY] === sig) continue;
    formatTab(spec.key, sheet, columns, header);
    const stored = sheet.getDeveloperMetadata().find((m) => m.getKey() === FORMAT_METADATA_KEY);
    if (stored) stored.setValue(sig);
    else sheet.addDeveloperMetadata(FORMAT_METADATA_KEY, sig);
    report.formatted.push(name);
  }
}

export function setUpSpreadsheet(ss: GasSpreadsheet): SetupReport {
  return withDocumentLock(() => {
    const snap = readTracker(ss, { allMarkers: true });
    const plan = planSetup(workbookOf(snap));
    for (const c of plan.changes) applyChange(ss, snap, c);
    const report: SetupReport = { added: plan.added, skipped: plan.skipped, formatted: [] };
    formatTabs(snap, report);
    return report;
  });
}

/** Menu handler. */
export function setUpTracker(): void {
  const { SpreadsheetApp } = gas();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const report = setUpSpreadsheet(ss);
  const lines = [...report.added, ...report.formatted.map((n) => `Set up drop-downs, date checks and colours on ${n}.`), ...report.skipped];
  ss.toast(lines.length ? lines.join(' ') : 'The tracker was already set up: nothing changed.', 'Caseload set-up', 10);
}
