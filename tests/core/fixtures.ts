// Small, valid trackers built in code: a realistic primary-school SEND team that passes every check on TODAY.
// Tests copy it (`validTracker()` returns a fresh object each time) and break one thing to make a check fire.
import {
  DEFAULT_SETTINGS,
  type Absence,
  type LogEntry,
  type Pupil,
  type Review,
  type RotaBlock,
  type Staff,
  type Target,
  type TrainingRecord,
  type Tracker,
  type Weekday,
} from '../../shared/model';
import { parseTime } from '../../shared/dates';
import { mulberry32 } from '../../demo/random';

/** Monday 23 November 2026. */
export const TODAY = '2026-11-23';

/** `09:30` → minutes since midnight. */
export function hm(text: string): number {
  const m = parseTime(text);
  if (m === undefined) throw new Error(`bad time ${text}`);
  return m;
}

export function block(
  day: Weekday,
  start: string,
  end: string,
  staffId: string,
  activity: RotaBlock['activity'],
  pupilIds: string[] = [],
  needs: string[] = [],
): RotaBlock {
  return { day, start: hm(start), end: hm(end), staffId, activity, pupilIds, needs };
}

const WEEK: Weekday[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];

export function everyDay(
  start: string,
  end: string,
  staffId: string,
  activity: RotaBlock['activity'],
  pupilIds: string[] = [],
  needs: string[] = [],
  days: Weekday[] = WEEK,
): RotaBlock[] {
  return days.map((d) => block(d, start, end, staffId, activity, pupilIds, needs));
}

let logSeq = 0;

/** Number Log IDs from the start again, so two trackers built the same way carry the same IDs (for diffing them). */
export function restartLogIds(): void {
  logSeq = 0;
}

export function log(pupilId: string, targetId: string | undefined, time: string, extra: Partial<LogEntry> = {}): LogEntry {
  logSeq++;
  return {
    id: `00000000-0000-4000-8000-${String(logSeq).padStart(12, '0')}`,
    time,
    pupilId,
    ...(targetId ? { targetId } : {}),
    kind: 'Progress',
    staffId: 'S01',
    ...extra,
  };
}

export interface TrackerParts {
  pupils?: Pupil[];
  targets?: Target[];
  staff?: Staff[];
  training?: TrainingRecord[];
  rota?: RotaBlock[];
  absences?: Absence[];
  logs?: LogEntry[];
  reviews?: Review[];
  settings?: Partial<Tracker['settings']>;
}

/** A tracker whose records carry sheet rows (header on row 1, data from row 2), as the parser would give them. */
export function buildTracker(parts: TrackerParts): Tracker {
  const rows = <T extends { row?: number }>(list: T[] | undefined): T[] => (list ?? []).map((r, i) => ({ ...r, row: r.row ?? i + 2 }));
  return {
    pupils: rows(parts.pupils),
    targets: rows(parts.targets),
    staff: rows(parts.staff),
    training: rows(parts.training),
    rota: rows(parts.rota),
    absences: rows(parts.absences),
    logs: rows(parts.logs),
    reviews: rows(parts.reviews),
    settings: { ...DEFAULT_SETTINGS, ...parts.settings },
    layout: {},
  };
}

export function pupil(id: string, firstName: string, lastName: string, extra: Partial<Pupil> = {}): Pupil {
  return { id, firstName, lastName, areasOfNeed: [], senStatus: 'K', phaseTransfer: false, ...extra };
}

export function target(id: string, pupilId: string, text: string, extra: Partial<Target> = {}): Target {
  return {
    id,
    pupilId,
    text,
    baseline: 'Observed in September',
    successCriteria: '4 out of 5 sessions',
    start: '2026-09-07',
    reviewBy: '2026-12-18',
    status: 'Developing',
    ...extra,
  };
}

/** Evidence spread over the window for a target: ratings and prompts given oldest first. */
function evidence(
  pupilId: string,
  targetId: string,
  staffId: string,
  days: string[],
  ratings: LogEntry['rating'][],
  prompts: LogEntry['prompt'][],
): LogEntry[] {
  return days.map((d, i) => log(pupilId, targetId, `${d}T10:15:00+00:00`, { staffId, rating: ratings[i], prompt: prompts[i] }));
}

