// The import pipeline: one for every front end (see preview.ts).
export {
  previewImport,
  type ImportPreview,
  type ImportChoices,
  type RefusedRow,
  type DuplicateGroup,
  type UnusedColumn,
  type StoredCounts,
} from './preview';
export { mergeCaseload, type CaseloadSnapshot, type MergeReport, type PupilChange, type IncomingCaseload } from './merge';
export { prepareSource, derivedPupilId, type ImportSource, type DerivedId } from './source';
export { describePreview, countsText, type DescribeOptions } from './describe';
export { planTrackerImport, type TrackerImportPlan } from './tracker-plan';
export { upnProblem, upnCheckLetter, withCheckLetter } from './upn';
