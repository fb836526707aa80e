// The extension's local store, for the service worker and extension pages (never content scripts).
export { database, getMeta, setMeta, openCaseloadDb, DB_NAME, DB_VERSION, type CaseloadDb, type StoredLog, type SiteRule } from './db';
export { IdbLogStore, toLogEntry } from './logs';
export { replaceCaseload, readCaseload, storedCounts, type Caseload, type CaseloadData, type ReplaceOptions } from './caseload';
export { readSyncState, recordSyncResult, type SyncState } from './sync-state';
export { siteRuleFor, saveSiteRule, forgetSiteRule, allSiteRules } from './site-rules';
export { eraseAll } from './erase';
