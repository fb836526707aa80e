// The domain model: what a SEND tracker holds, independent of where it is stored.
// Every record read from a sheet carries `row` (1-based sheet row) so a finding can name its cell.

/** A calendar date as `YYYY-MM-DD`. Dates are days, not instants: no time zone games. */
export type IsoDate = string;
/** Minutes since midnight (0..1439), the unit of all rota arithmetic. */
export type MinuteOfDay = number;

export const AREAS_OF_NEED = ['C&I', 'C&L', 'SEMH', 'S&P'] as const;
export type AreaOfNeed = (typeof AREAS_OF_NEED)[number];

/** Preparing for Adulthood outcome areas (from Year 9). */
export const PFA_AREAS = ['Employment', 'Independent living', 'Community', 'Health'] as const;
export type PfaArea = (typeof PFA_AREAS)[number];
export type TargetArea = AreaOfNeed | PfaArea;

/** `Paused` and `Discontinued` are explicit decisions (recorded with the date in the Review by column, see
 * checks/progress.ts): they stop the evidence check, which a blank Status never does. */
export const TARGET_STATUSES = ['Not started', 'Emerging', 'Developing', 'Secure', 'Achieved', 'Paused', 'Discontinued'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/** Progress ratings, in order: index is the score used for trends (0 = Not yet … 4 = Achieved). */
export const RATINGS = ['Not yet', 'Emerging', 'Developing', 'Secure', 'Achieved'] as const;
export type Rating = (typeof RATINGS)[number];

/** Prompt levels from least to most support: fading towards Independent is progress. */
export const PROMPTS = ['Independent', 'Gestural', 'Verbal', 'Modelled', 'Physical'] as const;
export type Prompt = (typeof PROMPTS)[number];

export const LOG_KINDS = [
  'Progress',
  'Intervention',
  'Care',
  'Medication',
  'Behaviour',
  'Note',
  'Praise',
  'Session outcome',
  'Correction',
] as const;
export type LogKind = (typeof LOG_KINDS)[number];

/** What a Correction row does to the log it names (see shared/corrections.ts). */
export const CORRECTION_TYPES = ['Void', 'Edit'] as const;
export type CorrectionType = (typeof CORRECTION_TYPES)[number];

export const ROLES = ['LSA', 'TA', 'HLTA', 'Teacher', 'SENCo'] as const;
export type Role = (typeof ROLES)[number];

export const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] as const;
export type Weekday = (typeof DAYS)[number];

export const ACTIVITIES = ['1:1', 'Group', 'Intervention', 'Duty', 'Break', 'PPA', 'Cover', 'Care'] as const;
export type Activity = (typeof ACTIVITIES)[number];

export const ABSENCE_PARTS = ['All day', 'AM', 'PM'] as const;
export type AbsencePart = (typeof ABSENCE_PARTS)[number];

export const REVIEW_TYPES = ['Annual', 'Interim', 'Phase transfer'] as const;
export type ReviewType = (typeof REVIEW_TYPES)[number];

