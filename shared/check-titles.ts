// Each check code's title in words, for wherever a finding is listed (the add-on's sidebar, the CLI): people read
// the title; the code stays beside it, small, for support and for searching the docs.
import type { CheckCode } from './model';

export const CHECK_TITLES: Readonly<Record<CheckCode, string>> = {
  HEADER_MISSING: 'Column heading missing',
  HEADER_DUPLICATE: 'Column heading used twice',
  DATA_MISSING_REQUIRED: 'Required value missing',
  DATA_BAD_DATE: 'Date not understood',
  DATA_BAD_TIME: 'Time not understood',
  DATA_BAD_NUMBER: 'Number not understood',
  DATA_BAD_CHOICE: 'Not one of the allowed choices',
  DATA_DUPLICATE_ID: 'ID used twice',
  DATA_UNKNOWN_PUPIL: 'Pupil not on the Pupils tab',
  DATA_UNKNOWN_STAFF: 'Staff member not on the Staff tab',
  DATA_UNKNOWN_TARGET: 'Target not on the Targets tab',
  DATA_FORMULA_ERROR: 'Formula error in a cell',
  DATA_BAD_UPN: 'UPN not valid',
  ROTA_DOUBLE_BOOKED: 'Staff member booked twice at once',
  ROTA_OVER_CONTRACT: 'Rota over contracted hours',
  ROTA_OUTSIDE_PATTERN: 'Rota outside working hours',
  ROTA_UNTRAINED: 'Staff member lacks required training',
  ROTA_EHCP_HOURS_SHORT: 'Fewer 1:1 hours than the EHCP funds',
  ROTA_PUPIL_UNSUPERVISED: 'Pupil left without their adult',
  ROTA_NO_BREAK: 'No break in a long stretch of work',
  TARGET_NO_EVIDENCE: 'Target without recent evidence',
  TARGET_REVIEW_OVERDUE: 'Target review overdue',
  TARGET_NOT_SMART: 'Target cannot be measured',
  PROVISION_UNDER_DELIVERED: 'Provision under-delivered',
  SESSIONS_NOT_RECORDED: 'Sessions with no outcome recorded',
  REVIEW_OVERDUE: 'Annual review overdue',
  REVIEW_DUE_SOON: 'Annual review due soon',
  REVIEW_NOTICE_LATE: 'Review notice late',
  REVIEW_REPORT_LATE: 'Review report late',
  PHASE_TRANSFER_DEADLINE: 'Phase transfer plan not final',
  TRAINING_EXPIRED: 'Training expired',
  TRAINING_EXPIRES_SOON: 'Training expires soon',
};

/** The finding's title in words; an unknown code (a newer tracker file) is shown as itself rather than hidden. */
export function checkTitle(code: string): string {
  return (CHECK_TITLES as Record<string, string>)[code] ?? code;
}
