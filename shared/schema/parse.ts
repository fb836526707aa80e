// Parse a tracker workbook (tab name → 2-D cell values) into typed records plus findings.
// Nothing here throws on bad data: every problem becomes a finding naming its tab and A1 cell.
import {
  emptyTracker,
  SENCO_COVER_CHOICES,
  type CellValue,
  type Finding,
  type Grid,
  type LogEntry,
  type Severity,
  type TabKey,
  type TabLayout,
  type Tracker,
} from '../model';
import { a1Cell, parseRange } from './a1';
import {
  cellText,
  choiceReader,
  isBlankCell,
  isFormulaError,
  readDate,
  readLegacyEhcp,
  readNumber,
  readTime,
  readTimestamp,
  readYesNo,
  splitList,
  type Read,
} from './cells';
import { isLegacyEhcpHeader, normaliseHeader, SETTING_ROWS, TAB_SPECS, tabSpec, type FieldSpec, type TabSpec } from './tabs';

export interface ParseOptions {
  /** Developer metadata per sheet name; `caseload:tab` = tab key finds a renamed tab. */
  metadata?: Record<string, Record<string, string>>;
  /** Merged ranges per sheet name (A1 without sheet): the top-left value fills the whole range, as a reader sees it. */
  merges?: Record<string, readonly string[]>;
}

export interface ParseResult {
  tracker: Tracker;
  findings: Finding[];
  /** The tabs that were recognised. */
  tabs: TabKey[];
}

/** Developer-metadata key the add-on and CLI put on tabs they create. */
export const TAB_METADATA_KEY = 'caseload:tab';

/** Tabs without which the tracker cannot do its job; the rest are reported more gently when absent. */
const CORE_TABS: readonly TabKey[] = ['pupils', 'targets', 'staff', 'rota'];

/** Which sheet holds each tab: metadata first (survives renames), then the canonical name, then aliases. */
export function findTabs(sheetNames: readonly string[], metadata: ParseOptions['metadata'] = {}): Partial<Record<TabKey, string>> {
  const found: Partial<Record<TabKey, string>> = {};
  const taken = new Set<string>();
  for (const spec of TAB_SPECS) {
    const byMeta = sheetNames.find((n) => metadata[n]?.[TAB_METADATA_KEY] === spec.key && !taken.has(n));
    if (byMeta !== undefined) {
      found[spec.key] = byMeta;
      taken.add(byMeta);
    }
  }
  for (const spec of TAB_SPECS) {
    if (found[spec.key] !== undefined) continue;
    const wanted = [spec.name, ...(spec.aliases ?? [])].map(normaliseHeader);
    for (const w of wanted) {
      const hit = sheetNames.find((n) => normaliseHeader(n) === w && !taken.has(n));
      if (hit !== undefined) {
        found[spec.key] = hit;
        taken.add(hit);
        break;
      }
    }
  }
  return found;
}

/** Map header cells to field keys. Returns columns by field and the duplicates found.
 * Each field takes the column whose header ranks best for it: its canonical header, then its aliases in the order
 * listed (ties go to the leftmost). Other columns naming the same field are duplicates, read by nobody. */
export function matchHeader(
  spec: TabSpec,
  header: readonly CellValue[],
): { columns: Record<string, number>; duplicates: { field: FieldSpec; column: number }[] } {
  const lookup = new Map<string, { field: FieldSpec; rank: number }>();
  for (const f of spec.fields) {
    [f.header, ...(f.aliases ?? [])].forEach((h, rank) => {
      const k = normaliseHeader(h);
      // The canonical header of one field wins over an alias of another ("Pupil ID" vs an alias "ID").
      if (!lookup.has(k) || rank === 0) lookup.set(k, { field: f, rank });
    });
  }
  const best = new Map<string, { column: number; rank: number }>();
  const claims: { field: FieldSpec; column: number }[] = [];
  header.forEach((cell, col) => {
    if (isBlankCell(cell)) return;
    const hit = lookup.get(normaliseHeader(cellText(cell)));
    if (!hit) return;
    claims.push({ field: hit.field, column: col });
    const cur = best.get(hit.field.key);
    if (!cur || hit.rank < cur.rank) best.set(hit.field.key, { column: col, rank: hit.rank });
  });
  const columns: Record<string, number> = {};
  for (const [key, b] of best) columns[key] = b.column;
  const duplicates = claims.filter((c) => columns[c.field.key] !== c.column);
  return { columns, duplicates };
}

