// The canonical tracker schema: every tab, its headers (with aliases), which fields are required and how each
// cell is read. Parsing, serialising, `caseload init`, the add-on's set-up and its data validation all read this.
import {
  ABSENCE_PARTS,
  ACTIVITIES,
  AREAS_OF_NEED,
  CORRECTION_TYPES,
  DAYS,
  LOG_KINDS,
  MISSED_REASONS,
  SESSION_OUTCOMES,
  PFA_AREAS,
  PRIMARY_NEEDS,
  PROMPTS,
  RATINGS,
  REVIEW_TYPES,
  ROLES,
  SEN_STATUSES,
  TARGET_STATUSES,
  YEARS,
  type TabKey,
} from '../model';

/** How a cell is read and validated. */
export type FieldType =
  | { kind: 'text' }
  | { kind: 'id' }
  | { kind: 'date' }
  | { kind: 'time' }
  | { kind: 'timestamp' }
  | { kind: 'number'; min?: number; max?: number }
  | { kind: 'yesno' }
  | { kind: 'choice'; options: readonly string[] }
  /** `;`-separated values; with options, each must be one of them. */
  | { kind: 'list'; options?: readonly string[] };

export interface FieldSpec {
  /** Model property name: findings, layouts and records all use it. */
  key: string;
  /** The header set-up writes. */
  header: string;
  /** Other headers accepted for this column (compared case- and space-insensitively). */
  aliases?: readonly string[];
  required?: boolean;
  type: FieldType;
  /** A note shown on the header cell by set-up. */
  hint?: string;
}

export interface TabSpec {
  key: TabKey;
  /** The tab name set-up creates. */
  name: string;
  /** Other tab names we recognise as this tab. */
  aliases?: readonly string[];
  fields: readonly FieldSpec[];
  /** Field whose values must be unique in the tab, if any. */
  idField?: string;
  /** Append-only tabs are protected by set-up. */
  appendOnly?: boolean;
}

/** Older trackers had an `EHCP` Y/N column. It is read as SEN status (Y → E, N → K: a pupil on the tracker without
 * a plan is on SEN support) and written back as Y/N, so such a tracker keeps working unchanged. */
export const LEGACY_EHCP_HEADERS = ['EHCP', 'EHC plan', 'Has EHCP'] as const;

export function isLegacyEhcpHeader(h: unknown): boolean {
  return typeof h === 'string' && LEGACY_EHCP_HEADERS.some((l) => normaliseHeader(l) === normaliseHeader(h));
}

const text = { kind: 'text' } as const;
const id = { kind: 'id' } as const;
const date = { kind: 'date' } as const;
const time = { kind: 'time' } as const;
const yesno = { kind: 'yesno' } as const;
const choice = (options: readonly string[]) => ({ kind: 'choice', options }) as const;

export const TARGET_AREAS: readonly string[] = [...AREAS_OF_NEED, ...PFA_AREAS];

