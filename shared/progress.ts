// Progress over the evidence window, per pupil and target: how much evidence, how recent, whether ratings rise
// and prompts fade, and intervention minutes delivered against what the rota plans. Logs are indexed once by
// pupil and target, so a 100k-row Log tab costs one pass plus the pupils' own logs.
import { groupBy } from './text';
import { effectiveLogs } from './corrections';
import { PROMPTS, RATINGS, pupilName, type IsoDate, type LogEntry, type Pupil, type Target, type Tracker } from './model';
import { daysBetween, formatUkDate } from './dates';
import { blockMinutes, evidenceWindow } from './checks/rules';

export type Trend = 'improving' | 'steady' | 'declining' | 'insufficient';

/** Fewer scored logs than this and a trend means nothing. */
const MIN_FOR_TREND = 4;
/** More than half a step on the five-point scale between the earlier and later halves counts as a change
 * (a single dip in four logs is not a decline). */
const TREND_THRESHOLD = 0.5;

export interface TargetProgress {
  targetId: string;
  pupilId: string;
  text: string;
  status: Target['status'];
  evidenceCount: number;
  lastEvidence?: IsoDate;
  daysSinceEvidence?: number;
  ratingTrend: Trend;
  promptTrend: Trend;
}

export interface PupilProgress {
  pupilId: string;
  name: string;
  window: { from: IsoDate; to: IsoDate; days: number };
  /** All logs for the pupil in the window, any kind, with or without a target. */
  evidenceCount: number;
  lastEvidence?: IsoDate;
  daysSinceEvidence?: number;
  targets: TargetProgress[];
  interventionMinutes: { delivered: number; planned: number };
}

interface DatedLog {
  log: LogEntry;
  date: IsoDate;
}

export interface LogIndex {
  byPupil: Map<string, DatedLog[]>;
  byTarget: Map<string, DatedLog[]>;
}

/** One pass over the logs as they now stand (effectiveLogs: each Log ID once, voided logs and correction rows
 * out, edits applied). Each list is in time order (ISO timestamps sort as text when offsets agree; logs with
 * unreadable times are left out). */
export function indexLogs(logs: readonly LogEntry[], opts: { effective?: boolean } = {}): LogIndex {
  const byPupil = new Map<string, DatedLog[]>();
  const byTarget = new Map<string, DatedLog[]>();
  // `effective`: the caller passes logs already as they now stand (checkWorkbook's), so the corrections are not
  // applied a second time (on a year's Log that was ~60 ms per import).
  const current = opts.effective ? logs : effectiveLogs(logs);
  for (const log of current) {
    const date = log.time.slice(0, 10);
    if (date.length !== 10 || date[4] !== '-' || date[7] !== '-') continue;
    const d = { log, date };
    const p = byPupil.get(log.pupilId);
    if (p) p.push(d);
    else byPupil.set(log.pupilId, [d]);
    if (log.targetId) {
      const t = byTarget.get(log.targetId);
      if (t) t.push(d);
      else byTarget.set(log.targetId, [d]);
    }
  }
  // A Log in time order (as one is appended) gives lists in time order: one test of the whole Log then stands
  // for the per-pupil and per-target tests.
  if (!inTimeOrder(current)) {
    const byTime = (a: DatedLog, b: DatedLog) => timeOf(a.log) - timeOf(b.log);
    for (const list of byPupil.values()) if (!isSorted(list)) list.sort(byTime);
    for (const list of byTarget.values()) if (!isSorted(list)) list.sort(byTime);
  }
  return { byPupil, byTarget };
}

function timeOf(l: LogEntry): number {
  const t = Date.parse(l.time);
  return Number.isNaN(t) ? 0 : t;
}

function inTimeOrder(logs: readonly LogEntry[]): boolean {
  for (let i = 1; i < logs.length; i++) if (logs[i - 1]!.time > logs[i]!.time) return false;
  return true;
}

function isSorted(list: readonly DatedLog[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1]!.log.time > list[i]!.log.time) return false;
  return true;
}