/** National curriculum year groups as the school census records them: Nursery 1 and 2, Reception, then 1 to 14. */
export const YEARS = ['N1', 'N2', 'R', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14'] as const;
export type Year = (typeof YEARS)[number];

/** SEN provision as the DfE school census records it: E = EHC plan, K = SEN support, N = no special educational need. */
export const SEN_STATUSES = ['E', 'K', 'N'] as const;
export type SenStatus = (typeof SEN_STATUSES)[number];

/** DfE census primary need codes (NSA: SEN support without a specialist assessment of the type of need). */
export const PRIMARY_NEEDS = ['SpLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH', 'NSA'] as const;
export type PrimaryNeed = (typeof PRIMARY_NEEDS)[number];

interface FromSheet {
  /** 1-based row in its tab, when the record came from a sheet. */
  row?: number;
}

export interface Pupil extends FromSheet {
  id: string;
  firstName: string;
  lastName: string;
  upn?: string;
  misId?: string;
  year?: Year;
  className?: string;
  areasOfNeed: AreaOfNeed[];
  /** E (EHC plan), K (SEN support) or N. Checks that only apply to EHC plans use `hasEhcp`. */
  senStatus: SenStatus;
  primaryNeed?: PrimaryNeed;
  ehcpIssued?: IsoDate;
  lastAnnualReview?: IsoDate;
  /** EHCP Section F funded 1:1 support, hours per week. */
  fundedHours?: number;
  keyWorker?: string;
  phaseTransfer: boolean;
}

export interface Target extends FromSheet {
  id: string;
  pupilId: string;
  /** EHCP Section E outcome wording this target serves. */
  outcome?: string;
  area?: TargetArea;
  /** The short-term SMART target itself: the prompt an LSA sees. */
  text: string;
  baseline?: string;
  successCriteria?: string;
  start?: IsoDate;
  reviewBy?: IsoDate;
  status: TargetStatus;
}

export interface Staff extends FromSheet {
  id: string;
  name: string;
  role?: Role;
  contractHours?: number;
  /** Raw working pattern text, e.g. `Mon-Thu 08:15-15:30; Fri 08:15-13:45`. */
  pattern?: string;
  email?: string;
}

export interface TrainingRecord extends FromSheet {
  staffId: string;
  training: string;
  completed?: IsoDate;
  expires?: IsoDate;
}

export interface RotaBlock extends FromSheet {
  day: Weekday;
  start: MinuteOfDay;
  end: MinuteOfDay;
  staffId: string;
  activity: Activity;
  pupilIds: string[];
  location?: string;
  /** Training names the block requires of whoever staffs it. */
  needs: string[];
}

export interface Absence extends FromSheet {
  staffId: string;
  from: IsoDate;
  to: IsoDate;
  part: AbsencePart;
  reason?: string;
  coverStaffId?: string;
  /** When cover is split between people, this row's cover applies only to blocks within [coverFrom, coverTo].
   * Blank means the whole absence. Several rows for one absence can each name cover for a window. */
  coverFrom?: MinuteOfDay;
  coverTo?: MinuteOfDay;
}

export interface LogEntry extends FromSheet {
  /** UUID made when the LSA tapped: retries never duplicate. */
  id: string;
  /** ISO 8601 instant with offset, e.g. `2026-11-23T10:15:00+00:00`. */
  time: string;
  pupilId: string;
  targetId?: string;
  kind: LogKind;
  rating?: Rating;
  prompt?: Prompt;
  minutes?: number;
  staffId?: string;
  note?: string;
  /** Where it was logged from: URL host + path, never the query. */
  source?: string;
  /** On a Correction row: the Log ID of the log it voids or replaces (the Log tab is append-only). */
  corrects?: string;
  /** On a Correction row: `Void` (the log counts nowhere) or `Edit` (this row carries the log's full new values). */
  correction?: CorrectionType;
  /** Session outcome rows: which session, `YYYY-MM-DD HH:MM-HH:MM <StaffID>` (see provision/sessions.ts). */
  session?: string;
  outcome?: SessionOutcome;
  missedReason?: MissedReason;
}

export const SESSION_OUTCOMES = ['Delivered', 'Part-delivered', 'Missed'] as const;
export type SessionOutcome = (typeof SESSION_OUTCOMES)[number];

export const MISSED_REASONS = [
  'Staff absent',
  'Redeployed to cover',
  'Pupil absent',
  'Pupil refused',
  'Trip/event',
  'Room unavailable',
  'Other',
] as const;
export type MissedReason = (typeof MISSED_REASONS)[number];

export interface Review extends FromSheet {
  pupilId: string;
  type: ReviewType;
  meetingDate?: IsoDate;
  noticeSent?: IsoDate;
  reportSent?: IsoDate;
  status?: string;
}

/** When the cover planner may propose the SENCo: only when nobody else fits (the default), never, or like anyone. */
export const SENCO_COVER_CHOICES = ['Last resort', 'Never', 'Like other staff'] as const;
export type SencoCover = (typeof SENCO_COVER_CHOICES)[number];

export interface Settings {
  schoolName?: string;
  evidenceWindowDays: number;
  reviewWarningDays: number;
  timezone: string;
  sencoCover: SencoCover;
}

export const DEFAULT_SETTINGS: Settings = {
  evidenceWindowDays: 14,
  reviewWarningDays: 42,
  timezone: 'Europe/London',
  sencoCover: 'Last resort',
};

/** The tab keys of a tracker, in the order set-up creates them. */
export const TAB_KEYS = ['pupils', 'targets', 'staff', 'training', 'rota', 'absence', 'log', 'reviews', 'settings'] as const;
export type TabKey = (typeof TAB_KEYS)[number];

/** Where each tab and field actually is in the workbook, so findings can name real cells. */
export interface TabLayout {
  /** The sheet name as found (users rename tabs). */
  name: string;
  /** Field key (see schema/tabs.ts) to 0-based column index. */
  columns: Record<string, number>;
  /** Number of rows in the tab including the header. */
  rowCount: number;
  /** Key/value tabs (Settings): setting key to its 1-based row. */
  rows?: Record<string, number>;
  /** Pupils: the status is an older tracker's EHCP Y/N column, which tells EHCP from not and nothing more (SEN
   * support and no SEN both read back as K), so a change between K and N cannot be kept in it. */
  senStatusYesNo?: boolean;
}
export type TrackerLayout = Partial<Record<TabKey, TabLayout>>;

export interface Tracker {
  pupils: Pupil[];
  targets: Target[];
  staff: Staff[];
  training: TrainingRecord[];
  rota: RotaBlock[];
  absences: Absence[];
  logs: LogEntry[];
  reviews: Review[];
  settings: Settings;
  layout: TrackerLayout;
}

export function emptyTracker(): Tracker {
  return {
    pupils: [],
    targets: [],
    staff: [],
    training: [],
    rota: [],
    absences: [],
    logs: [],
    reviews: [],
    settings: { ...DEFAULT_SETTINGS },
    layout: {},
  };
}

// ---- Findings: one vocabulary for the CLI, the add-on and the extension ----

export const CHECK_CODES = [
  // Data
  'HEADER_MISSING',
  'HEADER_DUPLICATE',
  'DATA_MISSING_REQUIRED',
  'DATA_BAD_DATE',
  'DATA_BAD_TIME',
  'DATA_BAD_NUMBER',
  'DATA_BAD_CHOICE',
  'DATA_DUPLICATE_ID',
  'DATA_UNKNOWN_PUPIL',
  'DATA_UNKNOWN_STAFF',
  'DATA_UNKNOWN_TARGET',
  'DATA_FORMULA_ERROR',
  'DATA_BAD_UPN',
  // Rota
  'ROTA_DOUBLE_BOOKED',
  'ROTA_OVER_CONTRACT',
  'ROTA_OUTSIDE_PATTERN',
  'ROTA_UNTRAINED',
  'ROTA_EHCP_HOURS_SHORT',
  'ROTA_PUPIL_UNSUPERVISED',
  'ROTA_NO_BREAK',
  // Progress
  'TARGET_NO_EVIDENCE',
  'TARGET_REVIEW_OVERDUE',
  'TARGET_NOT_SMART',
  // Provision (sessions delivered)
  'PROVISION_UNDER_DELIVERED',
  'SESSIONS_NOT_RECORDED',
  // Statutory
  'REVIEW_OVERDUE',
  'REVIEW_DUE_SOON',
  'REVIEW_NOTICE_LATE',
  'REVIEW_REPORT_LATE',
  'PHASE_TRANSFER_DEADLINE',
  // Training
  'TRAINING_EXPIRED',
  'TRAINING_EXPIRES_SOON',
] as const;
export type CheckCode = (typeof CHECK_CODES)[number];

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  severity: Severity;
  code: CheckCode;
  /** Plain UK English a SENCo understands. */
  message: string;
  /** Sheet name as found in the workbook. */
  tab: string;
  /** A1 reference including the tab, e.g. `Rota!C7` or `'Key stage 2'!B4`. */
  cell: string;
  pupilId?: string;
  staffId?: string;
}

export interface FindingSummary {
  error: number;
  warning: number;
  info: number;
}

export function summarise(findings: readonly Finding[]): FindingSummary {
  const s: FindingSummary = { error: 0, warning: 0, info: 0 };
  for (const f of findings) s[f.severity]++;
  return s;
}

/** A cell value as spreadsheets hand it over: Sheets API, SpreadsheetApp, exceljs all map to this. */
export type CellValue = string | number | boolean | Date | null | undefined;
export type Grid = CellValue[][];

/** The pupil has an Education, Health and Care plan: funded hours, annual reviews and phase transfer apply. */
export function hasEhcp(p: Pick<Pupil, 'senStatus'>): boolean {
  return p.senStatus === 'E';
}

const STATUS_LABELS: Record<SenStatus, string> = { E: 'EHCP', K: 'SEN support', N: 'No SEN' };

/** The words a badge or heading shows for a pupil's SEN status. */
export function statusLabel(p: Pick<Pupil, 'senStatus'>): string {
  return STATUS_LABELS[p.senStatus] ?? STATUS_LABELS.K;
}

export function pupilName(p: Pick<Pupil, 'firstName' | 'lastName'>): string {
  return `${p.firstName} ${p.lastName}`.trim();
}