export const TAB_SPECS: readonly TabSpec[] = [
  {
    key: 'pupils',
    name: 'Pupils',
    aliases: ['Caseload', 'Students', 'Children'],
    idField: 'id',
    fields: [
      { key: 'id', header: 'Pupil ID', aliases: ['ID', 'Pupil', 'Student ID'], required: true, type: id },
      // MIS pupil-list exports (SIMS, Arbor, Bromcom, ScholarPack, Provision Map) name these columns in their own
      // ways. Earlier aliases are preferred when an export has several: the preferred forename is the one MIS pages show.
      {
        key: 'firstName',
        header: 'First name',
        aliases: [
          'Preferred forename',
          'Preferred first name',
          'Forename',
          'Legal forename',
          'Legal first name',
          'Given name',
          'First names',
        ],
        required: true,
        type: text,
      },
      {
        key: 'lastName',
        header: 'Last name',
        aliases: ['Preferred surname', 'Preferred last name', 'Surname', 'Legal surname', 'Legal last name', 'Family name'],
        required: true,
        type: text,
      },
      { key: 'upn', header: 'UPN', aliases: ['Unique pupil number', 'Pupil UPN', 'Student UPN'], type: text },
      {
        key: 'misId',
        header: 'MIS ID',
        aliases: ['Admission number', 'Adno', 'Adm no', 'Admission no', 'Admission no.', 'Adm. no.', 'MIS'],
        type: text,
      },
      {
        key: 'year',
        header: 'Year',
        aliases: ['Year group', 'NC year', 'National curriculum year', 'Curriculum year', 'Year grp'],
        type: choice(YEARS),
      },
      {
        key: 'className',
        header: 'Class',
        aliases: ['Reg group', 'Registration group', 'Reg form', 'Registration form', 'Form', 'Tutor group', 'Form group', 'Reg'],
        type: text,
      },
      {
        key: 'areasOfNeed',
        header: 'Areas of need',
        aliases: ['Area of need', 'Broad area of need', 'Needs'],
        type: { kind: 'list', options: AREAS_OF_NEED },
      },
      {
        key: 'senStatus',
        header: 'SEN status',
        aliases: ['SEN provision', 'SEN', 'SEND status', 'SEN stage', 'SEN code', 'Current SEN status', ...LEGACY_EHCP_HEADERS],
        type: choice(SEN_STATUSES),
        hint: 'E = EHC plan, K = SEN support, N = no SEN (DfE census codes)',
      },
      {
        key: 'primaryNeed',
        header: 'Primary need',
        aliases: ['SEN need', 'Primary SEN need', 'SEN primary need', 'SEN need type', 'Primary need type', 'Main need'],
        type: choice(PRIMARY_NEEDS),
        hint: 'DfE code: SpLD, MLD, SLD, PMLD, SEMH, SLCN, HI, VI, MSI, PD, ASD, OTH or NSA',
      },
      { key: 'ehcpIssued', header: 'EHCP issued', aliases: ['EHCP date', 'Plan issued'], type: date },
      { key: 'lastAnnualReview', header: 'Last annual review', aliases: ['Last review', 'Annual review'], type: date },
      {
        key: 'fundedHours',
        header: 'Funded 1:1 hours/week',
        aliases: ['Funded hours', 'Funded hours/week', '1:1 hours', 'Section F hours', 'EHCP hours', 'EHCP hours/week', 'EHC plan hours'],
        type: { kind: 'number', min: 0, max: 40 },
        hint: 'EHCP Section F: hours a week of 1:1 support',
      },
      { key: 'keyWorker', header: 'Key worker', aliases: ['Key worker ID', 'Keyworker', 'Key adult'], type: id },
      { key: 'phaseTransfer', header: 'Phase transfer', aliases: ['Transfer', 'Phase transfer due'], type: yesno },
    ],
  },
  {
    key: 'targets',
    name: 'Targets',
    aliases: ['Outcomes', 'EHCP targets'],
    idField: 'id',
    fields: [
      { key: 'id', header: 'Target ID', aliases: ['ID'], required: true, type: id },
      { key: 'pupilId', header: 'Pupil ID', aliases: ['Pupil'], required: true, type: id },
      { key: 'outcome', header: 'Outcome', aliases: ['EHCP outcome', 'Section E outcome'], type: text, hint: 'EHCP Section E wording' },
      { key: 'area', header: 'Area', aliases: ['Area of need'], type: choice(TARGET_AREAS) },
      { key: 'text', header: 'Target', aliases: ['Short-term target', 'Target text', 'Step'], required: true, type: text },
      { key: 'baseline', header: 'Baseline', type: text },
      { key: 'successCriteria', header: 'Success criteria', aliases: ['Success criterion', 'Criteria'], type: text },
      { key: 'start', header: 'Start', aliases: ['Start date', 'Set on'], type: date },
      { key: 'reviewBy', header: 'Review by', aliases: ['Review date', 'Review'], type: date },
      { key: 'status', header: 'Status', type: choice(TARGET_STATUSES) },
    ],
  },
  {
    key: 'staff',
    name: 'Staff',
    aliases: ['Team', 'LSAs'],
    idField: 'id',
    fields: [
      { key: 'id', header: 'Staff ID', aliases: ['ID', 'Initials'], required: true, type: id },
      { key: 'name', header: 'Name', aliases: ['Full name', 'Staff name'], required: true, type: text },
      { key: 'role', header: 'Role', aliases: ['Job', 'Post'], type: choice(ROLES) },
      {
        key: 'contractHours',
        header: 'Contract hours/week',
        aliases: ['Contract hours', 'Hours', 'Hours/week'],
        type: { kind: 'number', min: 0, max: 60 },
      },
      {
        key: 'pattern',
        header: 'Working pattern',
        aliases: ['Pattern', 'Working hours', 'Days'],
        type: text,
        hint: 'e.g. Mon-Thu 08:15-15:30; Fri 08:15-13:45',
      },
      { key: 'email', header: 'Email', aliases: ['E-mail', 'Email address'], type: text },
    ],
  },
  {
    key: 'training',
    name: 'Training',
    aliases: ['Training records', 'CPD'],
    fields: [
      { key: 'staffId', header: 'Staff ID', aliases: ['Staff'], required: true, type: id },
      { key: 'training', header: 'Training', aliases: ['Course', 'Training name'], required: true, type: text },
      { key: 'completed', header: 'Completed', aliases: ['Completed on', 'Date completed', 'Date'], type: date },
      { key: 'expires', header: 'Expires', aliases: ['Expiry', 'Expiry date', 'Renew by'], type: date },
    ],
  },
  {
    key: 'rota',
    name: 'Rota',
    aliases: ['Timetable', 'LSA rota'],
    fields: [
      { key: 'day', header: 'Day', required: true, type: choice(DAYS) },
      { key: 'start', header: 'Start', aliases: ['From', 'Start time'], required: true, type: time },
      { key: 'end', header: 'End', aliases: ['To', 'End time', 'Finish'], required: true, type: time },
      { key: 'staffId', header: 'Staff ID', aliases: ['Staff'], required: true, type: id },
      { key: 'activity', header: 'Activity', aliases: ['Type'], required: true, type: choice(ACTIVITIES) },
      { key: 'pupilIds', header: 'Pupil IDs', aliases: ['Pupils', 'Pupil ID'], type: { kind: 'list' } },
      { key: 'location', header: 'Location', aliases: ['Room', 'Where'], type: text },
      { key: 'needs', header: 'Needs', aliases: ['Training needed', 'Requires'], type: { kind: 'list' } },
    ],
  },
  {
    key: 'absence',
    name: 'Absence',
    aliases: ['Absences', 'Staff absence'],
    fields: [
      { key: 'staffId', header: 'Staff ID', aliases: ['Staff'], required: true, type: id },
      { key: 'from', header: 'From', aliases: ['Start', 'From date'], required: true, type: date },
      { key: 'to', header: 'To', aliases: ['End', 'To date', 'Until'], type: date },
      { key: 'part', header: 'Part', aliases: ['Session'], type: choice(ABSENCE_PARTS) },
      { key: 'reason', header: 'Reason', type: text },
      { key: 'coverStaffId', header: 'Cover Staff ID', aliases: ['Cover', 'Covered by'], type: id },
      { key: 'coverFrom', header: 'Cover from', aliases: ['Cover start'], type: time, hint: 'Blank: the cover takes the whole absence' },
      { key: 'coverTo', header: 'Cover to', aliases: ['Cover end', 'Cover until'], type: time },
    ],
  },
  {
    key: 'log',
    name: 'Log',
    aliases: ['Logs', 'Evidence'],
    idField: 'id',
    appendOnly: true,
    fields: [
      { key: 'id', header: 'Log ID', aliases: ['ID'], required: true, type: id },
      { key: 'time', header: 'Time', aliases: ['Timestamp', 'When'], required: true, type: { kind: 'timestamp' } },
      { key: 'pupilId', header: 'Pupil ID', aliases: ['Pupil'], required: true, type: id },
      { key: 'targetId', header: 'Target ID', aliases: ['Target'], type: id },
      { key: 'kind', header: 'Kind', aliases: ['Type'], required: true, type: choice(LOG_KINDS) },
      { key: 'rating', header: 'Rating', aliases: ['Progress'], type: choice(RATINGS) },
      { key: 'prompt', header: 'Prompt', aliases: ['Prompt level'], type: choice(PROMPTS) },
      { key: 'minutes', header: 'Minutes', aliases: ['Mins', 'Duration'], type: { kind: 'number', min: 0, max: 600 } },
      { key: 'staffId', header: 'Staff ID', aliases: ['Staff'], type: id },
      { key: 'note', header: 'Note', aliases: ['Notes', 'Comment'], type: text },
      { key: 'source', header: 'Source', type: text },
      {
        key: 'corrects',
        header: 'Corrects',
        aliases: ['Corrects Log ID'],
        type: id,
        hint: 'On a Correction row: the Log ID it voids or replaces',
      },
      { key: 'correction', header: 'Correction', type: choice(CORRECTION_TYPES), hint: 'Void or Edit' },
      { key: 'session', header: 'Session', hint: 'YYYY-MM-DD HH:MM-HH:MM StaffID: one rota block on one date', type: text },
      { key: 'outcome', header: 'Outcome', aliases: ['Session outcome'], type: choice(SESSION_OUTCOMES) },
      { key: 'missedReason', header: 'Missed reason', aliases: ['Reason missed'], type: choice(MISSED_REASONS) },
    ],
  },
  {
    key: 'reviews',
    name: 'Reviews',
    aliases: ['Annual reviews'],
    fields: [
      { key: 'pupilId', header: 'Pupil ID', aliases: ['Pupil'], required: true, type: id },
      { key: 'type', header: 'Type', aliases: ['Review type'], required: true, type: choice(REVIEW_TYPES) },
      { key: 'meetingDate', header: 'Meeting date', aliases: ['Meeting', 'Date'], type: date },
      { key: 'noticeSent', header: 'Notice sent', aliases: ['Invitations sent'], type: date },
      { key: 'reportSent', header: 'Report sent', aliases: ['Report sent to LA'], type: date },
      { key: 'status', header: 'Status', type: text },
    ],
  },
  {
    key: 'settings',
    name: 'Settings',
    fields: [
      { key: 'key', header: 'Setting', aliases: ['Key', 'Name'], required: true, type: text },
      { key: 'value', header: 'Value', required: true, type: text },
    ],
  },
];

