// What the sidebars may call through google.script.run, and what comes back. Everything here is plain JSON:
// google.script.run drops Dates and functions, so dates travel as ISO `YYYY-MM-DD` strings.
import type { Finding, FindingSummary } from '../../shared/index';

export interface FindingView extends Finding {
  /** The check's title in words (the sidebar shows it first; the code stays small beside it). */
  title: string;
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

/** One proposed cover: one person taking one rota block the absence leaves on the planned date. */
export interface CoverProposalView {
  /** Stable for the same block, absent person and cover person: what the sidebar sends back when ticked. */
  id: string;
  /** 1-based row on the Absence tab of the absence this block belongs to. */
  absenceRow: number;
  absentStaffId: string;
  absentName: string;
  coverStaffId: string;
  coverName: string;
  /** The block's window, `HH:MM`. */
  start: string;
  end: string;
  /** What the block is, e.g. "1:1 with Sam Jones". */
  what: string;
  /** Why this person, in words. */
  reason: string;
  /** The absence row's dates (`YYYY-MM-DD`) and part of the day. */
  absenceFrom: string;
  absenceTo: string;
  part: string;
}

export interface CoverGapView {
  absentStaffId: string;
  absentName: string;
  block: string;
  why: string;
}

export interface CoverPlanView {
  date: string;
  /** In time order, then by absent person. */
  proposals: CoverProposalView[];
  gaps: CoverGapView[];
  /** Set when the date is not a school day or nothing needs cover, in words. */
  note?: string;
}

/** A ticked proposal as the sidebar sends it back (the fields the server needs to match and to explain). */
export type CoverChoice = Pick<CoverProposalView, 'id' | 'absenceRow' | 'absentStaffId' | 'absentName' | 'coverName' | 'start' | 'end'>;

export interface CoverWriteResult {
  /** In words, e.g. "Cover recorded: Ben Bell 09:00–10:00, Cara Cole 10:00–11:00 for Amy Moss on 24/11/2026." */
  summary: string;
  /** Proposals recorded. */
  recorded: number;
  /** Existing Absence rows whose blank Cover Staff ID was filled. */
  setRows: number[];
  /** Absence rows added (one per block, with a cover window). */
  addedRows: number[];
  /** Columns set-up had to add to the Absence tab first, in words. */
  addedColumns: string[];
  /** Proposals not recorded because the tracker changed since the plan was made, in words. */
  skipped: string[];
  /** Session outcome rows added to the Log (sessions missed because staff were absent uncovered or redeployed). */
  outcomes?: number;
}

/** "Invite LSAs": who to share the Sheet with, and what to paste where. */
export interface InviteView {
  sheetUrl: string;
  sheetId: string;
  /** The Admin console's policy JSON for the extension's managed configuration. */
  managedConfig: string;
  /** Staff rows with an email; `canEdit` only when the sharing list could be read. */
  staff: { id: string; name: string; role?: string; email: string; canEdit?: boolean }[];
  /** "Name (ID)" of staff with no email: the extension cannot match them to a Google account. */
  withoutEmail: string[];
  /** Set, in words, when who can edit could not be read with the add-on's scopes. */
  editorsUnknown?: string;
}

/** "Provision statement": who can be chosen, and the default range. */
export interface StatementChoices {
  pupils: { id: string; name: string; ehcp: boolean }[];
  from: string;
  to: string;
  today: string;
}

/** One statement: the whole printable HTML document, or what is wrong in words. */
export interface StatementView {
  html?: string;
  title?: string;
  error?: string;
}
