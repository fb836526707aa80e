// What the sidebars may call through google.script.run, and what comes back. Everything here is plain JSON:
// google.script.run drops Dates and functions, so dates travel as ISO `YYYY-MM-DD` strings.
import type { Finding, FindingSummary } from '../../shared/model';

export interface FindingView extends Finding {
  /** Display names so the sidebar can filter "by pupil or staff" by name as well as id. */
  pupilName?: string;
  staffName?: string;
}

export interface CheckResult {
  findings: FindingView[];
  summary: FindingSummary;
  /** The day the checks judged against, `YYYY-MM-DD` in the spreadsheet's time zone. */
  today: string;
  /** Tracker tabs found, by sheet name. */
  tabs: string[];
  /** Data rows read, across tabs (for the footer, and a sanity check on what was seen). */
  rowsRead: number;
}

export interface CoverOptionView {
  /** 1-based row of the absence on its tab. */
  absenceRow: number;
  absentStaffId: string;
  absentName: string;
  /** `from`–`to` of the absence, `YYYY-MM-DD`, and its part of day. */
  from: string;
  to: string;
  part: string;
  /** Proposed cover people for this absence, most-minutes first. */
  proposals: { staffId: string; name: string; blocks: string[]; reasons: string[]; minutes: number }[];
}

export interface CoverGapView {
  absentStaffId: string;
  absentName: string;
  block: string;
  why: string;
}

export interface CoverPlanView {
  date: string;
  options: CoverOptionView[];
  gaps: CoverGapView[];
  /** Set when the date is not a school day or nothing needs cover, in words. */
  note?: string;
}

export interface CoverChoice {
  absenceRow: number;
  absentStaffId: string;
  coverStaffId: string;
}

export interface CoverWriteResult {
  written: number;
  /** Rows not written because someone changed them since the plan was made. */
  skipped: string[];
}

export interface ServerApi {
  checkTracker(): CheckResult;
  selectCell(a1: string): void;
  planCoverFor(date: string): CoverPlanView;
  applyCover(date: string, choices: CoverChoice[]): CoverWriteResult;
  todayInSheet(): string;
}