/** Header cells that no field reads: unknown headings, and second columns for a field already read. */
export function unusedColumns(spec: TabSpec, header: readonly CellValue[]): { column: number; header: string; reason: string }[] {
  const { columns, duplicates } = matchHeader(spec, header);
  const used = new Set(Object.values(columns));
  const dup = new Map(duplicates.map((d) => [d.column, d.field]));
  const out: { column: number; header: string; reason: string }[] = [];
  header.forEach((cell, col) => {
    if (isBlankCell(cell) || used.has(col)) return;
    const field = dup.get(col);
    const reason = field
      ? `a second "${field.header}" column; "${cellText(header[columns[field.key]!])}" is read instead`
      : 'not a column Caseload knows';
    out.push({ column: col, header: cellText(cell), reason });
  });
  return out;
}

/** Fill merged ranges with their top-left value (a copy; the caller's grid is left alone). */
function fillMerges(grid: Grid, merges: readonly string[] | undefined): Grid {
  if (!merges || merges.length === 0) return grid;
  const out = grid.map((r) => r.slice());
  for (const m of merges) {
    let r: ReturnType<typeof parseRange>;
    try {
      r = parseRange(m);
    } catch {
      continue; // an unreadable merge is ignored: the cells read as they are
    }
    const { startRow, startColumn, endRow, endColumn } = r;
    if (startRow === undefined || startColumn === undefined || endRow === undefined || endColumn === undefined) continue;
    const value = out[startRow - 1]?.[startColumn];
    for (let row = startRow - 1; row <= endRow - 1; row++) {
      const cells = (out[row] ??= []);
      for (let col: number = startColumn; col <= endColumn; col++) if (row !== startRow - 1 || col !== startColumn) cells[col] = value;
    }
  }
  return out;
}

type Fields = Record<string, unknown>;

function readerFor(f: FieldSpec): (v: CellValue) => Read<unknown> {
  const t = f.type;
  switch (t.kind) {
    case 'text':
    case 'id':
      return (v) => (isBlankCell(v) ? { kind: 'blank' } : { kind: 'ok', value: cellText(v) });
    case 'date':
      return readDate;
    case 'time':
      return readTime;
    case 'timestamp':
      return readTimestamp;
    case 'number':
      return (v) => readNumber(v, t);
    case 'yesno':
      return readYesNo;
    case 'choice':
      return choiceReader(t.options);
    case 'list': {
      const one = t.options ? choiceReader(t.options) : undefined;
      return (v) => {
        if (isBlankCell(v)) return { kind: 'blank' };
        const items = splitList(v);
        if (!one) return { kind: 'ok', value: items };
        const out: string[] = [];
        for (const item of items) {
          const r = one(item);
          if (r.kind === 'bad') return r;
          if (r.kind === 'ok') out.push(r.value);
        }
        return { kind: 'ok', value: out };
      };
    }
  }
}

const BAD_CODE: Record<FieldSpec['type']['kind'], Finding['code']> = {
  text: 'DATA_BAD_CHOICE',
  id: 'DATA_BAD_CHOICE',
  date: 'DATA_BAD_DATE',
  time: 'DATA_BAD_TIME',
  timestamp: 'DATA_BAD_DATE',
  number: 'DATA_BAD_NUMBER',
  yesno: 'DATA_BAD_CHOICE',
  choice: 'DATA_BAD_CHOICE',
  list: 'DATA_BAD_CHOICE',
};

interface TabRows {
  rows: { row: number; fields: Fields }[];
  layout: TabLayout;
}

type Push = (severity: Severity, code: Finding['code'], col: number, row: number, message: string, extra?: Partial<Finding>) => void;

