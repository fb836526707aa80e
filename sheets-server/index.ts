// The local Sheets API v4 server: start it from a test or from cli.ts.
export { startSheetsServer, type RecordedRequest, type SheetsServer, type SheetsServerOptions } from './server';
export type { Faults, CountedFault } from './faults';
export type { Operation } from './operations';
export type { TokenGrant, ServiceAccountKey } from './auth';
export { loadXlsxInto, saveXlsxFrom } from './xlsx-state';
