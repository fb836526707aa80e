// Sync between the device and the tracker sheet: pure, against ports (store, sheets, tokens, clock, sleeper).
export { syncOutbox, DEFAULT_MAX_BATCH, type SyncDeps, type SyncJournal, type SyncReport } from './outbox';
export { pullCaseload, PULLED_TABS, type PulledCaseload, type PullOptions } from './pull';
export {
  discoverLogLayout,
  addLogColumns,
  missingLogFields,
  logIdRows,
  logIdsPresent,
  rowSpan,
  rowsIn,
  LogLayoutError,
  type LogLayout,
} from './log-layout';
export { SheetsError, isSheetsError, sheetsErrorFromResponse, parseRetryAfter, type SheetsFailure } from './sheets-error';
export { backoffDelay, MAX_BACKOFF_MS } from './backoff';
export { NOTES, STUCK, reasonFor, accessReason, type AccessWho } from './messages';
export { staffForEmail, whoToAsk, type StaffMatch } from './who';
