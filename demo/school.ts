// The demo school: Kestrel Lane All-Through School, a fictional Reception–Year 11 school with 30 pupils on the
// SEND register and 12 adults in its SEND team. The CLI's `init --demo`, the extension's demo and the add-on's
// tests all use it. Pure and deterministic for a seed (no clock, no Math.random, no platform APIs), and every date
// is relative to `today`, so the deliberate problems below stay problems whatever day it is run.
//
// Deliberate problems (each must be found by `caseload check`; tests/cli asserts them):
//  1. Double-booking: Chloé Martin (CMA) on Wednesday has Łukasz's 1:1 12:45–14:15 and a Lego-based therapy
//     group 13:30–14:15 (ROTA_DOUBLE_BOOKED at the group's row).
//  2. Expired medication training: Callum Reid's (CRE) Medication certificate ran out 20 days ago, and he covers
//     Kai's Wednesday 1:1, which needs Medication (ROTA_UNTRAINED on that block; TRAINING_EXPIRED on the record).
//  3. Funded-hours shortfall: Amara Nwosu's EHCP funds 10 h of 1:1 a week; the rota gives 7 h 30 min
//     (ROTA_EHCP_HOURS_SHORT).
//  4. Overdue annual review: Fatima Begum's last annual review was 13 months ago and none is booked
//     (REVIEW_OVERDUE).
//  5. A target with no evidence: Harvey Doyle's first target was last logged 25 days ago (TARGET_NO_EVIDENCE).
//  6. A missing baseline: Darius Popescu's first target has no baseline (TARGET_NOT_SMART).
import { addDays, addMonths, formatTime, weekdayOf } from '../shared/dates';
import { withCheckLetter } from '../shared/import/upn';
import {
  DAYS,
  DEFAULT_SETTINGS,
  hasEhcp,
  RATINGS,
  PROMPTS,
  type Absence,
  type Activity,
  type AreaOfNeed,
  type IsoDate,
  type LogEntry,
  type PrimaryNeed,
  type Pupil,
  type Rating,
  type Review,
  type RotaBlock,
  type Staff,
  type Target,
  type TargetStatus,
  type Tracker,
  type TrainingRecord,
  type Weekday,
  type Year,
} from '../shared/model';
import { NOTES, OUTCOMES, type OutcomeIdea } from './outcomes';
import { seededRandom, type Random } from './random';
import { demoSessionOutcomes, redeploymentAbsence } from './sessions';

export const DEMO_TODAY: IsoDate = '2026-11-23';
export const DEMO_SCHOOL_NAME = 'Kestrel Lane All-Through School';
/** Where the demo's logs say they were made: the school's (fictional) Arbor site, host and path only. */
const LOG_SOURCE = 'kestrellane.uk.arbor.sc/';