/** The settings rows set-up writes, in order, with their defaults. */
export const SETTING_ROWS: readonly {
  key: 'schoolName' | 'evidenceWindowDays' | 'reviewWarningDays' | 'timezone' | 'sencoCover';
  label: string;
  default: string | number;
}[] = [
  { key: 'schoolName', label: 'School name', default: '' },
  { key: 'evidenceWindowDays', label: 'Evidence window days', default: 14 },
  { key: 'reviewWarningDays', label: 'Review warning days', default: 42 },
  { key: 'timezone', label: 'Timezone', default: 'Europe/London' },
  // Last resort / Never / Like other staff: when the cover planner may propose the SENCo.
  { key: 'sencoCover', label: 'SENCo covers', default: 'Last resort' },
];

export function tabSpec(key: TabKey): TabSpec {
  const spec = TAB_SPECS.find((t) => t.key === key);
  if (!spec) throw new Error(`No tab spec for ${key}`);
  return spec;
}

export function fieldSpec(tab: TabKey, key: string): FieldSpec {
  const f = tabSpec(tab).fields.find((x) => x.key === key);
  if (!f) throw new Error(`No field ${key} in tab ${tab}`);
  return f;
}

/** Header comparison: case-, space- and punctuation-spacing-insensitive ("Pupil  id" = "pupil ID" = "PupilID"). */
export function normaliseHeader(h: string): string {
  return h.normalize('NFKC').toLowerCase().replace(/\s+/g, '').replace(/[‐-―]/g, '-');
}
