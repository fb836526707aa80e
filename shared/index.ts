// The public surface of the domain core. Front ends import from here (or from the module a name lives in).
export * from './model';
export * from './ports';
export * from './dates';
export * from './workbook';
export { checkWorkbook, type WorkbookCheck } from './check-workbook';
export { parseTracker, findTabs, matchHeader, TAB_METADATA_KEY, type ParseOptions, type ParseResult } from './schema/parse';
export { headerRow, recordToRow, recordsToRows, trackerToGrids } from './schema/serialise';
export { TAB_SPECS, SETTING_ROWS, tabSpec, fieldSpec, type FieldSpec, type TabSpec } from './schema/tabs';
export { a1Cell, columnLetters, columnIndex, parseRange, quoteSheetName } from './schema/a1';
export { runChecks, sortFindings } from './checks';
export { progressReport, pupilProgress, evidenceSummary, type PupilProgress, type TargetProgress, type Trend } from './progress';
export { targetEvidence, logsFromRows, evidenceColumns, EVIDENCE_FIELDS, type TargetEvidence, type EvidenceField } from './evidence';
export { planCover, coverPlanEdits, applyAbsenceEdits, type CoverPlan, type CoverAssignment, type CoverGap, type AbsenceEdits } from './cover';
export * from './provision';
export { effectiveLogs } from './corrections';