export interface DemoOptions {
  today?: IsoDate;
  seed?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Staff: initials as IDs, as most schools do. Term-time, mostly part-time contracts.

const STAFF: readonly Staff[] = [
  {
    id: 'PRA',
    name: 'Priya Raman',
    role: 'SENCo',
    contractHours: 37,
    pattern: 'Mon-Fri 08:00-16:30',
    email: 'p.raman@kestrellane.example',
  },
  {
    id: 'TNO',
    name: 'Tomasz Nowak',
    role: 'HLTA',
    contractHours: 32.5,
    pattern: 'Mon-Fri 08:15-15:45',
    email: 't.nowak@kestrellane.example',
  },
  {
    id: 'GAD',
    name: 'Grace Adeyemi',
    role: 'LSA',
    contractHours: 30,
    pattern: 'Mon-Thu 08:15-15:30; Fri 08:15-13:45',
    email: 'g.adeyemi@kestrellane.example',
  },
  { id: 'CRE', name: 'Callum Reid', role: 'LSA', contractHours: 30, pattern: 'Mon-Fri 08:30-15:30', email: 'c.reid@kestrellane.example' },
  {
    id: 'SOC',
    name: "Siobhán O'Connor",
    role: 'TA',
    contractHours: 30,
    pattern: 'Mon-Fri 08:30-15:30',
    email: 's.oconnor@kestrellane.example',
  },
  {
    id: 'ARA',
    name: 'Aisha Rahman',
    role: 'LSA',
    contractHours: 18,
    pattern: 'Mon-Wed 08:30-15:30',
    email: 'a.rahman@kestrellane.example',
  },
  {
    id: 'DOK',
    name: 'Daniel Okafor',
    role: 'LSA',
    contractHours: 24,
    pattern: 'Tue-Fri 08:30-15:30',
    email: 'd.okafor@kestrellane.example',
  },
  {
    id: 'HWH',
    name: 'Helen Whitaker',
    role: 'TA',
    contractHours: 16,
    pattern: 'Mon-Fri 08:30-12:30',
    email: 'h.whitaker@kestrellane.example',
  },
  {
    id: 'CMA',
    name: 'Chloé Martin',
    role: 'LSA',
    contractHours: 30,
    pattern: 'Mon-Fri 08:30-15:30',
    email: 'c.martin@kestrellane.example',
  },
  {
    id: 'BWI',
    name: 'Bartosz Wiśniewski',
    role: 'LSA',
    contractHours: 18,
    pattern: 'Mon, Wed, Fri 08:30-15:30',
    email: 'b.wisniewski@kestrellane.example',
  },
  {
    id: 'JBU',
    name: 'Janet Burrows',
    role: 'TA',
    contractHours: 17.5,
    pattern: 'Mon-Fri 11:45-15:15',
    email: 'j.burrows@kestrellane.example',
  },
  {
    id: 'FHU',
    name: 'Ffion Hughes',
    role: 'LSA',
    contractHours: 24,
    pattern: 'Mon-Thu 08:30-15:30',
    email: 'f.hughes@kestrellane.example',
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Pupils. Two different children called Leo Harris (3B and 9T) test that name matching uses the class too.

interface PupilSeed {
  id: string;
  first: string;
  last: string;
  year: Year;
  className: string;
  areas: AreaOfNeed[];
  ehcp?: { fundedHours?: number; issuedMonthsAgo: number; lastReviewMonthsAgo?: number; phaseTransfer?: boolean };
  keyWorker: string;
}

/** Each pupil's DfE primary need, chosen to fit their areas of need (the census records one code per pupil).
 * Two SEN Support pupils are NSA: on support while a specialist assessment is awaited, as is common. */
const PRIMARY_NEED: Record<string, PrimaryNeed> = {
  P001: 'ASD',
  P002: 'SLCN',
  P003: 'SpLD',
  P004: 'SEMH',
  P005: 'SLCN',
  P006: 'PD',
  P007: 'MLD',
  P008: 'SpLD',
  P009: 'SEMH',
  P010: 'PD',
  P011: 'NSA',
  P012: 'ASD',
  P013: 'SpLD',
  P014: 'MLD',
  P015: 'SEMH',
  P016: 'ASD',
  P017: 'SLCN',
  P018: 'SpLD',
  P019: 'VI',
  P020: 'MLD',
  P021: 'SEMH',
  P022: 'SEMH',
  P023: 'HI',
  P024: 'NSA',
  P025: 'ASD',
  P026: 'SpLD',
  P027: 'MLD',
  P028: 'SLCN',
  P029: 'SpLD',
  P030: 'PD',
};

const PUPILS: readonly PupilSeed[] = [
  {
    id: 'P001',
    first: 'Alfie',
    last: 'Brennan',
    year: 'R',
    className: 'RB',
    areas: ['C&I', 'S&P'],
    ehcp: { fundedHours: 15, issuedMonthsAgo: 3 },
    keyWorker: 'GAD',
  },
  { id: 'P002', first: 'Oscar', last: 'Lindqvist', year: 'R', className: 'RB', areas: ['C&I'], keyWorker: 'HWH' },
  { id: 'P003', first: 'Leo', last: 'Harris', year: '3', className: '3B', areas: ['C&L'], keyWorker: 'ARA' },
  {
    id: 'P004',
    first: 'Maisie-Rose',
    last: 'Clarke',
    year: '2',
    className: '2S',
    areas: ['SEMH'],
    ehcp: { fundedHours: 7.5, issuedMonthsAgo: 20, lastReviewMonthsAgo: 7 },
    keyWorker: 'SOC',
  },
  { id: 'P005', first: 'Sophia', last: 'Mensah', year: '1', className: '1W', areas: ['C&I'], keyWorker: 'HWH' },
  {
    id: 'P006',
    first: 'Ruby',
    last: 'Featherstone',
    year: '3',
    className: '3B',
    areas: ['S&P'],
    ehcp: { issuedMonthsAgo: 30, lastReviewMonthsAgo: 5 },
    keyWorker: 'ARA',
  },
  { id: 'P007', first: 'Ibrahim', last: 'Hassan', year: '3', className: '3B', areas: ['C&L'], keyWorker: 'FHU' },
  {
    id: 'P008',
    first: 'Zoë',
    last: 'Okonkwo-Hart',
    year: '4',
    className: '4H',
    areas: ['C&L', 'C&I'],
    ehcp: { fundedHours: 7.5, issuedMonthsAgo: 26, lastReviewMonthsAgo: 3 },
    keyWorker: 'SOC',
  },
  { id: 'P009', first: 'Lily-Mae', last: 'Parker', year: '4', className: '4H', areas: ['SEMH'], keyWorker: 'TNO' },
  {
    id: 'P010',
    first: 'Kai',
    last: 'Thompson',
    year: '5',
    className: '5K',
    areas: ['S&P', 'C&L'],
    ehcp: { fundedHours: 5, issuedMonthsAgo: 40, lastReviewMonthsAgo: 8 },
    keyWorker: 'CMA',
  },
  { id: 'P011', first: 'Aoife', last: 'Gallagher', year: '5', className: '5K', areas: ['C&L'], keyWorker: 'TNO' },
  // Problem 3: funded 10 h, rostered 7 h 30 min.
  {
    id: 'P012',
    first: 'Amara',
    last: 'Nwosu',
    year: '6',
    className: '6M',
    areas: ['C&I', 'SEMH'],
    ehcp: { fundedHours: 10, issuedMonthsAgo: 50, lastReviewMonthsAgo: 9, phaseTransfer: true },
    keyWorker: 'FHU',
  },
  { id: 'P013', first: 'Mohammed', last: 'Iqbal', year: '6', className: '6M', areas: ['C&L'], keyWorker: 'PRA' },
  // Problem 5: his first target has had no evidence for 25 days.
  {
    id: 'P014',
    first: 'Harvey',
    last: 'Doyle',
    year: '7',
    className: '7N',
    areas: ['C&L'],
    ehcp: { issuedMonthsAgo: 34, lastReviewMonthsAgo: 4 },
    keyWorker: 'TNO',
  },
  { id: 'P015', first: 'Leo', last: 'Harris', year: '9', className: '9T', areas: ['SEMH'], keyWorker: 'DOK' },
  { id: 'P016', first: 'Mia', last: 'Fernández', year: '7', className: '7N', areas: ['C&I'], keyWorker: 'CMA' },
  {
    id: 'P017',
    first: 'Łukasz',
    last: 'Kowalczyk',
    year: '8',
    className: '8T',
    areas: ['C&I'],
    ehcp: { fundedHours: 12, issuedMonthsAgo: 28, lastReviewMonthsAgo: 6 },
    keyWorker: 'CMA',
  },
  { id: 'P018', first: 'Ethan', last: 'Gallacher', year: '8', className: '8T', areas: ['C&L'], keyWorker: 'BWI' },
  // Problem 4: last annual review 13 months ago, nothing booked.
  {
    id: 'P019',
    first: 'Fatima',
    last: 'Begum',
    year: '9',
    className: '9T',
    areas: ['S&P', 'C&L'],
    ehcp: { issuedMonthsAgo: 60, lastReviewMonthsAgo: 13 },
    keyWorker: 'BWI',
  },
  { id: 'P020', first: 'Poppy', last: 'Shaw', year: '2', className: '2S', areas: ['C&L'], keyWorker: 'ARA' },
  { id: 'P021', first: 'Tyler', last: 'Jones', year: '10', className: '10R', areas: ['SEMH'], keyWorker: 'DOK' },
  {
    id: 'P022',
    first: 'Jayden',
    last: 'Campbell',
    year: '10',
    className: '10R',
    areas: ['SEMH', 'C&L'],
    ehcp: { fundedHours: 4.5, issuedMonthsAgo: 44, lastReviewMonthsAgo: 2 },
    keyWorker: 'DOK',
  },
  { id: 'P023', first: 'Amelia', last: 'Chen', year: '1', className: '1W', areas: ['S&P'], keyWorker: 'HWH' },
  { id: 'P024', first: 'Riley', last: "O'Neill", year: '5', className: '5K', areas: ['SEMH'], keyWorker: 'SOC' },
  {
    id: 'P025',
    first: 'Noah',
    last: 'Pritchard',
    year: '11',
    className: '11P',
    areas: ['C&I', 'SEMH'],
    ehcp: { issuedMonthsAgo: 70, lastReviewMonthsAgo: 10, phaseTransfer: true },
    keyWorker: 'DOK',
  },
  { id: 'P026', first: 'Isla', last: 'McKenzie', year: '7', className: '7N', areas: ['C&L'], keyWorker: 'BWI' },
  {
    id: 'P027',
    first: 'Evie',
    last: 'Marshall',
    year: '11',
    className: '11P',
    areas: ['C&L'],
    ehcp: { issuedMonthsAgo: 55, lastReviewMonthsAgo: 11 },
    keyWorker: 'TNO',
  },
  { id: 'P028', first: 'Reuben', last: 'Adebayo', year: '9', className: '9T', areas: ['C&I'], keyWorker: 'CMA' },
  // Problem 6: his first target has no baseline.
  { id: 'P029', first: 'Darius', last: 'Popescu', year: '10', className: '10R', areas: ['C&L'], keyWorker: 'BWI' },
  { id: 'P030', first: 'Nia', last: 'Roberts', year: '6', className: '6M', areas: ['S&P'], keyWorker: 'JBU' },
];

const NO_EVIDENCE_PUPIL = 'P014';
const NO_BASELINE_PUPIL = 'P029';

function isSecondary(year: Year): boolean {
  return year !== 'R' && Number(year) >= 7;
}

function upnFor(i: number, year: Year): string {
  // A UPN (LA 999 — no real authority, school 4321, year of entry, serial) with the check letter the DfE algorithm
  // gives, so the demo's UPNs pass the same validation a real school's do. The demo MIS pages show the same UPNs.
  const entry = String((2026 - (year === 'R' ? 0 : Number(year))) % 100).padStart(2, '0');
  return withCheckLetter(`9994321${entry}${String(i + 1).padStart(3, '0')}`);
}

function buildPupils(today: IsoDate): Pupil[] {
  return PUPILS.map((s, i): Pupil => {
    const p: Pupil = {
      id: s.id,
      firstName: s.first,
      lastName: s.last,
      upn: upnFor(i, s.year),
      misId: String(4101 + i * 7),
      year: s.year,
      className: s.className,
      areasOfNeed: s.areas,
      senStatus: s.ehcp !== undefined ? 'E' : 'K',
      primaryNeed: PRIMARY_NEED[s.id] ?? 'OTH',
      keyWorker: s.keyWorker,
      phaseTransfer: s.ehcp?.phaseTransfer === true,
    };
    if (s.ehcp) {
      p.ehcpIssued = addDays(addMonths(today, -s.ehcp.issuedMonthsAgo), -(i % 9));
      if (s.ehcp.lastReviewMonthsAgo !== undefined)
        p.lastAnnualReview = addDays(addMonths(today, -s.ehcp.lastReviewMonthsAgo), -((i * 3) % 11));
      if (s.ehcp.fundedHours !== undefined) p.fundedHours = s.ehcp.fundedHours;
    }
    return p;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Targets: EHCP pupils get an outcome per area of need (two at most) and a Preparing for Adulthood outcome from
// Year 9; SEN Support pupils get one support-plan outcome. Each outcome has 2–3 of its SMART targets.

function outcomesFor(p: PupilSeed): OutcomeIdea[] {
  const phase = isSecondary(p.year) ? 'secondary' : 'primary';
  const fits = (o: OutcomeIdea) => o.phase === 'any' || o.phase === phase;
  const areas = p.ehcp ? p.areas.slice(0, 2) : p.areas.slice(0, 1);
  const chosen: OutcomeIdea[] = [];
  for (const area of areas) {
    const options = OUTCOMES.filter((o) => o.area === area && fits(o) && !chosen.includes(o));
    const pick = options[(Number(p.id.slice(1)) + area.length) % Math.max(1, options.length)];
    if (pick) chosen.push(pick);
  }
  if (p.ehcp && p.year !== 'R' && Number(p.year) >= 9) {
    const pfa = OUTCOMES.filter(
      (o) => o.area === 'Employment' || o.area === 'Independent living' || o.area === 'Community' || o.area === 'Health',
    );
    chosen.push(pfa[Number(p.id.slice(1)) % pfa.length]!);
  }
  return chosen;
}

function buildTargets(today: IsoDate, rnd: Random): Target[] {
  const termStart = addDays(today, -77); // early September for a late-November today
  const out: Target[] = [];
  for (const p of PUPILS) {
    let n = 0;
    const endYear = p.year === 'R' ? '1' : String(Math.min(11, Number(p.year) + 1));
    for (const o of outcomesFor(p)) {
      const count = Math.min(o.targets.length, p.ehcp ? rnd.int(2, 3) : 2);
      for (const idea of o.targets.slice(0, count)) {
        n++;
        const status: TargetStatus = rnd.pick<TargetStatus>(['Emerging', 'Developing', 'Developing', 'Secure']);
        const t: Target = {
          id: `${p.id}-T${n}`,
          pupilId: p.id,
          outcome: o.outcome.replace('{name}', p.first).replace('{endYear}', endYear),
          area: o.area,
          text: idea.text,
          baseline: idea.baseline,
          successCriteria: idea.successCriteria,
          start: addDays(termStart, rnd.int(0, 10)),
          reviewBy: addDays(today, rnd.int(18, 60)),
          status,
        };
        if (p.id === NO_BASELINE_PUPIL && n === 1) delete t.baseline; // problem 6
        out.push(t);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Training. Certificates are dated well inside their validity, except problem 2.

function buildTraining(today: IsoDate): TrainingRecord[] {
  const out: TrainingRecord[] = [];
  const add = (staffId: string, training: string, monthsAgo: number, validYears?: number) => {
    const completed = addDays(addMonths(today, -monthsAgo), -((staffId.charCodeAt(0) + monthsAgo) % 13));
    const r: TrainingRecord = { staffId, training, completed };
    if (validYears !== undefined) r.expires = addMonths(completed, validYears * 12);
    out.push(r);
  };
  for (const [i, s] of STAFF.entries()) add(s.id, 'Safeguarding', 2 + (i % 9), 3);
  for (const id of ['PRA', 'TNO', 'GAD', 'HWH', 'JBU', 'FHU']) add(id, 'First aid', 6 + id.length, 3);
  for (const id of ['TNO', 'SOC', 'DOK', 'CMA']) add(id, 'Team Teach', 5, 2);
  for (const id of ['GAD', 'CRE', 'HWH']) add(id, 'Intimate care', 14);
  for (const id of ['PRA', 'TNO', 'CMA']) add(id, 'Medication', 4, 1);
  for (const id of ['ARA', 'FHU', 'TNO']) add(id, 'EpiPen', 3, 1);
  add('CRE', 'Manual handling', 9, 3);
  // Problem 2: Callum's medication certificate expired 20 days ago.
  const expired = addDays(today, -20);
  out.push({ staffId: 'CRE', training: 'Medication', completed: addMonths(expired, -12), expires: expired });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The rota: one school week. Teaching slots A–D, a morning break and lunch.

const SLOTS = {
  A: ['08:45', '10:15'],
  B: ['10:30', '12:00'],
  C: ['12:45', '14:15'],
  D: ['14:15', '15:15'],
} as const;
type Slot = keyof typeof SLOTS;
const MORNING_BREAK = ['10:15', '10:30'] as const;
const LUNCH = ['12:00', '12:45'] as const;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

interface Session {
  activity: Activity;
  pupilIds: string[];
  location: string;
  needs?: string[];
}

/** Which slots each LSA/TA works on which days (the SENCo's few blocks are listed separately). */
const WORKS: Record<string, { days: readonly Weekday[]; slots: readonly Slot[]; friday?: readonly Slot[] }> = {
  TNO: { days: DAYS, slots: ['A', 'B', 'C', 'D'] },
  GAD: { days: DAYS, slots: ['A', 'B', 'C', 'D'], friday: ['A', 'B'] },
  CRE: { days: DAYS, slots: ['A', 'B', 'C', 'D'] },
  SOC: { days: DAYS, slots: ['A', 'B', 'C', 'D'] },
  ARA: { days: ['Mon', 'Tue', 'Wed'], slots: ['A', 'B', 'C', 'D'] },
  DOK: { days: ['Tue', 'Wed', 'Thu', 'Fri'], slots: ['A', 'B', 'C', 'D'] },
  HWH: { days: DAYS, slots: ['A', 'B'] },
  CMA: { days: DAYS, slots: ['A', 'B', 'C', 'D'] },
  BWI: { days: ['Mon', 'Wed', 'Fri'], slots: ['A', 'B', 'C', 'D'] },
  JBU: { days: DAYS, slots: ['C', 'D'] },
  FHU: { days: ['Mon', 'Tue', 'Wed', 'Thu'], slots: ['A', 'B', 'C', 'D'] },
};

/** 1:1 support funded by EHCP Section F. */
const ONE_TO_ONE: readonly { staff: string; days: readonly Weekday[]; slot: Slot; pupil: string; location: string; needs?: string[] }[] = [
  { staff: 'GAD', days: DAYS, slot: 'A', pupil: 'P001', location: 'Reception', needs: ['Intimate care'] },
  { staff: 'GAD', days: DAYS, slot: 'B', pupil: 'P001', location: 'Reception', needs: ['Intimate care'] },
  { staff: 'SOC', days: DAYS, slot: 'A', pupil: 'P004', location: 'Class 2S', needs: ['Team Teach'] },
  { staff: 'SOC', days: DAYS, slot: 'C', pupil: 'P008', location: 'Class 4H' },
  { staff: 'CMA', days: DAYS, slot: 'B', pupil: 'P017', location: 'Learning support base' },
  { staff: 'CMA', days: ['Mon', 'Wed', 'Fri'], slot: 'C', pupil: 'P017', location: 'Learning support base' },
  { staff: 'CMA', days: ['Mon', 'Tue', 'Thu', 'Fri'], slot: 'D', pupil: 'P010', location: 'Class 5K', needs: ['Medication'] },
  // Problem 2: Callum takes Kai's Wednesday session, which needs Medication training he has let expire.
  { staff: 'CRE', days: ['Wed'], slot: 'D', pupil: 'P010', location: 'Class 5K', needs: ['Medication'] },
  { staff: 'DOK', days: ['Tue', 'Thu', 'Fri'], slot: 'C', pupil: 'P022', location: 'Pastoral hub', needs: ['Team Teach'] },
  // Problem 3: Amara is funded 10 h; these give 4 × 1 h 30 min + 1 h 30 min = 7 h 30 min.
  { staff: 'FHU', days: ['Mon', 'Tue', 'Wed', 'Thu'], slot: 'A', pupil: 'P012', location: 'Class 6M' },
  { staff: 'BWI', days: ['Fri'], slot: 'A', pupil: 'P012', location: 'Class 6M' },
];

/** Groups and interventions, given to free slots in turn (a group is run once per slot, and only by someone
 * trained for what it needs). */
const GROUPS: readonly (Session & { name: string; phase: 'primary' | 'secondary' })[] = [
  { name: 'Phonics catch-up', activity: 'Intervention', pupilIds: ['P003', 'P007', 'P020'], location: 'Library', phase: 'primary' },
  { name: 'Precision teaching', activity: 'Intervention', pupilIds: ['P005', 'P023'], location: 'Intervention room', phase: 'primary' },
  { name: 'Talk Boost', activity: 'Group', pupilIds: ['P002', 'P005'], location: 'Reception', phase: 'primary' },
  {
    name: 'Numicon maths',
    activity: 'Intervention',
    pupilIds: ['P011', 'P013', 'P030'],
    location: 'Intervention room 2',
    phase: 'primary',
  },
  { name: 'Zones of Regulation', activity: 'Group', pupilIds: ['P009', 'P024'], location: 'Nurture room', phase: 'primary' },
  { name: 'Fine motor and handwriting', activity: 'Intervention', pupilIds: ['P023', 'P006'], location: 'Class 1W', phase: 'primary' },
  {
    name: 'Forest school (nut allergy plan)',
    activity: 'Group',
    pupilIds: ['P007', 'P003'],
    location: 'Forest school area',
    needs: ['EpiPen'],
    phase: 'primary',
  },
  {
    name: 'Reading fluency',
    activity: 'Intervention',
    pupilIds: ['P018', 'P026', 'P029'],
    location: 'Learning support base',
    phase: 'secondary',
  },
  { name: 'Maths catch-up', activity: 'Intervention', pupilIds: ['P014', 'P029'], location: 'Room M2', phase: 'secondary' },
  { name: 'Emotional literacy', activity: 'Group', pupilIds: ['P015', 'P021'], location: 'Pastoral hub', phase: 'secondary' },
  { name: 'VI skills and touch typing', activity: 'Intervention', pupilIds: ['P019'], location: 'VI base', phase: 'secondary' },
  { name: 'In-class support, Year 11 English', activity: 'Group', pupilIds: ['P025', 'P027'], location: 'Room E4', phase: 'secondary' },
  {
    name: 'Social communication group',
    activity: 'Group',
    pupilIds: ['P016', 'P028'],
    location: 'Learning support base',
    phase: 'secondary',
  },
];

const TRAINING_HELD: Record<string, readonly string[]> = {
  PRA: ['Medication', 'First aid'],
  TNO: ['Team Teach', 'Medication', 'EpiPen', 'First aid'],
  GAD: ['Intimate care', 'First aid'],
  CRE: ['Intimate care', 'Manual handling'],
  SOC: ['Team Teach'],
  ARA: ['EpiPen'],
  DOK: ['Team Teach'],
  HWH: ['Intimate care', 'First aid'],
  CMA: ['Team Teach', 'Medication'],
  BWI: [],
  JBU: ['First aid'],
  FHU: ['EpiPen', 'First aid'],
};

function block(day: Weekday, start: string, end: string, staffId: string, s: Session): RotaBlock {
  const b: RotaBlock = {
    day,
    start: minutes(start),
    end: minutes(end),
    staffId,
    activity: s.activity,
    pupilIds: s.pupilIds,
    needs: s.needs ?? [],
  };
  if (s.location) b.location = s.location;
  return b;
}

/** One member of staff's block in one slot: their 1:1, the HLTA's Thursday cover, a group, or in-class support. */
function slotBlock(placed: Placement, day: Weekday, slot: Slot, staffId: string, offset: number): RotaBlock {
  const one = ONE_TO_ONE.find((o) => o.staff === staffId && o.slot === slot && o.days.includes(day));
  const [start, end] = SLOTS[slot];
  if (one) {
    return block(day, start, end, staffId, {
      activity: '1:1',
      pupilIds: [one.pupil],
      location: one.location,
      ...(one.needs ? { needs: one.needs } : {}),
    });
  }
  if (staffId === 'TNO' && day === 'Thu' && slot === 'C') {
    return block(day, start, end, staffId, { activity: 'Cover', pupilIds: [], location: 'Class 3B (teacher PPA)' });
  }
  const k = Placement.key(day, slot);
  const secondaryStaff = SECONDARY_STAFF.includes(staffId);
  const chosen = chooseGroup(placed, k, staffId, offset);
  if (chosen && offset % 4 !== 3) {
    placed.mark(placed.usedGroups, k, [chosen.name]);
    placed.mark(placed.busyPupils, k, chosen.pupilIds);
    return block(day, start, end, staffId, {
      activity: chosen.activity,
      pupilIds: chosen.pupilIds,
      location: `${chosen.location} (${chosen.name})`,
      ...(chosen.needs ? { needs: chosen.needs } : {}),
    });
  }
  const room = secondaryStaff ? 'Learning support base' : 'Key Stage 2 classes';
  return block(day, start, end, staffId, { activity: 'Group', pupilIds: [], location: `In-class support, ${room}` });
}

const SECONDARY_STAFF = ['CMA', 'DOK', 'BWI'];

/** The first group, from `offset` round the list, in the staff member's phase, not yet running in this slot, whose
 * pupils are free and whose needs the staff member is trained for. */
function chooseGroup(placed: Placement, k: string, staffId: string, offset: number): (typeof GROUPS)[number] | undefined {
  // The HLTA works across both phases; everyone else stays in their own.
  const phase = staffId === 'TNO' ? undefined : SECONDARY_STAFF.includes(staffId) ? 'secondary' : 'primary';
  for (let i = 0; i < GROUPS.length; i++) {
    const g = GROUPS[(offset + i) % GROUPS.length]!;
    if (phase !== undefined && g.phase !== phase) continue;
    if (placed.usedGroups.get(k)?.has(g.name)) continue;
    if (g.pupilIds.some((p) => placed.busyPupils.get(k)?.has(p))) continue;
    if ((g.needs ?? []).some((n) => !TRAINING_HELD[staffId]!.includes(n))) continue;
    return g;
  }
  return undefined;
}

/** Breaks: morning break between A and B, lunch between B and C; some take a playground duty at break. */
function breakBlocks(day: Weekday, staffId: string, slots: readonly Slot[]): RotaBlock[] {
  const out: RotaBlock[] = [];
  if (slots.includes('A') && slots.includes('B')) {
    const onDuty = (staffId === 'TNO' && ['Mon', 'Wed', 'Fri'].includes(day)) || (staffId === 'FHU' && ['Tue', 'Thu'].includes(day));
    out.push(
      block(
        day,
        MORNING_BREAK[0],
        MORNING_BREAK[1],
        staffId,
        onDuty ? { activity: 'Duty', pupilIds: [], location: 'Playground' } : { activity: 'Break', pupilIds: [], location: 'Staff room' },
      ),
    );
  }
  if (slots.includes('B') && slots.includes('C'))
    out.push(block(day, LUNCH[0], LUNCH[1], staffId, { activity: 'Break', pupilIds: [], location: 'Staff room' }));
  if (staffId === 'JBU') out.push(block(day, LUNCH[0], LUNCH[1], staffId, { activity: 'Duty', pupilIds: [], location: 'Dining hall' }));
  return out;
}

/** The SENCo's own blocks. */
function sencoBlocks(day: Weekday): RotaBlock[] {
  if (day === 'Mon') return [block(day, '12:45', '14:15', 'PRA', { activity: 'PPA', pupilIds: [], location: 'SENCo office' })];
  if (day === 'Thu') {
    return [
      block(day, '08:45', '10:15', 'PRA', { activity: 'Intervention', pupilIds: ['P013'], location: 'SENCo office (precision teaching)' }),
    ];
  }
  return [];
}

/** Who is already placed where while the rota is built: pupils per `${day} ${slot}`, and groups already running. */
class Placement {
  readonly busyPupils = new Map<string, Set<string>>();
  readonly usedGroups = new Map<string, Set<string>>();

  static key(day: Weekday, slot: Slot): string {
    return `${day} ${slot}`;
  }

  mark(m: Map<string, Set<string>>, k: string, items: readonly string[]): void {
    const set = m.get(k) ?? new Set<string>();
    for (const x of items) set.add(x);
    m.set(k, set);
  }
}

function buildRota(): RotaBlock[] {
  const rota: RotaBlock[] = [];
  const placed = new Placement();
  for (const o of ONE_TO_ONE) for (const d of o.days) placed.mark(placed.busyPupils, Placement.key(d, o.slot), [o.pupil]);
  placed.mark(placed.busyPupils, Placement.key('Thu', 'A'), ['P013']); // the SENCo's precision teaching, below

  const staffOrder = Object.keys(WORKS);
  DAYS.forEach((day, dayIdx) => {
    staffOrder.forEach((staffId, staffIdx) => {
      const w = WORKS[staffId]!;
      if (!w.days.includes(day)) return;
      const slots = day === 'Fri' && w.friday ? w.friday : w.slots;
      slots.forEach((slot, slotIdx) => {
        rota.push(slotBlock(placed, day, slot, staffId, staffIdx * 3 + dayIdx * 5 + slotIdx));
      });
      rota.push(...breakBlocks(day, staffId, slots));
    });
    rota.push(...sencoBlocks(day));
  });

  // Problem 1: a group put on top of Chloé's Wednesday 1:1 with Łukasz (12:45–14:15).
  rota.push(
    block('Wed', '13:30', '14:15', 'CMA', {
      activity: 'Group',
      pupilIds: ['P016', 'P028'],
      location: 'Learning support base (Lego-based therapy)',
    }),
  );

  const dayIndex = (d: Weekday) => DAYS.indexOf(d);
  return rota.sort((a, b) => dayIndex(a.day) - dayIndex(b.day) || a.staffId.localeCompare(b.staffId) || a.start - b.start);
}

// ---------------------------------------------------------------------------------------------------------------
// Absences: one last week (over), one coming up tomorrow-ish with cover arranged.

/** The nearest `day` strictly after (step 1) or strictly before (step -1) `today`. */
function nearestWeekday(today: IsoDate, day: Weekday, step: 1 | -1): IsoDate {
  for (let i = 1; i <= 7; i++) {
    const d = addDays(today, i * step);
    if (weekdayOf(d) === day) return d;
  }
  return today;
}

function buildAbsences(today: IsoDate): Absence[] {
  const lastWed = nearestWeekday(today, 'Wed', -1);
  const nextTue = nearestWeekday(today, 'Tue', 1);
  return [
    { staffId: 'ARA', from: lastWed, to: lastWed, part: 'All day', reason: 'Sickness', coverStaffId: 'TNO' },
    // Daniel's Tuesday morning groups are covered by the SENCo, who is free then.
    { staffId: 'DOK', from: nextTue, to: nextTue, part: 'AM', reason: 'Medical appointment', coverStaffId: 'PRA' },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Logs: 5 weeks ending today, from each pupil's key worker, ratings improving and prompts fading over time.

/** +01:00 during British Summer Time (last Sunday of March to last Sunday of October), else +00:00. */
function londonOffset(date: IsoDate): string {
  const y = Number(date.slice(0, 4));
  const lastSunday = (month: number) => {
    let d = `${y}-${String(month).padStart(2, '0')}-31`;
    while (weekdayOf(d) !== 'Sun') d = addDays(d, -1);
    return d;
  };
  return date >= lastSunday(3) && date < lastSunday(10) ? '+01:00' : '+00:00';
}

function stamp(date: IsoDate, minute: number): string {
  return `${date}T${formatTime(minute)}:00${londonOffset(date)}`;
}

function schoolDays(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const w = weekdayOf(d);
    if (w !== 'Sat' && w !== 'Sun') out.push(d);
  }
  return out;
}

function buildLogs(today: IsoDate, targets: readonly Target[], rnd: Random): LogEntry[] {
  const days = schoolDays(addDays(today, -35), today);
  const recent = days.filter((d) => d >= addDays(today, -9));
  const logs: LogEntry[] = [];
  const seedOf = new Map(PUPILS.map((p) => [p.id, p]));
  const add = (date: IsoDate, minute: number, e: Omit<LogEntry, 'id' | 'time' | 'source'>) =>
    logs.push({ id: rnd.uuid(), time: stamp(date, minute), source: LOG_SOURCE, ...e });

  for (const t of targets) {
    const pupil = seedOf.get(t.pupilId)!;
    const staffId = pupil.keyWorker;
    const perWeek = pupil.ehcp ? 3 : 1.5;
    let dates = days.filter(() => rnd.chance(perWeek / 5));
    // Problem 5: Harvey's first target stops being logged 25 days ago.
    if (t.pupilId === NO_EVIDENCE_PUPIL && t.id.endsWith('-T1')) dates = days.filter((d) => d <= addDays(today, -25)).slice(0, 4);
    else if (!dates.some((d) => d >= recent[0]!)) dates.push(rnd.pick(recent));
    dates.sort();
    dates.forEach((date, i) => {
      const progress = dates.length <= 1 ? 0.5 : i / (dates.length - 1);
      const score = Math.max(0, Math.min(4, Math.round(0.6 + progress * 2 + (rnd.next() - 0.5))));
      const rating = RATINGS[score] as Rating;
      const promptIdx = Math.max(0, Math.min(4, 3 - score + rnd.int(0, 1)));
      const band = score <= 1 ? 'low' : score === 2 ? 'mid' : 'high';
      const intervention = rnd.chance(0.25);
      const entry: Omit<LogEntry, 'id' | 'time' | 'source'> = {
        pupilId: t.pupilId,
        targetId: t.id,
        kind: intervention ? 'Intervention' : 'Progress',
        rating,
        prompt: PROMPTS[promptIdx]!,
        staffId,
      };
      if (intervention) entry.minutes = rnd.pick([20, 30, 45]);
      if (rnd.chance(0.6)) entry.note = rnd.pick(NOTES[band]);
      add(date, rnd.int(9 * 60, 15 * 60), entry);
    });
  }
  // Daily care and medication, logged without a target.
  for (const date of days) {
    add(date, 11 * 60 + rnd.int(0, 20), { pupilId: 'P001', kind: 'Care', staffId: 'GAD', note: 'Changed and toileting routine followed.' });
    add(date, 12 * 60 + 10, { pupilId: 'P010', kind: 'Medication', staffId: 'CMA', note: 'Daily medication given as per care plan.' });
    if (rnd.chance(0.15))
      add(date, rnd.int(9 * 60, 15 * 60), {
        pupilId: 'P022',
        kind: 'Behaviour',
        staffId: 'DOK',
        note: 'Left lesson; used time-out card; back within 10 min. Summary only, see CPOMS.',
      });
    if (rnd.chance(0.2))
      add(date, rnd.int(9 * 60, 15 * 60), {
        pupilId: rnd.pick(['P004', 'P017', 'P012']),
        kind: 'Praise',
        staffId: 'TNO',
        note: '+1 for a kind choice at lunch.',
      });
  }
  return logs.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------------------------
// Reviews: each EHCP pupil's last annual review, plus meetings already booked.

function buildReviews(today: IsoDate, pupils: readonly Pupil[]): Review[] {
  const out: Review[] = [];
  for (const p of pupils) {
    if (!hasEhcp(p) || !p.lastAnnualReview) continue;
    const meeting = p.lastAnnualReview;
    const report = addDays(meeting, 9);
    out.push({
      pupilId: p.id,
      type: 'Annual',
      meetingDate: meeting,
      noticeSent: addDays(meeting, -21),
      ...(report <= today ? { reportSent: report, status: 'Report sent to LA' } : { status: 'Meeting held' }),
    });
  }
  // Evie's next annual review is booked before it falls due, and the invitations have gone out.
  out.push({ pupilId: 'P027', type: 'Annual', meetingDate: addDays(today, 16), noticeSent: addDays(today, -5), status: 'Booked' });
  // Phase transfer reviews for the Year 6 and Year 11 leavers.
  out.push({ pupilId: 'P012', type: 'Phase transfer', meetingDate: addDays(today, 25), status: 'Booked' });
  out.push({ pupilId: 'P025', type: 'Phase transfer', meetingDate: addDays(today, 40), status: 'Booked' });
  return out;
}

/** The demo school as a tracker, as of `today` (default 23/11/2026). */
export function demoSchool(opts: DemoOptions = {}): Tracker {
  const today = opts.today ?? DEMO_TODAY;
  const rnd = seededRandom(opts.seed ?? 2026);
  const pupils = buildPupils(today);
  const targets = buildTargets(today, rnd);
  const rota = buildRota();
  const absences = [...buildAbsences(today), redeploymentAbsence(today)];
  const logs = buildLogs(today, targets, rnd);
  logs.push(...demoSessionOutcomes(today, rota, absences, [...STAFF], rnd));
  return {
    pupils,
    targets,
    staff: STAFF.map((s) => ({ ...s })),
    training: buildTraining(today),
    rota,
    absences,
    logs,
    reviews: buildReviews(today, pupils),
    settings: { ...DEFAULT_SETTINGS, schoolName: DEMO_SCHOOL_NAME },
    layout: {},
  };
}