/** Compare the mean score of the earlier half of the window's scored logs with the later half. */
export function trendOf(scores: readonly number[], higherIsBetter: boolean): Trend {
  if (scores.length < MIN_FOR_TREND) return 'insufficient';
  const half = Math.floor(scores.length / 2);
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  // With an odd count the middle log belongs to neither half.
  const earlier = mean(scores.slice(0, half));
  const later = mean(scores.slice(scores.length - half));
  const change = higherIsBetter ? later - earlier : earlier - later;
  if (change > TREND_THRESHOLD) return 'improving';
  if (change < -TREND_THRESHOLD) return 'declining';
  return 'steady';
}

function inWindow(list: readonly DatedLog[] | undefined, from: IsoDate, to: IsoDate): DatedLog[] {
  return (list ?? []).filter((d) => d.date >= from && d.date <= to);
}

function lastOnOrBefore(list: readonly DatedLog[] | undefined, to: IsoDate): IsoDate | undefined {
  let last: IsoDate | undefined;
  for (const d of list ?? []) if (d.date <= to && (last === undefined || d.date > last)) last = d.date;
  return last;
}

export interface ProgressOptions {
  /** Defaults to the tracker's evidence window setting. A dashboard may ask for a term (e.g. 84 days). */
  windowDays?: number;
  /** Reuse an index across calls (e.g. one per pupil for summaries). */
  index?: LogIndex;
}

/** Planned intervention minutes a week per pupil: Intervention, Group and 1:1 blocks naming them. */
export function plannedWeeklyMinutes(tracker: Pick<Tracker, 'rota'>): Map<string, number> {
  const out = new Map<string, number>();
  for (const b of tracker.rota) {
    if (b.activity !== 'Intervention' && b.activity !== 'Group' && b.activity !== '1:1') continue;
    for (const id of b.pupilIds) out.set(id, (out.get(id) ?? 0) + blockMinutes(b));
  }
  return out;
}

/** One target's progress from a shared index (the window is `from`..`today`, both inclusive). */
export function targetProgress(t: Target, index: LogIndex, from: IsoDate, today: IsoDate): TargetProgress {
  // Only logs against the target's own pupil count (a log against another pupil's target is a data error).
  const all = (index.byTarget.get(t.id) ?? []).filter((d) => d.log.pupilId === t.pupilId);
  const logs = inWindow(all, from, today);
  const last = lastOnOrBefore(all, today);
  const ratings = logs.flatMap((d) => (d.log.rating ? [RATINGS.indexOf(d.log.rating)] : []));
  const prompts = logs.flatMap((d) => (d.log.prompt ? [PROMPTS.indexOf(d.log.prompt)] : []));
  return {
    targetId: t.id,
    pupilId: t.pupilId,
    text: t.text,
    status: t.status,
    evidenceCount: logs.length,
    ...(last ? { lastEvidence: last, daysSinceEvidence: daysBetween(last, today) } : {}),
    ratingTrend: trendOf(ratings, true),
    // Prompts are listed from least to most support, so a falling index is fading towards Independent.
    promptTrend: trendOf(prompts, false),
  };
}

interface Prepared {
  index: LogIndex;
  weekly: Map<string, number>;
  from: IsoDate;
  today: IsoDate;
  days: number;
}

function prepare(tracker: Tracker, today: IsoDate, opts: ProgressOptions): Prepared {
  const days = opts.windowDays ?? tracker.settings.evidenceWindowDays;
  return {
    index: opts.index ?? indexLogs(tracker.logs),
    weekly: plannedWeeklyMinutes(tracker),
    from: evidenceWindow(today, days).from,
    today,
    days,
  };
}