function findingPusher(sheetName: string, findings: Finding[]): Push {
  return (severity, code, col, row, message, extra = {}) =>
    findings.push({ severity, code, message, tab: sheetName, cell: a1Cell(sheetName, col, row), ...extra });
}

/** One tab's rows read one at a time: the column layout its header gives, and a reader for each data row that
 * returns the row's fields, or undefined for a blank or unusable row (its problems pushed as findings). */
interface RowReader {
  columns: Record<string, number>;
  /** The status column is an EHCP Y/N column (see TabLayout). */
  senStatusYesNo: boolean;
  read(cells: readonly CellValue[] | undefined, r: number): Fields | undefined;
}

/** Check a tab's header row (findings for a missing or doubled column) and make its row reader; undefined when
 * there is no header at all. */
function rowReader(spec: TabSpec, sheetName: string, header: readonly CellValue[], findings: Finding[]): RowReader | undefined {
  const push = findingPusher(sheetName, findings);
  if (header.every(isBlankCell)) {
    push(
      'error',
      'HEADER_MISSING',
      0,
      1,
      `The ${sheetName} tab has no header row: row 1 must name the columns (${spec.fields.map((f) => f.header).join(', ')}).`,
    );
    return undefined;
  }
  const { columns, duplicates } = matchHeader(spec, header);
  for (const d of duplicates) {
    push(
      'warning',
      'HEADER_DUPLICATE',
      d.column,
      1,
      `The ${sheetName} tab has a second "${d.field.header}" column; only ${a1Cell(sheetName, columns[d.field.key]!, 1)} is read.`,
    );
  }
  let nextFree = header.length;
  for (const f of spec.fields) {
    if (f.required && columns[f.key] === undefined) {
      push('error', 'HEADER_MISSING', nextFree++, 1, `The ${sheetName} tab has no "${f.header}" column, which is required.`);
    }
  }
  const senStatusYesNo = columns['senStatus'] !== undefined && spec.key === 'pupils' && isLegacyEhcpHeader(header[columns['senStatus']]);
  const fieldCols = spec.fields
    .filter((f) => columns[f.key] !== undefined)
    .map((f) => ({
      f,
      col: columns[f.key]!,
      read: f.key === 'senStatus' && senStatusYesNo ? readLegacyEhcp : readerFor(f),
    }));
  const missingRequired = spec.fields.some((f) => f.required && columns[f.key] === undefined);
  const tab: TabContext = { spec, sheetName, fieldCols, headerUsable: !missingRequired, push, findings };
  return { columns, senStatusYesNo, read: (cells, r) => readRow(tab, cells, r + 1) };
}

interface TabContext {
  spec: TabSpec;
  sheetName: string;
  fieldCols: readonly { f: FieldSpec; col: number; read: (v: CellValue) => Read<unknown> }[];
  /** Every required column is there (else no row is usable). */
  headerUsable: boolean;
  push: Push;
  findings: Finding[];
}

/** One data row (1-based `rowNo`) as fields, or undefined when blank or unusable. */
function readRow(tab: TabContext, cells: readonly CellValue[] | undefined, rowNo: number): Fields | undefined {
  const { spec, sheetName, fieldCols, push, findings } = tab;
  if (!cells || cells.every(isBlankCell)) return undefined; // blank rows are skipped
  const fields: Fields = {};
  let usable = tab.headerUsable;
  const errorsBefore = findings.length;
  // A broken formula anywhere in the row is worth knowing about, even in columns we do not read.
  cells.forEach((v, col) => {
    if (isFormulaError(v))
      push('error', 'DATA_FORMULA_ERROR', col, rowNo, `${String(v).trim()} in ${a1Cell(sheetName, col, rowNo)}: a formula here is broken.`);
  });
  if (fieldCols.every(({ col }) => isBlankCell(cells[col]))) return undefined; // only unknown columns filled in
  for (const { f, col, read } of fieldCols) {
    const v = cells[col];
    if (isFormulaError(v)) {
      if (f.required) usable = false;
      continue;
    }
    const res = read(v);
    if (res.kind === 'ok') fields[f.key] = res.value;
    else if (res.kind === 'bad') {
      push(f.required ? 'error' : 'warning', BAD_CODE[f.type.kind], col, rowNo, `${f.header} ${res.reason}.`);
      if (f.required) usable = false;
    } else if (f.required) {
      push('error', 'DATA_MISSING_REQUIRED', col, rowNo, `${f.header} is required but this row has none.`);
      usable = false;
    }
  }
  // Attach the row's id to its findings, so a SENCo can filter by pupil or staff member.
  if (findings.length > errorsBefore) {
    const pupilId = spec.key === 'pupils' ? fields['id'] : fields['pupilId'];
    const staffId = spec.key === 'staff' ? fields['id'] : fields['staffId'];
    for (let i = errorsBefore; i < findings.length; i++) {
      const fnd = findings[i]!;
      if (typeof pupilId === 'string') fnd.pupilId = pupilId;
      if (typeof staffId === 'string') fnd.staffId = staffId;
    }
  }
  return usable ? fields : undefined;
}