export function validParts(): Required<Omit<TrackerParts, 'settings'>> {
  const pupils: Pupil[] = [
    pupil('P01', 'Sam', 'Jones', {
      year: '4',
      areasOfNeed: ['C&L', 'SEMH'],
      senStatus: 'E',
      ehcpIssued: '2023-03-10',
      lastAnnualReview: '2026-03-12',
      fundedHours: 15,
      keyWorker: 'S01',
    }),
    pupil('P02', 'Ava', 'Lee', {
      year: '2',
      areasOfNeed: ['C&I'],
      senStatus: 'E',
      ehcpIssued: '2025-01-20',
      lastAnnualReview: '2026-01-15',
      fundedHours: 10,
      keyWorker: 'S02',
    }),
    // Reception, so reviewed every 6 months in the autumn term: due 01/01/2027, and the meeting is booked.
    pupil('P03', 'Noah', 'Brown', {
      year: 'R',
      areasOfNeed: ['S&P'],
      senStatus: 'E',
      ehcpIssued: '2026-07-01',
      fundedHours: 10,
      keyWorker: 'S04',
    }),
    pupil('P04', 'Isla', 'Khan', { year: '5', areasOfNeed: ['SEMH'], senStatus: 'K' }),
    // Year 6 moving to secondary: the phase transfer review's report has gone to the LA.
    pupil('P05', 'Leo', 'Smith', {
      year: '6',
      areasOfNeed: ['C&L'],
      senStatus: 'E',
      ehcpIssued: '2021-05-01',
      lastAnnualReview: '2026-10-05',
      phaseTransfer: true,
    }),
  ];
  const staff: Staff[] = [
    { id: 'S01', name: 'Amelia Hartley', role: 'LSA', contractHours: 30, pattern: 'Mon-Thu 08:15-15:30; Fri 08:15-13:45' },
    { id: 'S02', name: 'Ben Okafor', role: 'TA', contractHours: 32.5, pattern: 'Mon-Fri 08:30-15:15' },
    { id: 'S03', name: 'Chloe Patel', role: 'HLTA', contractHours: 12, pattern: 'Mon, Wed 09:00-15:00' },
    { id: 'S04', name: 'Dan Whitfield', role: 'LSA', contractHours: 25, pattern: 'Mon-Fri 8:30-15:15 (term time only)' },
    { id: 'S05', name: 'Emma Lewis', role: 'SENCo', pattern: '' },
  ];
  const training: TrainingRecord[] = [
    { staffId: 'S01', training: 'Medication', completed: '2026-09-01', expires: '2027-09-01' },
    { staffId: 'S02', training: 'First aid', completed: '2025-01-06', expires: '2028-01-06' },
    // Renewed: the expired certificate is history, not a problem.
    { staffId: 'S03', training: 'Team Teach', completed: '2022-01-10', expires: '2025-01-10' },
    { staffId: 'S03', training: 'Team Teach', completed: '2025-01-09', expires: '2028-01-09' },
    { staffId: 'S04', training: 'Intimate care', completed: '2025-06-01' },
    { staffId: 'S05', training: 'Intimate care', completed: '2024-02-01' },
  ];
  const rota: RotaBlock[] = [
    ...everyDay('09:00', '12:00', 'S01', '1:1', ['P01'], ['Medication']),
    ...everyDay('12:00', '12:30', 'S01', 'Break'),
    ...everyDay('13:00', '15:00', 'S01', 'Group', ['P02', 'P04'], [], ['Mon', 'Tue', 'Wed', 'Thu']),
    ...everyDay('09:00', '11:00', 'S02', '1:1', ['P02']),
    block('Tue', '12:00', '12:30', 'S02', 'Duty'),
    ...everyDay('13:30', '14:00', 'S02', 'Intervention', ['P01'], [], ['Mon', 'Wed']),
    block('Mon', '09:00', '10:00', 'S03', 'Intervention', ['P04']),
    block('Wed', '09:00', '10:00', 'S03', 'Intervention', ['P05']),
    block('Wed', '13:00', '14:00', 'S03', 'PPA'),
    ...everyDay('10:00', '12:00', 'S04', '1:1', ['P03'], ['Intimate care']),
  ];
  const targets: Target[] = [
    target('T01', 'P01', 'Reads CVC words'),
    target('T02', 'P01', 'Uses the calm-down plan when upset', { area: 'SEMH', status: 'Emerging' }),
    target('T03', 'P02', 'Asks for help using a symbol card', { area: 'C&I', status: 'Secure' }),
    target('T04', 'P03', 'Uses a spoon independently at lunch', { area: 'S&P', status: 'Emerging' }),
    target('T05', 'P04', 'Joins the class within 5 minutes of the bell', { area: 'SEMH' }),
    target('T06', 'P05', 'Writes a paragraph with full stops', { status: 'Achieved', reviewBy: '2026-07-17' }),
    target('T07', 'P05', 'Recalls times tables to 5', { status: 'Not started', start: '2026-12-01', reviewBy: '2027-03-01' }),
  ];
  const window = ['2026-11-10', '2026-11-12', '2026-11-16', '2026-11-18', '2026-11-20'];
  const logs: LogEntry[] = [
    ...evidence(
      'P01',
      'T01',
      'S01',
      window,
      ['Emerging', 'Emerging', 'Developing', 'Developing', 'Secure'],
      ['Verbal', 'Verbal', 'Gestural', 'Gestural', 'Independent'],
    ),
    ...evidence(
      'P01',
      'T02',
      'S01',
      window.slice(1),
      ['Not yet', 'Emerging', 'Emerging', 'Emerging'],
      ['Physical', 'Modelled', 'Modelled', 'Verbal'],
    ),
    ...evidence(
      'P02',
      'T03',
      'S02',
      window,
      ['Secure', 'Secure', 'Secure', 'Developing', 'Secure'],
      ['Gestural', 'Gestural', 'Gestural', 'Gestural', 'Gestural'],
    ),
    ...evidence('P03', 'T04', 'S04', window.slice(2), ['Emerging', 'Emerging', 'Developing'], ['Physical', 'Physical', 'Modelled']),
    ...evidence('P04', 'T05', 'S03', ['2026-11-16'], ['Developing'], ['Verbal']),
    log('P01', undefined, '2026-11-16T13:45:00+00:00', { kind: 'Intervention', minutes: 30, staffId: 'S02', note: 'Phonics' }),
    log('P01', undefined, '2026-11-18T13:45:00+00:00', { kind: 'Intervention', minutes: 25, staffId: 'S02', note: 'Phonics' }),
    log('P05', undefined, '2026-11-11T09:30:00+00:00', { kind: 'Praise', staffId: 'S03' }),
  ];
  const absences: Absence[] = [
    // Named cover for Tuesday morning: Emma holds Intimate care training and has nothing else then.
    { staffId: 'S04', from: '2026-11-24', to: '2026-11-24', part: 'AM', reason: 'Medical appointment', coverStaffId: 'S05' },
    // Wednesday afternoon: only an intervention is affected, which the cover planner will place.
    { staffId: 'S02', from: '2026-11-25', to: '2026-11-25', part: 'PM', reason: 'Training course' },
  ];
  const reviews: Review[] = [
    { pupilId: 'P03', type: 'Annual', meetingDate: '2026-12-14', noticeSent: '2026-11-16', status: 'Booked' },
    {
      pupilId: 'P05',
      type: 'Phase transfer',
      meetingDate: '2026-10-05',
      noticeSent: '2026-09-14',
      reportSent: '2026-10-12',
      status: 'Draft plan awaited',
    },
    { pupilId: 'P01', type: 'Annual', meetingDate: '2026-03-12', noticeSent: '2026-02-20', reportSent: '2026-03-20', status: 'Final' },
  ];
  return { pupils, staff, training, rota, targets, logs, absences, reviews };
}

