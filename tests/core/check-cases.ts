// One row per check code: the smallest tracker (or workbook, for the parser's codes) that makes the code fire, and
// the nearest case where it is silent. Both come from one `build(value)`, so the pair differs in exactly the one
// value that crosses the rule (tests/core/check-codes.test.ts also proves that by diffing them).
// tests/conventions.test.ts fails when a code in CHECK_CODES has no row here; `npm run new:check` adds the row.
import { withCheckLetter } from '../../shared/import/upn';
import type { CheckCode, Grid, IsoDate, LogEntry, Tracker } from '../../shared/model';
import { sessionsOn } from '../../shared/provision';
import { trackerToGrids } from '../../shared/schema/serialise';
import { block, buildTracker, log, pupil, restartLogIds, validParts, validTracker } from './fixtures';

/** What a case hands to the checks: a tracker (run through runChecks) or a workbook (run through checkWorkbook). */
export type CheckInput = { tracker: Tracker; today?: IsoDate } | { grids: Record<string, Grid>; today?: IsoDate };

export interface CheckCase<V> {
  /** The problem, in a few words: the firing test's name. */
  fires: string;
  /** The nearest case that is not a problem: the silent test's name. */
  silent: string;
  /** The input with `value` in the one place the two cases differ. */
  build: (value: V) => CheckInput;
  firing: V;
  nearMiss: V;
  /** Where the firing case's findings land (Tab!A1), in report order. */
  cells: string[];
  /** The first finding's message, word for word. */
  message?: string;
  /** Other codes the near miss rightly raises (e.g. "expires tomorrow" is TRAINING_EXPIRES_SOON); none unless listed. */
  nearMissAlso?: CheckCode[];
}

/** A row of the table: the case with its two inputs built. */
export interface CheckRow extends Omit<CheckCase<unknown>, 'build' | 'firing' | 'nearMiss'> {
  firingInput: () => CheckInput;
  nearMissInput: () => CheckInput;
}

/** Infers `V` per row, so each row's firing and near-miss values are type-checked against its builder. */
function kase<V>({ build, firing, nearMiss, ...rest }: CheckCase<V>): CheckRow {
  const built = (value: V) => {
    restartLogIds();
    return build(value);
  };
  return { ...rest, firingInput: () => built(firing), nearMissInput: () => built(nearMiss) };
}

// ---- Builders: the valid tracker with one thing changed ----

const parts = validParts;
const tracker = (t: Tracker, today?: IsoDate): CheckInput => (today ? { tracker: t, today } : { tracker: t });

/** The valid tracker as a workbook, with one cell (tab, column header, sheet row) set to `value`; row 1 is the header. */
function workbookWith(tab: string, header: string, row: number, value: Grid[number][number]): CheckInput {
  const grids = trackerToGrids(validTracker());
  const grid = grids[tab]!;
  const col = grid[0]!.indexOf(header);
  if (col < 0) throw new Error(`${tab} has no ${header} column`);
  grid[row - 1]![col] = value;
  return { grids };
}

/** The valid tracker as a workbook, with one more (empty) column headed `header` at the end of a tab. */
function workbookPlusColumn(tab: string, header: string): CheckInput {
  const grids = trackerToGrids(validTracker());
  const grid = grids[tab]!;
  grid[0]![grid[0]!.length] = header;
  return { grids };
}

function withPupil(id: string, change: Partial<ReturnType<typeof parts>['pupils'][number]>): CheckInput {
  return tracker(validTracker({ pupils: parts().pupils.map((p) => (p.id === id ? { ...p, ...change } : p)) }));
}

function withTarget(id: string, change: Partial<ReturnType<typeof parts>['targets'][number]>): CheckInput {
  return tracker(validTracker({ targets: parts().targets.map((t) => (t.id === id ? { ...t, ...change } : t)) }));
}

function withTraining(training: string, change: object): CheckInput {
  return tracker(validTracker({ training: parts().training.map((r) => (r.training === training ? { ...r, ...change } : r)) }));
}

function withReview(pupilId: string, change: object): CheckInput {
  return tracker(validTracker({ reviews: parts().reviews.map((r) => (r.pupilId === pupilId ? { ...r, ...change } : r)) }));
}

function plusRota(...extra: ReturnType<typeof block>[]): CheckInput {
  return tracker(validTracker({ rota: [...parts().rota, ...extra] }));
}

