// "Progress dashboard": a generated tab, never hand-edited. Each run clears it and writes the whole thing with
// one setValues — school-wide missed sessions by reason; per pupil, funded vs rostered vs delivered 1:1 hours
// for recent school weeks (from recorded session outcomes, never from minutes typed into logs), the evidence in
// the window, a row per target with rating and prompt trends, and the evidence summary paragraph — then adds a
// column chart per pupil (funded, rostered, delivered by week) and one for missed sessions by reason.
import {
  addDays,
  formatUkDate,
  weekStart,
  effectiveLogs,
  latestOutcomes,
  missedByReason,
  totalMissed,
  weeklyProvision,
  emptyMinutes,
  MISSED_REASONS,
  SEN_STATUSES,
  type SenStatus,
  type WeekProvision,
} from '../../shared/index';
import type { CellValue, Tracker } from '../../shared/index';
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

/** Completed school weeks shown per pupil, plus the week in progress. */
export const DASHBOARD_WEEKS = 4;

export interface DashboardLayout {
  rows: CellValue[][];
  /** Per pupil: 1-based rows of the weekly provision table (header row first) for the funded/rostered/delivered chart. */
  charts: { pupilId: string; name: string; headerRow: number; firstRow: number; lastRow: number }[];
  /** The school-wide missed-by-reason table (header row first), when any session was missed. */
  reasons?: { headerRow: number; lastRow: number };
}

/** Hours as a number a chart can plot, to the minute. */
const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

function row(...cells: CellValue[]): CellValue[] {
  const out = cells.map(safeCell);
  while (out.length < DASHBOARD_WIDTH) out.push(null);
  return out;
}

const SECTION_TITLE: Record<SenStatus, string> = { E: 'EHC plans (E)', K: 'SEN support (K)', N: 'No SEN recorded (N)' };

const ukOrDash = (d: string | undefined) => (d ? formatUkDate(d) : '—');

/** Rows: the title, the evidence window and what the session figures mean. */
function headerRows(rows: CellValue[][], report: readonly PupilProgress[], from: string, generatedAt: string): void {
  const window = report[0]?.window;
  rows.push(row('Caseload progress dashboard', `Made ${generatedAt}. This tab is rebuilt by the add-on: edits here are overwritten.`));
  rows.push(
    row(
      'Evidence window',
      window ? `${formatUkDate(window.from)} to ${formatUkDate(window.to)} (${window.days} days)` : 'No pupils on the Pupils tab.',
    ),
  );
  rows.push(
    row(
      'Sessions',
      `Since ${formatUkDate(from)}. Delivered counts only sessions recorded as delivered; sessions with no outcome by the end of their day are "not recorded".`,
    ),
  );
  rows.push(row());
}

/** School-wide: every session missed, by reason (the rows a chart is drawn from), when any was. */
function reasonRows(rows: CellValue[][], provision: Map<string, WeekProvision[]>): DashboardLayout['reasons'] {
  const all = emptyMinutes();
  for (const weeks of provision.values()) for (const w of weeks) for (const r of MISSED_REASONS) all.missed[r] += w.all.missed[r];
  if (totalMissed(all) === 0) return undefined;
  rows.push(row('Missed by reason', 'Hours missed (all sessions)'));
  const headerRow = rows.length;
  for (const r of missedByReason(all)) rows.push(row(r.reason, hoursOf(r.minutes)));
  const reasons = { headerRow, lastRow: rows.length };
  while (rows.length - headerRow < MIN_BLOCK_ROWS) rows.push(row());
  return reasons;
}

/** "12 h of 15 h funded (w/c 16/11/2026)" for the last complete week, or a dash. */
function lastWeekText(weeks: readonly WeekProvision[]): string {
  const last = [...weeks].reverse().find((w) => w.complete);
  if (!last) return '—';
  const of = last.funded !== undefined ? `${hoursOf(last.funded)} h funded` : `${hoursOf(last.oneToOne.rostered)} h rostered`;
  return `${hoursOf(last.oneToOne.delivered)} h of ${of} (w/c ${formatUkDate(last.week)})`;
}

/** One pupil's weeks: funded against rostered and delivered 1:1, missed, not recorded, and the main reasons. */
function sessionWeekRows(rows: CellValue[][], weeks: readonly WeekProvision[]): { headerRow: number; lastRow: number } {
  rows.push(row('Week', 'Funded (h)', 'Rostered 1:1 (h)', 'Delivered 1:1 (h)', 'Missed (h)', 'Not recorded (h)', 'Main reasons missed'));
  const headerRow = rows.length;
  for (const w of weeks) {
    const m = w.oneToOne;
    const main = missedByReason(w.all)
      .slice(0, 2)
      .map((x) => `${x.reason} ${hoursOf(x.minutes)} h`)
      .join('; ');
    rows.push(
      row(
        `w/c ${formatUkDate(w.week)}${w.complete ? '' : ' (so far)'}`,
        hoursOf(w.funded ?? 0),
        hoursOf(m.rostered),
        hoursOf(m.delivered),
        hoursOf(totalMissed(m) + m.partShort),
        hoursOf(m.notRecorded),
        main || '—',
      ),
    );
  }
  return { headerRow, lastRow: rows.length };
}

