// The local Sheets API v4 server: start it from a test or from cli.ts.
export { startSheetsServer, type AddSpreadsheetOptions, type RecordedRequest, type SheetsServer, type SheetsServerOptions } from './server';
export type { Faults, CountedFault } from './faults';
export type { Operation } from './operations';
export { SCOPE, type TokenGrant, type ServiceAccountKey } from './auth';
export type { OAuthOptions } from './oauth';
export type { ShareOptions, ShareRole } from './sharing';
export { loadXlsxInto, saveXlsxFrom } from './xlsx-state';