/** Read one tab's data rows into field maps, reporting header and cell problems. */
function readTab(spec: TabSpec, sheetName: string, grid: Grid, findings: Finding[]): TabRows | undefined {
  const reader = rowReader(spec, sheetName, grid[0] ?? [], findings);
  if (!reader) return undefined;
  const layout: TabLayout = {
    name: sheetName,
    columns: reader.columns,
    rowCount: grid.length,
    ...(reader.senStatusYesNo ? { senStatusYesNo: true } : {}),
  };
  const rows: TabRows['rows'] = [];
  for (let r = 1; r < grid.length; r++) {
    const fields = reader.read(grid[r], r);
    if (fields) rows.push({ row: r + 1, fields });
  }
  return { rows, layout };
}

/**
 * The Log tab read one row at a time, for a reader that streams it rather than holding the grid (the CLI's
 * export of a year of logs): give it the header row, then each data row with its 0-based row index. Each row
 * gives exactly the LogEntry parseTracker would (undefined where parseTracker leaves the row out), and pushes the
 * same findings; merged ranges are the caller's to fill first. Undefined when the header row is blank.
 */
export function logRowReader(
  sheetName: string,
  header: readonly CellValue[],
  findings: Finding[],
): ((cells: readonly CellValue[] | undefined, r: number) => LogEntry | undefined) | undefined {
  const reader = rowReader(tabSpec('log'), sheetName, header, findings);
  if (!reader) return undefined;
  return (cells, r) => {
    const fields = reader.read(cells, r);
    return fields ? logRecord(r + 1, fields) : undefined;
  };
}

// Marked pure so a bundle that uses nothing of this module (the overlay's early content script, which imports the
// core's barrel for its text helpers) can leave it out: an unmarked top-level call is kept in case it has effects.
const readSencoCover = /* @__PURE__ */ choiceReader(SENCO_COVER_CHOICES);

