// Cover planning: who can take the blocks an absence leaves on a given date.
export { planCover, coverDuties, type CoverAssignment, type CoverGap, type CoverPlan } from './plan';