function progressOf(pupil: Pupil, targets: readonly Target[], w: Prepared): PupilProgress {
  const pupilLogs = w.index.byPupil.get(pupil.id);
  const logs = inWindow(pupilLogs, w.from, w.today);
  const last = lastOnOrBefore(pupilLogs, w.today);
  let delivered = 0;
  for (const d of logs) if (d.log.kind === 'Intervention' && d.log.minutes) delivered += d.log.minutes;
  return {
    pupilId: pupil.id,
    name: pupilName(pupil),
    window: { from: w.from, to: w.today, days: w.days },
    evidenceCount: logs.length,
    ...(last ? { lastEvidence: last, daysSinceEvidence: daysBetween(last, w.today) } : {}),
    targets: targets.map((t) => targetProgress(t, w.index, w.from, w.today)),
    // The rota is weekly: scale it to the window's length in weeks (holidays are not known to the tracker).
    interventionMinutes: { delivered, planned: Math.round(((w.weekly.get(pupil.id) ?? 0) * w.days) / 7) },
  };
}

export function pupilProgress(tracker: Tracker, pupil: Pupil, today: IsoDate, opts: ProgressOptions = {}): PupilProgress {
  return progressOf(
    pupil,
    tracker.targets.filter((t) => t.pupilId === pupil.id),
    prepare(tracker, today, opts),
  );
}

/** Progress for every pupil, sharing one log index and one pass over the rota and targets. */
export function progressReport(tracker: Tracker, today: IsoDate, opts: ProgressOptions = {}): PupilProgress[] {
  const w = prepare(tracker, today, opts);
  const targetsByPupil = groupBy(tracker.targets, (t) => t.pupilId);
  return tracker.pupils.map((pupil) => progressOf(pupil, targetsByPupil.get(pupil.id) ?? [], w));
}

const TREND_WORDS: Record<Exclude<Trend, 'insufficient'>, { rating: string; prompt: string }> = {
  improving: { rating: 'ratings have risen', prompt: 'prompting has faded towards independence' },
  steady: { rating: 'ratings have held steady', prompt: 'the level of prompting has stayed about the same' },
  declining: { rating: 'ratings have fallen', prompt: 'more prompting has been needed' },
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A plain-English paragraph about a pupil's evidence in the window, for a SENCo to paste into an annual review. */
export function evidenceSummary(pupil: Pupil, tracker: Tracker, today: IsoDate, opts: ProgressOptions = {}): string {
  const p = pupilProgress(tracker, pupil, today, opts);
  const name = p.name || pupil.id;
  const period = `Between ${formatUkDate(p.window.from)} and ${formatUkDate(p.window.to)}`;
  if (p.evidenceCount === 0) {
    const last = p.lastEvidence ? ` The most recent evidence was logged on ${formatUkDate(p.lastEvidence)}.` : '';
    return `${period} no evidence was logged for ${name}.${last}`;
  }
  const active = p.targets.filter((t) => t.evidenceCount > 0);
  const sentences = [
    `${period}, ${plural(p.evidenceCount, 'piece')} of evidence ${p.evidenceCount === 1 ? 'was' : 'were'} logged for ${name}${active.length > 0 ? `, against ${plural(active.length, 'target')}` : ''}.`,
  ];
  for (const t of active) {
    const parts = [`${plural(t.evidenceCount, 'log')}, most recently on ${formatUkDate(t.lastEvidence!)}`];
    if (t.ratingTrend !== 'insufficient') parts.push(TREND_WORDS[t.ratingTrend].rating);
    if (t.promptTrend !== 'insufficient') parts.push(TREND_WORDS[t.promptTrend].prompt);
    sentences.push(`For "${t.text}" (currently ${t.status}): ${parts.join('; ')}.`);
  }
  const quiet = p.targets.filter((t) => t.evidenceCount === 0 && t.status !== 'Achieved');
  if (quiet.length > 0) sentences.push(`No evidence was logged for ${quiet.map((t) => `"${t.text}"`).join(', ')}.`);
  const { delivered, planned } = p.interventionMinutes;
  if (planned > 0 || delivered > 0) {
    const share = planned > 0 ? ` (${Math.round((delivered / planned) * 100)}%)` : '';
    sentences.push(
      `${plural(delivered, 'minute')} of intervention ${delivered === 1 ? 'was' : 'were'} recorded, against ${plural(planned, 'minute')} of 1:1, group and intervention time on the rota for the period${share}.`,
    );
  }
  return sentences.join(' ');
}
