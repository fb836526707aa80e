// One pass of indexing shared by every check family: lookups by id, rota by person, parsed working patterns
// and the names messages use. Built once per run so a 100k-row tracker is walked a handful of times, not per rule.
import {
  DAYS,
  pupilName,
  type Finding,
  type IsoDate,
  type LogEntry,
  type Pupil,
  type RotaBlock,
  type Staff,
  type TabKey,
  type Target,
  type TrainingRecord,
  type Tracker,
} from '../model';
import { findingAt } from '../schema/locate';
import { effectiveLogs } from '../corrections';
import { parsePattern, type ParsedPattern } from '../patterns';
import { groupBy } from '../text';

export interface CheckContext {
  tracker: Tracker;
  /** The Log as it now stands (effectiveLogs): what evidence rules count. Cell-level rules read tracker.logs. */
  logs: LogEntry[];
  today: IsoDate;
  pupils: Map<string, Pupil>;
  staff: Map<string, Staff>;
  targets: Map<string, Target>;
  trainingByStaff: Map<string, TrainingRecord[]>;
  /** Each person's rota blocks, sorted by day then start. */
  rotaByStaff: Map<string, RotaBlock[]>;
  patterns: Map<string, ParsedPattern>;
}

function firstById<T extends { id: string }>(records: readonly T[]): Map<string, T> {
  const m = new Map<string, T>();
  for (const r of records) if (r.id !== '' && !m.has(r.id)) m.set(r.id, r);
  return m;
}

export function rotaByStaffOf(rota: readonly RotaBlock[]): Map<string, RotaBlock[]> {
  const m = groupBy(rota, (b) => b.staffId);
  const dayIndex = new Map<string, number>(DAYS.map((d, i) => [d, i]));
  const order = (b: RotaBlock) => dayIndex.get(b.day) ?? 0;
  for (const list of m.values()) list.sort((a, b) => order(a) - order(b) || a.start - b.start || a.end - b.end);
  return m;
}

/** `logs`: the tracker's Log as it now stands, when the caller has already worked it out (checkWorkbook, which
 * hands the same array on to the evidence summary, so a year's Log has its corrections applied once). */
export function buildContext(tracker: Tracker, today: IsoDate, logs: LogEntry[] = effectiveLogs(tracker.logs)): CheckContext {
  const staff = firstById(tracker.staff);
  const patterns = new Map<string, ParsedPattern>();
  for (const s of staff.values()) patterns.set(s.id, parsePattern(s.pattern));
  return {
    tracker,
    today,
    logs,
    pupils: firstById(tracker.pupils),
    staff,
    targets: firstById(tracker.targets),
    trainingByStaff: groupBy(tracker.training, (r) => r.staffId),
    rotaByStaff: rotaByStaffOf(tracker.rota),
    patterns,
  };
}

/** A person's name for messages, falling back to the id so a message never says "undefined". */
export function staffName(ctx: CheckContext, id: string): string {
  return ctx.staff.get(id)?.name || id;
}

export function pupilNameOf(ctx: CheckContext, id: string): string {
  const p = ctx.pupils.get(id);
  return p ? pupilName(p) || id : id;
}

/** "Sam Jones", "Sam Jones and Ava Lee" */
export function pupilNames(ctx: CheckContext, ids: readonly string[]): string {
  const names = ids.map((id) => pupilNameOf(ctx, id));
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "1:1 with Sam Jones", "Group with Sam Jones and Ava Lee", "Duty" */
export function describeBlock(ctx: CheckContext, b: RotaBlock): string {
  return b.pupilIds.length > 0 ? `${b.activity} with ${pupilNames(ctx, b.pupilIds)}` : b.activity;
}

/** A finding at a field of a record, located through the tracker's real layout. */
export function at(ctx: CheckContext, tab: TabKey, field: string, row: number | undefined, f: Omit<Finding, 'tab' | 'cell'>): Finding {
  return findingAt(ctx.tracker.layout, { tab, field, row }, f);
}

/** Was this tab read from the workbook? When a tracker came from a sheet and a tab is missing altogether, the
 * parser has already said so (HEADER_MISSING); references into it are not reported again one by one. */
export function tabPresent(ctx: CheckContext, tab: TabKey): boolean {
  const layout = ctx.tracker.layout;
  return Object.keys(layout).length === 0 || layout[tab] !== undefined;
}