export function validTracker(overrides: TrackerParts = {}): Tracker {
  return buildTracker({ ...validParts(), ...overrides });
}

// ---- Generated schools, for property tests and benchmarks ----

/** A small deterministic PRNG, so a generated school is reproducible from its seed. */
export const rng = mulberry32;

export interface SchoolShape {
  seed: number;
  staff: number;
  pupils: number;
  logs?: number;
  /** Date the absences fall on (a school day). */
  date?: string;
  /** Share of staff absent on `date`. */
  absentShare?: number;
}

const PATTERNS = [
  'Mon-Fri 08:30-15:30',
  'Mon-Thu 08:15-15:30; Fri 08:15-13:45',
  'Mon, Wed, Fri 08:30-15:00',
  'Tue-Thu 09:00-15:00',
  'Mon-Fri 8:30-12:00',
  '',
  'Term time only',
];
const NEEDS = ['Medication', 'EpiPen', 'Intimate care'];
const ACTS: RotaBlock['activity'][] = ['1:1', '1:1', 'Group', 'Intervention', 'Duty', 'Break', 'PPA'];

/** A random but plausible school: staff with patterns, contracts and training; a rota without overlaps per
 * person on half-hour slots; absences on `date` with no cover named; and `logs` log rows over the term. */
export function generateSchool(shape: SchoolShape): Tracker {
  const r = rng(shape.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const date = shape.date ?? '2026-11-24';
  const staffIds = Array.from({ length: shape.staff }, (_, i) => `S${String(i + 1).padStart(3, '0')}`);
  const pupilIds = Array.from({ length: shape.pupils }, (_, i) => `P${String(i + 1).padStart(4, '0')}`);
  const staff: Staff[] = staffIds.map((id, i) => ({
    id,
    name: `Staff Member ${i + 1}`,
    role: 'LSA',
    ...(r() < 0.85 ? { contractHours: pick([12, 20, 25, 30, 32.5]) } : {}),
    pattern: pick(PATTERNS),
  }));
  const training: TrainingRecord[] = [];
  for (const id of staffIds) {
    for (const need of NEEDS) {
      if (r() < 0.5) continue;
      const expiresIn = Math.floor(r() * 400) - 30;
      const d = new Date(Date.parse(`${date}T00:00:00Z`) + expiresIn * 86_400_000).toISOString().slice(0, 10);
      training.push({ staffId: id, training: need, completed: '2024-01-01', ...(r() < 0.8 ? { expires: d } : {}) });
    }
  }
  const pupils: Pupil[] = pupilIds.map((id, i) =>
    pupil(id, `Pupil${i + 1}`, `Surname${i + 1}`, {
      year: pick(['R', '1', '2', '3', '4', '5', '6']),
      senStatus: r() < 0.6 ? 'E' : 'K',
      keyWorker: pick(staffIds),
    }),
  );
  const rota: RotaBlock[] = [];
  for (const id of staffIds) {
    for (const day of WEEK) {
      let t = 8 * 60 + 30 + 30 * Math.floor(r() * 3);
      while (t < 15 * 60) {
        const len = 30 * (1 + Math.floor(r() * 4));
        if (r() < 0.7) {
          const activity = pick(ACTS);
          const who =
            activity === '1:1'
              ? [pick(pupilIds)]
              : activity === 'Group' || activity === 'Intervention'
                ? [pick(pupilIds), pick(pupilIds)].filter((x, i, a) => a.indexOf(x) === i)
                : [];
          const needs = activity === '1:1' && r() < 0.3 ? [pick(NEEDS)] : [];
          rota.push({ day, start: t, end: Math.min(t + len, 15 * 60 + 30), staffId: id, activity, pupilIds: who, needs });
        }
        t += len;
      }
    }
  }
  const absences: Absence[] = staffIds
    .filter(() => r() < (shape.absentShare ?? 0.2))
    .map((id) => ({ staffId: id, from: date, to: date, part: pick(['All day', 'AM', 'PM'] as const), reason: 'Ill' }));
  const logs: LogEntry[] = [];
  const targets: Target[] = pupilIds.flatMap((p, i) => [target(`T${i}a`, p, 'Reads CVC words'), target(`T${i}b`, p, 'Asks for help')]);
  const start = Date.parse('2026-09-07T09:00:00Z');
  for (let i = 0; i < (shape.logs ?? 0); i++) {
    const p = Math.floor(r() * pupilIds.length);
    const when = new Date(start + Math.floor(r() * 78 * 86_400_000)).toISOString().replace('.000Z', '+00:00');
    logs.push({
      id: `log-${i}`,
      time: when,
      pupilId: pupilIds[p]!,
      targetId: `T${p}${r() < 0.5 ? 'a' : 'b'}`,
      kind: r() < 0.2 ? 'Intervention' : 'Progress',
      rating: pick(['Not yet', 'Emerging', 'Developing', 'Secure', 'Achieved'] as const),
      prompt: pick(['Independent', 'Gestural', 'Verbal', 'Modelled', 'Physical'] as const),
      minutes: 20,
      staffId: pick(staffIds),
    });
  }
  logs.sort((a, b) => (a.time < b.time ? -1 : 1));
  return buildTracker({ pupils, staff, training, rota, absences, logs, targets, reviews: [] });
}
