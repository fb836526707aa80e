// Cover planning: who can take the blocks an absence leaves on a given date, and how to record it.
export { planCover, coverDuties, type CoverAssignment, type CoverGap, type CoverPlan } from './plan';
export { applyAbsenceEdits, claimAbsenceRows, coverPlanEdits, type AbsenceClaim, type AbsenceEdits, type CoverRow } from './writeback';
export { nextDateNeedingCover } from './next-date';
