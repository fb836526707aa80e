// The public surface of the domain core. Front ends (extension/, sheets-addon/, cli/, scripts/, sheets-server/)
// import the core from here or from the sync barrel (shared/sync/index.ts) only; tests/architecture.test.ts
// enforces it. A name a front end needs is exported here on purpose, so the core's surface is one list.
export * from './model';
export * from './ports';
export * from './dates';
export * from './workbook';
export { checkWorkbook, type WorkbookCheck } from './check-workbook';
export {
  parseTracker,
  findTabs,
  matchHeader,
  logRowReader,
  TAB_METADATA_KEY,
  type ParseOptions,
  type ParseResult,
} from './schema/parse';
export { headerRow, recordToRow, recordsToRows, trackerToGrids } from './schema/serialise';
export { TAB_SPECS, SETTING_ROWS, tabSpec, fieldSpec, isLegacyEhcpHeader, type FieldSpec, type TabSpec } from './schema/tabs';
export { a1Cell, columnLetters, columnIndex, parseRange, quoteSheetName } from './schema/a1';
export { runChecks, sortFindings } from './checks';
export { CHECK_TITLES, checkTitle } from './check-titles';
export { progressReport, pupilProgress, evidenceSummary, type PupilProgress, type TargetProgress, type Trend } from './progress';
export {
  effectiveLogs,
  applyCorrections,
  voidCorrection,
  editCorrection,
  isCorrection,
  latestCorrections,
  correctedLog,
  EDITABLE_FIELDS,
  type AppliedCorrections,
  type CorrectionMeta,
  type LogValues,
  type EditableField,
} from './corrections';
export { targetEvidence, logsFromRows, evidenceColumns, EVIDENCE_FIELDS, type TargetEvidence, type EvidenceField } from './evidence';
export {
  planCover,
  coverPlanEdits,
  claimAbsenceRows,
  nextDateNeedingCover,
  applyAbsenceEdits,
  type CoverPlan,
  type CoverAssignment,
  type CoverGap,
  type AbsenceClaim,
  type AbsenceEdits,
  type CoverRow,
} from './cover';
export { buildContext, describeBlock, staffName, type CheckContext } from './checks/context';
export { absenceOn, namedCoverFor, schoolDay, weekStart } from './checks/rules';
export { cellText, isBlankCell } from './schema/cells';
export { foldText, foldMarks, foldName, foldChoice, groupBy, isAscii } from './text';
export { indexLogs } from './progress';
export { importGridRota, newBlocks, type GridRotaResult } from './gridrota';
export {
  logsToCsv,
  readableLogsToCsv,
  readableLogCsv,
  ukLocalDateTime,
  type LogNames,
  findingsToCsv,
  parseCaseloadCsv,
  escapeFormula,
  type CaseloadImport,
} from './csv';
export {
  planSetup,
  planTabHeader,
  planImport,
  applyChanges,
  validationRule,
  appendOnlyProtectionText,
  type SetupPlan,
  type ValidationRule,
  type WorkbookChange,
} from './setup';
export { findPupil, pupilExport, erasureSteps, type PupilFindings, type PupilRow } from './pupil-rights';
export { checkZipDirectory, zipParts, MAX_EXPANDED_BYTES, MAX_ZIP_ENTRIES, type ZipVerdict } from './zip-guard';
export { unusedColumns } from './schema/parse';
export * from './import';
export * from './provision';