function readSettings(sheetName: string, grid: Grid, tracker: Tracker, findings: Finding[]): TabLayout {
  const labels = new Map(SETTING_ROWS.map((s) => [normaliseHeader(s.label), s]));
  const rowsByKey: Record<string, number> = {};
  const header = grid[0] ?? [];
  // The Setting/Value header is optional: a bare key/value list starting at row 1 works too.
  const start = header.some((c) => normaliseHeader(cellText(c)) === 'setting' || normaliseHeader(cellText(c)) === 'key') ? 1 : 0;
  for (let r = start; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const s = labels.get(normaliseHeader(cellText(row[0])));
    if (!s) continue;
    rowsByKey[s.key] = r + 1;
    const v = row[1];
    if (isBlankCell(v)) continue;
    if (isFormulaError(v)) {
      findings.push({
        severity: 'error',
        code: 'DATA_FORMULA_ERROR',
        message: `${String(v)} in the "${s.label}" setting: a formula here is broken.`,
        tab: sheetName,
        cell: a1Cell(sheetName, 1, r + 1),
      });
      continue;
    }
    if (s.key === 'evidenceWindowDays' || s.key === 'reviewWarningDays') {
      const n = readNumber(v, { min: 1, max: 366 });
      if (n.kind === 'ok') tracker.settings[s.key] = Math.round(n.value);
      else if (n.kind === 'bad')
        findings.push({
          severity: 'warning',
          code: 'DATA_BAD_NUMBER',
          message: `${s.label} ${n.reason}; the default, ${s.default}, is used.`,
          tab: sheetName,
          cell: a1Cell(sheetName, 1, r + 1),
        });
    } else if (s.key === 'sencoCover') {
      const c = readSencoCover(v);
      if (c.kind === 'ok') tracker.settings.sencoCover = c.value as Tracker['settings']['sencoCover'];
      else if (c.kind === 'bad')
        findings.push({
          severity: 'warning',
          code: 'DATA_BAD_CHOICE',
          message: `${s.label}: ${c.reason}; the default, ${s.default}, is used.`,
          tab: sheetName,
          cell: a1Cell(sheetName, 1, r + 1),
        });
    } else {
      tracker.settings[s.key] = cellText(v);
    }
  }
  return { name: sheetName, columns: { key: 0, value: 1 }, rowCount: grid.length, rows: rowsByKey };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);
/** Drop undefined properties so records compare cleanly and serialise without noise. A copy of the defined ones
 * rather than `delete`, which turns each record into a slow dictionary object (a year's Log is 50,000 of them). */
