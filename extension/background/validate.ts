// A log from a content script is checked before it is stored: the sheet is the shared record, so nothing
// malformed goes into the outbox.
import {
  LOG_KINDS,
  MISSED_REASONS,
  PROMPTS,
  RATINGS,
  SESSION_OUTCOMES,
  outcomeProblem,
  parseSessionKey,
  type LogEntry,
} from '../../shared/index';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
export const MAX_NOTE_LENGTH = 500;

/** Undefined when the entry is fine, else what is wrong in plain English. */
export function logEntryProblem(e: unknown, knownPupil: (id: string) => boolean): string | undefined {
  if (typeof e !== 'object' || e === null) return 'The log was empty.';
  const entry = e as Partial<LogEntry>;
  if (typeof entry.id !== 'string' || !UUID.test(entry.id)) return 'The log had no valid id.';
  if (typeof entry.time !== 'string' || !ISO_INSTANT.test(entry.time)) return 'The log had no valid time.';
  if (typeof entry.pupilId !== 'string' || !knownPupil(entry.pupilId)) return 'That pupil is not on your caseload.';
  if (!LOG_KINDS.includes(entry.kind as never)) return 'The log had an unknown kind.';
  // Corrections are made by Undo and Edit in the background only, never sent in by a page.
  if (entry.kind === 'Correction') return 'A correction cannot be logged directly: use Undo or Edit.';
  if (entry.rating !== undefined && !RATINGS.includes(entry.rating)) return 'The rating was not recognised.';
  if (entry.prompt !== undefined && !PROMPTS.includes(entry.prompt)) return 'The prompt level was not recognised.';
  if (entry.minutes !== undefined && !(Number.isInteger(entry.minutes) && entry.minutes > 0 && entry.minutes <= 600))
    return 'Minutes must be a whole number between 1 and 600.';
  if (entry.note !== undefined && (typeof entry.note !== 'string' || entry.note.length > MAX_NOTE_LENGTH))
    return `Notes are limited to ${MAX_NOTE_LENGTH} characters.`;
  if (entry.kind === 'Progress' && (entry.rating === undefined || entry.targetId === undefined))
    return 'A progress log needs a target and a rating.';
  if (entry.kind === 'Session outcome') {
    if (typeof entry.session !== 'string' || !parseSessionKey(entry.session)) return 'The session outcome did not say which session.';
    if (!SESSION_OUTCOMES.includes(entry.outcome as never)) return 'The session outcome was not recognised.';
    if (entry.missedReason !== undefined && !MISSED_REASONS.includes(entry.missedReason))
      return 'The reason the session was missed was not recognised.';
    const problem = outcomeProblem({ outcome: entry.outcome!, missedReason: entry.missedReason, minutes: entry.minutes, note: entry.note });
    if (problem) return problem;
  }
  return undefined;
}