/** A Delivered outcome for every session of the week of 16/11/2026; `change` alters one pupil's session. */
function recordedWeek(pupilId: string, session: string, change: Partial<LogEntry>): CheckInput {
  const p = parts();
  const outcomes: LogEntry[] = [];
  for (const date of ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20']) {
    for (const s of sessionsOn(p.rota, date)) {
      for (const who of s.block.pupilIds) {
        outcomes.push({
          id: `outcome-${outcomes.length + 1}`,
          time: `${date}T15:30:00+00:00`,
          pupilId: who,
          kind: 'Session outcome',
          session: s.key,
          outcome: 'Delivered',
          staffId: s.block.staffId,
          ...(who === pupilId && s.key === session ? change : {}),
        });
      }
    }
  }
  return tracker(validTracker({ logs: [...p.logs, ...outcomes] }));
}

// ---- The table ----

export const CHECK_CASES: Record<CheckCode, CheckRow> = {
  // Data (the parser's codes are read from a workbook)
  HEADER_MISSING: kase({
    fires: 'the Absence tab has lost its Staff ID header',
    silent: 'the header is written in lower case',
    build: (v: string) => workbookWith('Absence', 'Staff ID', 1, v),
    firing: 'Member of staff',
    nearMiss: 'staff id',
    cells: ['Absence!I1'],
  }),
  HEADER_DUPLICATE: kase({
    fires: 'a second Role column on the Staff tab',
    silent: 'the extra column has its own name',
    build: (v: string) => workbookPlusColumn('Staff', v),
    firing: 'Role',
    nearMiss: 'Role notes',
    cells: ['Staff!G1'],
  }),
  DATA_MISSING_REQUIRED: kase({
    fires: 'an absence with no From date',
    silent: 'the From date is filled in',
    build: (v: string | null) => workbookWith('Absence', 'From', 3, v),
    firing: null,
    nearMiss: '2026-11-25',
    cells: ['Absence!B3'],
  }),
  DATA_BAD_DATE: kase({
    fires: 'a training expiry of 31/02/2028',
    silent: '29/02/2028 (a leap year)',
    build: (v: string) => workbookWith('Training', 'Expires', 3, v),
    firing: '31/02/2028',
    nearMiss: '29/02/2028',
    cells: ['Training!D3'],
  }),
  DATA_BAD_TIME: kase({
    fires: 'a rota block ending at 24:30',
    silent: 'ending at 12:30',
    build: (v: string) => workbookWith('Rota', 'End', 13, v),
    firing: '24:30',
    nearMiss: '12:30',
    cells: ['Rota!C13'],
  }),
  DATA_BAD_NUMBER: kase({
    fires: 'contract hours written as words',
    silent: 'written as a number',
    build: (v: string | number) => workbookWith('Staff', 'Contract hours/week', 4, v),
    firing: 'twelve',
    nearMiss: 12,
    cells: ['Staff!D4'],
  }),
  DATA_BAD_CHOICE: kase({
    fires: 'a target status that is not on the list',
    silent: 'the same status spelt right',
    build: (v: string) => workbookWith('Targets', 'Status', 2, v),
    firing: 'Developping',
    nearMiss: 'Developing',
    cells: ['Targets!J2'],
  }),
  DATA_FORMULA_ERROR: kase({
    fires: 'a #REF! where a training completion date should be',
    silent: 'the date itself',
    build: (v: string) => workbookWith('Training', 'Completed', 2, v),
    firing: '#REF!',
    nearMiss: '2026-09-01',
    cells: ['Training!C2'],
  }),
  DATA_DUPLICATE_ID: kase({
    fires: 'a second pupil with the ID P02',
    silent: 'the new pupil has an ID of their own',
    build: (v: string) => tracker(validTracker({ pupils: [...parts().pupils, pupil(v, 'Mia', 'Green', { year: '3' })] })),
    firing: 'P02',
    nearMiss: 'P06',
    cells: ['Pupils!A7'],
    message: 'Pupil ID "P02" is used more than once (first on row 3): each Pupil ID must be unique.',
  }),
  DATA_UNKNOWN_PUPIL: kase({
    fires: 'a praise log for a pupil who is not on the Pupils tab',
    silent: 'the log names a known pupil',
    build: (v: string) =>
      tracker(
        validTracker({ logs: [...parts().logs, log(v, undefined, '2026-11-20T09:00:00+00:00', { kind: 'Praise', staffId: 'S02' })] }),
      ),
    firing: 'P66',
    nearMiss: 'P04',
    cells: ['Log!C23'],
  }),
  DATA_UNKNOWN_STAFF: kase({
    fires: 'a training record for staff not on the Staff tab',
    silent: 'the record names known staff',
    build: (v: string) =>
      tracker(validTracker({ training: [...parts().training, { staffId: v, training: 'First aid', completed: '2026-01-05' }] })),
    firing: 'S41',
    nearMiss: 'S05',
    cells: ['Training!A8'],
  }),
  DATA_UNKNOWN_TARGET: kase({
    fires: 'a log against a target that does not exist',
    silent: 'the log is against the pupil’s own target',
    build: (v: string) =>
      tracker(validTracker({ logs: [...parts().logs, log('P02', v, '2026-11-20T09:00:00+00:00', { staffId: 'S02' })] })),
    firing: 'T404',
    nearMiss: 'T03',
    cells: ['Log!D23'],
  }),
  DATA_BAD_UPN: kase({
    fires: 'a UPN with the wrong check letter',
    silent: 'the UPN with its right check letter',
    build: (v: string) => withPupil('P04', { upn: v }),
    firing: `${withCheckLetter('823705200512') === 'A823705200512' ? 'B' : 'A'}823705200512`,
    nearMiss: withCheckLetter('823705200512'),
    cells: ['Pupils!D5'],
  }),
  // Rota
  ROTA_DOUBLE_BOOKED: kase({
    fires: 'a duty that starts before the same person’s 1:1 ends',
    silent: 'the duty starts as the 1:1 ends',
    build: (v: string) => plusRota(block('Mon', v, '11:30', 'S02', 'Duty')),
    firing: '10:30',
    nearMiss: '11:00',
    cells: ['Rota!B32'],
  }),
  ROTA_OVER_CONTRACT: kase({
    fires: 'rostered for 3 h against a 2.5 h contract',
    silent: 'a 3 h contract',
    build: (v: number) => tracker(validTracker({ staff: parts().staff.map((s) => (s.id === 'S03' ? { ...s, contractHours: v } : s)) })),
    firing: 2.5,
    nearMiss: 3,
    cells: ['Staff!D4'],
    message: 'Chloe Patel is rostered for 3 h a week (not counting breaks) but is contracted for 2 h 30 min: 30 min over.',
  }),
  ROTA_OUTSIDE_PATTERN: kase({
    fires: 'a Friday duty ending after the person’s Friday hours',
    silent: 'ending exactly when their day ends',
    build: (v: string) => plusRota(block('Fri', '13:00', v, 'S01', 'Duty')),
    firing: '14:00',
    nearMiss: '13:45',
    cells: ['Rota!B32'],
  }),
  ROTA_UNTRAINED: kase({
    fires: 'a 1:1 needing training the adult does not hold',
    silent: 'needing training they hold in date',
    build: (v: string) => tracker(validTracker({ rota: parts().rota.map((b, i) => (i === 14 ? { ...b, needs: [v] } : b)) })),
    firing: 'EpiPen',
    nearMiss: 'First aid',
    cells: ['Rota!H16'],
  }),
  ROTA_EHCP_HOURS_SHORT: kase({
    fires: 'funded hours above the rostered 1:1 time',
    silent: 'funded hours met exactly',
    build: (v: number) => withPupil('P02', { fundedHours: v }),
    firing: 12,
    nearMiss: 10,
    cells: ['Pupils!M3'],
    message: 'Ava Lee has 10 h of 1:1 support on the rota each week, but the EHCP funds 12 h: 2 h short.',
  }),
  ROTA_PUPIL_UNSUPERVISED: kase({
    fires: 'the adult of a morning 1:1 absent all day tomorrow, no cover named',
    silent: 'absent in the afternoon only',
    build: (v: 'All day' | 'PM') =>
      tracker(
        validTracker({ absences: [...parts().absences, { staffId: 'S01', from: '2026-11-24', to: '2026-11-24', part: v, reason: 'Ill' }] }),
      ),
    firing: 'All day',
    nearMiss: 'PM',
    cells: ['Absence!F4'],
  }),
  ROTA_NO_BREAK: kase({
    fires: 'a 6 h 10 min day with only 10-minute changeovers',
    silent: 'a 20-minute pause',
    build: (v: string) =>
      plusRota(block('Thu', '11:10', '13:00', 'S02', 'Group', ['P04']), block('Thu', v, '15:10', 'S02', 'Intervention', ['P02'])),
    firing: '13:10',
    nearMiss: '13:20',
    cells: ['Rota!B19'],
    message: 'Ben Okafor works 09:00–15:10 on Thu (6 h 10 min) without a break of at least 20 minutes.',
  }),
  // Progress
  TARGET_NO_EVIDENCE: kase({
    fires: 'the only evidence for a target is a day older than the window',
    silent: 'the evidence is on the first day of the window',
    build: (v: string) => tracker(validTracker({ logs: parts().logs.map((l) => (l.targetId === 'T05' ? { ...l, time: v } : l)) })),
    firing: '2026-11-08T15:00:00+00:00',
    nearMiss: '2026-11-09T08:00:00+00:00',
    cells: ['Targets!A6'],
  }),
  TARGET_REVIEW_OVERDUE: kase({
    fires: 'a target’s review date three days ago',
    silent: 'the review date is today',
    build: (v: string) => withTarget('T01', { reviewBy: v }),
    firing: '2026-11-20',
    nearMiss: '2026-11-23',
    cells: ['Targets!I2'],
    message: `Sam Jones's target T01 ("Reads CVC words") was due for review by 20/11/2026 and is still Developing.`,
  }),
  TARGET_NOT_SMART: kase({
    fires: 'a target whose baseline is blank',
    silent: 'the baseline is written',
    build: (v: string) => withTarget('T02', { baseline: v }),
    firing: ' ',
    nearMiss: 'Shouts when upset, most days',
    cells: ['Targets!F3'],
  }),
  // Provision
  PROVISION_UNDER_DELIVERED: kase({
    fires: 'one funded 1:1 session missed last week',
    silent: 'the session delivered',
    build: (v: 'Missed' | 'Delivered') => recordedWeek('P01', '2026-11-18 09:00-12:00 S01', { outcome: v }),
    firing: 'Missed',
    nearMiss: 'Delivered',
    cells: ['Pupils!M2'],
  }),
  SESSIONS_NOT_RECORDED: kase({
    fires: 'a session last week whose outcome is blank',
    silent: 'the outcome is recorded',
    build: (v: 'Delivered' | undefined) => recordedWeek('P02', '2026-11-17 13:00-15:00 S01', { outcome: v }),
    firing: undefined,
    nearMiss: 'Delivered',
    cells: ['Pupils!A3'],
  }),
  // Statutory
  REVIEW_OVERDUE: kase({
    fires: 'the last annual review 12 months and 3 days ago',
    silent: 'exactly 12 months ago (due today)',
    build: (v: string) => withPupil('P02', { lastAnnualReview: v }),
    firing: '2025-11-20',
    nearMiss: '2025-11-23',
    cells: ['Pupils!L3'],
    nearMissAlso: ['REVIEW_DUE_SOON'],
  }),
  REVIEW_DUE_SOON: kase({
    fires: 'an annual review due on the last day of the warning window, no meeting booked',
    silent: 'due one day after the window',
    build: (v: string) => withPupil('P02', { lastAnnualReview: v }),
    firing: '2026-01-04',
    nearMiss: '2026-01-05',
    cells: ['Pupils!L3'],
  }),
  REVIEW_NOTICE_LATE: kase({
    fires: 'notice of a meeting sent 10 days before',
    silent: 'sent exactly 2 weeks before',
    build: (v: string) => withReview('P03', { noticeSent: v }),
    firing: '2026-12-04',
    nearMiss: '2026-11-30',
    cells: ['Reviews!D2'],
    message: "Notice of Noah Brown's review on 14/12/2026 was sent on 04/12/2026, only 10 days before: it must go at least 2 weeks before.",
  }),
  REVIEW_REPORT_LATE: kase({
    fires: 'a review report sent 15 days after the meeting',
    silent: 'sent on day 14',
    build: (v: string) => withReview('P01', { reportSent: v }),
    firing: '2026-03-27',
    nearMiss: '2026-03-26',
    cells: ['Reviews!E4'],
  }),
  PHASE_TRANSFER_DEADLINE: kase({
    fires: 'a Year 6 transfer plan not final five weeks before 15 February',
    silent: 'the plan marked final',
    build: (v: string) =>
      tracker(
        buildTracker({
          pupils: [parts().pupils.find((p) => p.id === 'P05')!],
          reviews: [{ pupilId: 'P05', type: 'Phase transfer', meetingDate: '2027-01-20', noticeSent: '2026-12-21', status: v }],
        }),
        '2027-01-10',
      ),
    firing: 'Draft',
    nearMiss: 'Final plan issued',
    cells: ['Pupils!O2'],
  }),
  // Training
  TRAINING_EXPIRED: kase({
    fires: 'first aid that expires today',
    silent: 'expiring tomorrow',
    build: (v: string) => withTraining('First aid', { expires: v }),
    firing: '2026-11-23',
    nearMiss: '2026-11-24',
    cells: ['Training!D3'],
    message: "Ben Okafor's First aid training expired on 23/11/2026.",
    nearMissAlso: ['TRAINING_EXPIRES_SOON'],
  }),
  TRAINING_EXPIRES_SOON: kase({
    fires: 'first aid expiring in 30 days',
    silent: 'expiring in 31 days',
    build: (v: string) => withTraining('First aid', { expires: v }),
    firing: '2026-12-23',
    nearMiss: '2026-12-24',
    cells: ['Training!D3'],
    message: "Ben Okafor's First aid training expires on 23/12/2026, in 30 days.",
  }),
};