function clean<T extends object>(o: T): T {
  const out = {} as T;
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** Parse every recognised tab of a workbook. */
export function parseTracker(grids: Record<string, Grid>, opts: ParseOptions = {}): ParseResult {
  const tracker = emptyTracker();
  const findings: Finding[] = [];
  const where = findTabs(Object.keys(grids), opts.metadata);
  const tabs = TAB_SPECS.map((s) => s.key).filter((k) => where[k] !== undefined);

  for (const spec of TAB_SPECS) {
    const sheetName = where[spec.key];
    if (sheetName === undefined) {
      if (tabs.length > 0) {
        const core = CORE_TABS.includes(spec.key);
        findings.push({
          severity: core ? 'warning' : 'info',
          code: 'HEADER_MISSING',
          message: `There is no ${spec.name} tab. Run "Set up tracker" (or caseload init) to add it.`,
          tab: spec.name,
          cell: a1Cell(spec.name, 0, 1),
        });
      }
      continue;
    }
    const grid = fillMerges(grids[sheetName] ?? [], opts.merges?.[sheetName]);
    if (spec.key === 'settings') {
      tracker.layout.settings = readSettings(sheetName, grid, tracker, findings);
      continue;
    }
    const read = readTab(spec, sheetName, grid, findings);
    if (!read) continue;
    tracker.layout[spec.key] = read.layout;
    for (const { row, fields: f } of read.rows) addRecord(tracker, spec.key, row, f);
  }
  return { tracker, findings, tabs };
}

// One builder per tab: a row's read fields as the model's record (kept apart so each stays short and readable).
function pupilRecord(row: number, f: Fields): Tracker['pupils'][number] {
  return clean({
    row,
    id: f.id as string,
    firstName: f.firstName as string,
    lastName: f.lastName as string,
    upn: str(f.upn),
    misId: str(f.misId),
    year: str(f.year) as Tracker['pupils'][number]['year'],
    className: str(f.className),
    areasOfNeed: list(f.areasOfNeed) as Tracker['pupils'][number]['areasOfNeed'],
    // Pupils on a tracker are on the SEN register: no status recorded reads as SEN support.
    senStatus: (str(f.senStatus) ?? 'K') as Tracker['pupils'][number]['senStatus'],
    primaryNeed: str(f.primaryNeed) as Tracker['pupils'][number]['primaryNeed'],
    ehcpIssued: str(f.ehcpIssued),
    lastAnnualReview: str(f.lastAnnualReview),
    fundedHours: num(f.fundedHours),
    keyWorker: str(f.keyWorker),
    phaseTransfer: f.phaseTransfer === true,
  });
}

function targetRecord(row: number, f: Fields): Tracker['targets'][number] {
  return clean({
    row,
    id: f.id as string,
    pupilId: f.pupilId as string,
    outcome: str(f.outcome),
    area: str(f.area) as Tracker['targets'][number]['area'],
    text: f.text as string,
    baseline: str(f.baseline),
    successCriteria: str(f.successCriteria),
    start: str(f.start),
    reviewBy: str(f.reviewBy),
    status: (str(f.status) ?? 'Not started') as Tracker['targets'][number]['status'],
  });
}

function staffRecord(row: number, f: Fields): Tracker['staff'][number] {
  return clean({
    row,
    id: f.id as string,
    name: f.name as string,
    role: str(f.role) as Tracker['staff'][number]['role'],
    contractHours: num(f.contractHours),
    pattern: str(f.pattern),
    email: str(f.email),
  });
}

function trainingRecord(row: number, f: Fields): Tracker['training'][number] {
  return clean({ row, staffId: f.staffId as string, training: f.training as string, completed: str(f.completed), expires: str(f.expires) });
}

function rotaRecord(row: number, f: Fields): Tracker['rota'][number] {
  return clean({
    row,
    day: f.day as Tracker['rota'][number]['day'],
    start: f.start as number,
    end: f.end as number,
    staffId: f.staffId as string,
    activity: f.activity as Tracker['rota'][number]['activity'],
    pupilIds: list(f.pupilIds),
    location: str(f.location),
    needs: list(f.needs),
  });
}

function absenceRecord(row: number, f: Fields): Tracker['absences'][number] {
  return clean({
    row,
    staffId: f.staffId as string,
    from: f.from as string,
    to: str(f.to) ?? (f.from as string),
    part: (str(f.part) ?? 'All day') as Tracker['absences'][number]['part'],
    reason: str(f.reason),
    coverStaffId: str(f.coverStaffId),
    coverFrom: num(f.coverFrom),
    coverTo: num(f.coverTo),
  });
}

function logRecord(row: number, f: Fields): Tracker['logs'][number] {
  return clean({
    row,
    id: f.id as string,
    time: f.time as string,
    pupilId: f.pupilId as string,
    targetId: str(f.targetId),
    kind: f.kind as Tracker['logs'][number]['kind'],
    rating: str(f.rating) as Tracker['logs'][number]['rating'],
    prompt: str(f.prompt) as Tracker['logs'][number]['prompt'],
    minutes: num(f.minutes),
    staffId: str(f.staffId),
    note: str(f.note),
    source: str(f.source),
    corrects: str(f.corrects),
    correction: str(f.correction) as Tracker['logs'][number]['correction'],
    session: str(f.session),
    outcome: str(f.outcome) as Tracker['logs'][number]['outcome'],
    missedReason: str(f.missedReason) as Tracker['logs'][number]['missedReason'],
  });
}

function reviewRecord(row: number, f: Fields): Tracker['reviews'][number] {
  return clean({
    row,
    pupilId: f.pupilId as string,
    type: f.type as Tracker['reviews'][number]['type'],
    meetingDate: str(f.meetingDate),
    noticeSent: str(f.noticeSent),
    reportSent: str(f.reportSent),
    status: str(f.status),
  });
}

function addRecord(t: Tracker, tab: TabKey, row: number, f: Fields): void {
  switch (tab) {
    case 'pupils':
      t.pupils.push(pupilRecord(row, f));
      return;
    case 'targets':
      t.targets.push(targetRecord(row, f));
      return;
    case 'staff':
      t.staff.push(staffRecord(row, f));
      return;
    case 'training':
      t.training.push(trainingRecord(row, f));
      return;
    case 'rota':
      t.rota.push(rotaRecord(row, f));
      return;
    case 'absence':
      t.absences.push(absenceRecord(row, f));
      return;
    case 'log':
      t.logs.push(logRecord(row, f));
      return;
    case 'reviews':
      t.reviews.push(reviewRecord(row, f));
      return;
    case 'settings':
      return;
  }
}
