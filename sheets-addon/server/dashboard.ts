// "Progress dashboard": a generated tab, never hand-edited. Each run clears it and writes the whole thing with
// one setValues — per pupil, the evidence in the window, last evidence, intervention minutes planned against
// delivered, a row per target with rating and prompt trends, and the evidence summary paragraph for an annual
// review — then adds one column chart per pupil (evidence per target).
import { formatUkDate } from '../../shared/index';
import { SEN_STATUSES, type CellValue, type SenStatus, type Tracker } from '../../shared/index';
import { evidenceSummary, indexLogs, progressReport, type PupilProgress, type Trend } from '../../shared/index';
import { todayIn } from './checks';
import { gas, type GasSheet, type GasSpreadsheet } from './gas';
import { withDocumentLock } from './lock';
import { parseSnapshot, readTracker } from './read';
import { safeCell } from './text';

export const DASHBOARD_NAME = 'Dashboard';
const DASHBOARD_METADATA = 'caseload:dashboard';
export const DASHBOARD_WIDTH = 7;
/** Every pupil block is at least this tall so its chart (anchored beside it) never overlaps the next one. */
const MIN_BLOCK_ROWS = 12;
const CHART_HEIGHT_PX = 230;

const TREND_TEXT: Record<Trend, string> = {
  improving: 'Improving',
  steady: 'Steady',
  declining: 'Declining',
  insufficient: 'Too few logs',
};

export interface DashboardLayout {
  rows: CellValue[][];
  /** Per pupil: 1-based rows of the target table (header row first) for the chart. */
  charts: { pupilId: string; name: string; headerRow: number; firstRow: number; lastRow: number }[];
}

function row(...cells: CellValue[]): CellValue[] {
  const out = cells.map(safeCell);
  while (out.length < DASHBOARD_WIDTH) out.push(null);
  return out;
}

const SECTION_TITLE: Record<SenStatus, string> = { E: 'EHC plans (E)', K: 'SEN support (K)', N: 'No SEN recorded (N)' };

const ukOrDash = (d: string | undefined) => (d ? formatUkDate(d) : '—');

export function dashboardRows(tracker: Tracker, today: string, generatedAt: string): DashboardLayout {
  const index = indexLogs(tracker.logs);
  const report: PupilProgress[] = progressReport(tracker, today, { index });
  const rows: CellValue[][] = [];
  const charts: DashboardLayout['charts'] = [];
  const window = report[0]?.window;
  rows.push(row('Caseload progress dashboard', `Made ${generatedAt}. This tab is rebuilt by the add-on: edits here are overwritten.`));
  rows.push(row('Evidence window', window ? `${formatUkDate(window.from)} to ${formatUkDate(window.to)} (${window.days} days)` : 'No pupils on the Pupils tab.'));
  const pupils = new Map(tracker.pupils.map((p) => [p.id, p]));
  // Split by SEN status (EHC plan, SEN support, no SEN): statutory duties differ, so SENCos read them apart.
  const statusOf = (id: string) => pupils.get(id)?.senStatus ?? 'K';
  const order = SEN_STATUSES;
  const count = (s: SenStatus) => report.filter((p) => statusOf(p.pupilId) === s).length;
  rows.push(row('Pupils by SEN status', `EHCP ${count('E')} · SEN support ${count('K')} · No SEN ${count('N')}`));
  rows.push(row());
  const sorted = [...report].sort((a, b) => order.indexOf(statusOf(a.pupilId)) - order.indexOf(statusOf(b.pupilId)));
  let section: SenStatus | undefined;
  for (const p of sorted) {
    const status = statusOf(p.pupilId);
    if (status !== section) {
      section = status;
      rows.push(row(`${SECTION_TITLE[status]} (${count(status)})`));
    }
    const start = rows.length;
    const { delivered, planned } = p.interventionMinutes;
    rows.push(row(`${p.name} (${p.pupilId})`, 'Evidence in window', p.evidenceCount, 'Last evidence', ukOrDash(p.lastEvidence), 'Intervention minutes (delivered / planned)', `${delivered} / ${planned}`));
    rows.push(row('Target ID', 'Target', 'Status', 'Evidence in window', 'Last evidence', 'Rating trend', 'Prompt trend'));
    const headerRow = rows.length;
    for (const t of p.targets) {
      rows.push(row(t.targetId, t.text, t.status, t.evidenceCount, ukOrDash(t.lastEvidence), TREND_TEXT[t.ratingTrend], TREND_TEXT[t.promptTrend]));
    }
    if (p.targets.length === 0) rows.push(row('', 'No targets on the Targets tab.'));
    else charts.push({ pupilId: p.pupilId, name: p.name, headerRow, firstRow: headerRow + 1, lastRow: rows.length });
    const pupil = pupils.get(p.pupilId);
    rows.push(row('Evidence summary', pupil ? evidenceSummary(pupil, tracker, today, { index }) : ''));
    while (rows.length - start < MIN_BLOCK_ROWS) rows.push(row());
  }
  return { rows, charts };
}

function dashboardSheet(ss: GasSpreadsheet): GasSheet {
  const existing = ss.getSheetByName(DASHBOARD_NAME);
  if (existing) return existing;
  const sheet = ss.insertSheet(DASHBOARD_NAME);
  sheet.addDeveloperMetadata(DASHBOARD_METADATA, 'v1');
  return sheet;
}

export function writeDashboard(ss: GasSpreadsheet, now: Date = new Date()): { pupils: number; rows: number } {
  const { Charts, Utilities } = gas();
  const snap = readTracker(ss);
  const { tracker } = parseSnapshot(snap);
  const today = todayIn(ss);
  const generatedAt = `${Utilities.formatDate(now, snap.timeZone, 'dd/MM/yyyy')} ${Utilities.formatDate(now, snap.timeZone, 'HH:mm')}`;
  const layout = dashboardRows(tracker, today, generatedAt);
  return withDocumentLock(() => {
    const sheet = dashboardSheet(ss);
    sheet.clear();
    for (const c of sheet.getCharts()) sheet.removeChart(c);
    const maxRows = sheet.getMaxRows();
    if (layout.rows.length > maxRows) sheet.insertRowsAfter(maxRows, layout.rows.length - maxRows);
    sheet.getRange(1, 1, layout.rows.length, DASHBOARD_WIDTH).setValues(layout.rows);
    for (const c of layout.charts) {
      const chart = sheet
        .newChart()
        .setChartType(Charts.ChartType.COLUMN)
        .addRange(sheet.getRange(c.headerRow, 1, c.lastRow - c.headerRow + 1, 1))
        .addRange(sheet.getRange(c.headerRow, 4, c.lastRow - c.headerRow + 1, 1))
        .setPosition(c.headerRow - 1, DASHBOARD_WIDTH + 2, 0, 0)
        .setOption('title', `${c.name}: evidence per target`)
        .setOption('legend', { position: 'none' })
        .setOption('height', CHART_HEIGHT_PX)
        .setOption('width', 420)
        .build();
      sheet.insertChart(chart);
    }
    return { pupils: layout.charts.length, rows: layout.rows.length };
  });
}

export function buildDashboard(): void {
  const ss = gas().SpreadsheetApp.getActiveSpreadsheet();
  const { rows } = writeDashboard(ss);
  ss.getSheetByName(DASHBOARD_NAME)?.activate();
  ss.toast(`The ${DASHBOARD_NAME} tab was rebuilt (${rows} rows).`, 'Caseload', 5);
}