interface DashboardInputs {
  tracker: Tracker;
  logs: ReturnType<typeof effectiveLogs>;
  index: ReturnType<typeof indexLogs>;
  today: string;
  provision: Map<string, WeekProvision[]>;
  pupils: Map<string, Tracker['pupils'][number]>;
}

/** One pupil's block: the headline, their session weeks (and chart), their targets and the evidence summary. */
function pupilBlock(rows: CellValue[][], charts: DashboardLayout['charts'], p: PupilProgress, input: DashboardInputs): void {
  const start = rows.length;
  const weeks = input.provision.get(p.pupilId) ?? [];
  rows.push(
    row(
      `${p.name} (${p.pupilId})`,
      'Evidence in window',
      p.evidenceCount,
      'Last evidence',
      ukOrDash(p.lastEvidence),
      '1:1 delivered last week',
      lastWeekText(weeks),
    ),
  );
  if (weeks.length > 0) charts.push({ pupilId: p.pupilId, name: p.name, ...chartRows(sessionWeekRows(rows, weeks)) });
  rows.push(row('Target ID', 'Target', 'Status', 'Evidence in window', 'Last evidence', 'Rating trend', 'Prompt trend'));
  for (const t of p.targets) {
    rows.push(
      row(t.targetId, t.text, t.status, t.evidenceCount, ukOrDash(t.lastEvidence), TREND_TEXT[t.ratingTrend], TREND_TEXT[t.promptTrend]),
    );
  }
  if (p.targets.length === 0) rows.push(row('', 'No targets on the Targets tab.'));
  const pupil = input.pupils.get(p.pupilId);
  const { tracker, logs, today, index } = input;
  rows.push(row('Evidence summary', pupil ? evidenceSummary(pupil, { ...tracker, logs }, today, { index }) : ''));
  while (rows.length - start < MIN_BLOCK_ROWS) rows.push(row());
}

const chartRows = (r: { headerRow: number; lastRow: number }) => ({
  headerRow: r.headerRow,
  firstRow: r.headerRow + 1,
  lastRow: r.lastRow,
});

export function dashboardRows(tracker: Tracker, today: string, generatedAt: string): DashboardLayout {
  const logs = effectiveLogs(tracker.logs);
  const index = indexLogs(logs);
  const report: PupilProgress[] = progressReport({ ...tracker, logs }, today, { index });
  const rows: CellValue[][] = [];
  const charts: DashboardLayout['charts'] = [];
  const from = addDays(weekStart(today), -7 * DASHBOARD_WEEKS);
  const provision = weeklyProvision({ ...tracker, logs }, { from, to: today, today, outcomes: latestOutcomes(logs, true) });
  headerRows(rows, report, from, generatedAt);
  const reasons = reasonRows(rows, provision);

  const pupils = new Map(tracker.pupils.map((p) => [p.id, p]));
  // Split by SEN status (EHC plan, SEN support, no SEN): statutory duties differ, so SENCos read them apart.
  const statusOf = (id: string) => pupils.get(id)?.senStatus ?? 'K';
  const count = (s: SenStatus) => report.filter((p) => statusOf(p.pupilId) === s).length;
  rows.push(row('Pupils by SEN status', `EHCP ${count('E')} · SEN support ${count('K')} · No SEN ${count('N')}`));
  rows.push(row());
  const sorted = [...report].sort((a, b) => SEN_STATUSES.indexOf(statusOf(a.pupilId)) - SEN_STATUSES.indexOf(statusOf(b.pupilId)));
  const input: DashboardInputs = { tracker, logs, index, today, provision, pupils };
  let section: SenStatus | undefined;
  for (const p of sorted) {
    const status = statusOf(p.pupilId);
    if (status !== section) {
      section = status;
      rows.push(row(`${SECTION_TITLE[status]} (${count(status)})`));
    }
    pupilBlock(rows, charts, p, input);
  }
  return { rows, charts, ...(reasons ? { reasons } : {}) };
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
    if (layout.reasons) {
      const r = layout.reasons;
      sheet.insertChart(
        sheet
          .newChart()
          .setChartType(Charts.ChartType.BAR)
          .addRange(sheet.getRange(r.headerRow, 1, r.lastRow - r.headerRow + 1, 2))
          .setPosition(r.headerRow - 1, DASHBOARD_WIDTH + 2, 0, 0)
          .setOption('title', 'Sessions missed, by reason (hours)')
          .setOption('legend', { position: 'none' })
          .setOption('height', CHART_HEIGHT_PX)
          .setOption('width', 420)
          .build(),
      );
    }
    for (const c of layout.charts) {
      // Funded, rostered and delivered 1:1 hours side by side for each week.
      const chart = sheet
        .newChart()
        .setChartType(Charts.ChartType.COLUMN)
        .addRange(sheet.getRange(c.headerRow, 1, c.lastRow - c.headerRow + 1, 4))
        .setPosition(c.headerRow - 1, DASHBOARD_WIDTH + 2, 0, 0)
        .setOption('title', `${c.name}: funded, rostered and delivered 1:1 hours`)
        .setOption('legend', { position: 'bottom' })
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
