// Provision delivered: sessions (rota blocks with pupils on dates), their outcomes in the Log, the weekly
// roll-up against funded hours, the outcomes absence and cover imply, and the review-meeting statement.
export {
  SESSION_ACTIVITIES,
  sessionKey,
  parseSessionKey,
  sessionsOn,
  sessionsBetween,
  sessionAt,
  isSessionBlock,
  type Session,
  type SessionKeyParts,
} from './sessions';
export {
  SESSION_OUTCOME_KIND,
  AUTOMATIC_SOURCE,
  latestOutcomes,
  outcomeKey,
  outcomeLog,
  outcomeProblem,
  pupilAbsentOutcomes,
  type OutcomeInput,
} from './outcomes';
export { impliedOutcomes, automaticOutcomes, type ImpliedOutcome } from './automatic';
export {
  weeklyProvision,
  pupilSession,
  missedByReason,
  totalMissed,
  emptyMinutes,
  type WeekProvision,
  type PupilSession,
  type Minutes,
  type SessionStatus,
  type RollupOptions,
} from './rollup';
export { buildStatement, renderStatementHtml, type Statement, type StatementTarget } from './statement';
