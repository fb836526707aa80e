// The caseload the overlay works from: pupils, their targets, staff and the rota. Replaced wholesale, in one
// transaction, whenever a newer copy arrives (the sync engine reading the Sheet, or an import in Options, whose
// merge with what is here the core has already worked out), so a reader never sees half of one version and half
// of another. Logs are never touched by a replace.
import type { IDBPDatabase } from 'idb';
import { DEFAULT_SETTINGS, type Pupil, type RotaBlock, type Settings, type Staff, type Target } from '../../shared/index';
import type { TargetEvidence } from '../../shared/index';
import { database, getMeta, type CaseloadDb, type MetaRecords } from './db';

export interface CaseloadData {
  pupils: readonly Pupil[];
  targets: readonly Target[];
  staff: readonly Staff[];
  rota: readonly RotaBlock[];
  settings?: Settings;
  /** Evidence per target: the Sheet's, from a pull, or an imported tracker's, from its Log tab. Stored in the
   * same transaction as the caseload; a replace without it (a CSV import) clears the old one. */
  evidence?: readonly TargetEvidence[];
}

export interface Caseload {
  pupils: Pupil[];
  targets: Target[];
  staff: Staff[];
  rota: RotaBlock[];
  settings: Settings;
  source?: MetaRecords['caseloadSource'];
}

/** Drop the sheet row numbers: they mean nothing once the data is on the device. */
function withoutRow<T extends { row?: number }>(r: T): T {
  const { row: _row, ...rest } = r;
  return rest as T;
}

export interface ReplaceOptions {
  /** Defaults to the context's shared connection. */
  db?: IDBPDatabase<CaseloadDb>;
  /** Where it came from, shown in Options: "sheet", "import: tracker.xlsx"… */
  from?: string;
  at?: number;
  /** An import merges: only the evidence of these targets is replaced (by `data.evidence`); other targets still in
   * the caseload keep theirs, and evidence of targets no longer in it goes. Without it (a pull) all is replaced. */
  evidenceFor?: readonly string[];
}

/** Requests made in one go. A year's tracker is thousands of records; made all at once they were one task of
 * ~0.3 s on the page's thread (each request copies its record), during which Options could not paint or answer. */
const WRITES_PER_TASK = 200;

/** Make the requests batch by batch, in order, in the one transaction: the page's thread is handed back between
 * batches, and each next batch is made from a success callback, so the transaction stays open (it only commits once
 * no request is pending). The next batch is made as soon as the first request of the one before is done, not its
 * last: waiting for the whole batch left the database idle while the page made the next one (a year's tracker is
 * 14 batches, and storing it took ~0.8 s). At most two batches are pending at once. */
export function inBatches(writes: readonly (() => Promise<unknown>)[], perTask = WRITES_PER_TASK): Promise<void> {
  const from = (start: number): Promise<unknown> => {
    const batch = writes.slice(start, start + perTask).map((w) => w());
    if (start + perTask >= writes.length || batch.length === 0) return Promise.all(batch);
    return Promise.all([...batch, batch[0]!.then(() => from(start + perTask))]);
  };
  return from(0).then(() => undefined);
}

/** Replace pupils, targets, staff, rota (and settings when given) with a newer copy. Logs are kept. */
export async function replaceCaseload(data: CaseloadData, opts: ReplaceOptions = {}): Promise<void> {
  const db = opts.db ?? (await database());
  const from = opts.from ?? 'import';
  const at = opts.at ?? Date.now();
  const tx = db.transaction(['pupils', 'targets', 'staff', 'rota', 'evidence', 'meta'], 'readwrite');
  if (opts.evidenceFor) {
    const replaced = new Set(opts.evidenceFor);
    const keep = new Set(data.targets.map((t) => t.id));
    // A target whose new evidence is put below needs no delete first: the put replaces it (a year's tracker has
    // hundreds of targets, and each request costs the browser a round trip).
    const putting = new Set((data.evidence ?? []).map((e) => e.targetId));
    const existing = await tx.objectStore('evidence').getAllKeys();
    for (const k of existing) {
      const id = String(k);
      if (!putting.has(id) && (replaced.has(id) || !keep.has(id))) void tx.objectStore('evidence').delete(k);
    }
  } else {
    void tx.objectStore('evidence').clear();
  }
  // Requests in one transaction run in the order they were made: the clears need no await before the puts.
  for (const store of ['pupils', 'targets', 'staff', 'rota'] as const) void tx.objectStore(store).clear();
  await inBatches([
    ...data.pupils.map((p) => () => tx.objectStore('pupils').put(withoutRow(p))),
    ...data.targets.map((t) => () => tx.objectStore('targets').put(withoutRow(t))),
    ...data.staff.map((s) => () => tx.objectStore('staff').put(withoutRow(s))),
    ...data.rota.map((b) => () => tx.objectStore('rota').add(withoutRow(b))),
    ...(data.evidence ?? []).map((e) => () => tx.objectStore('evidence').put({ ...e, readAt: at })),
  ]);
  if (data.settings) void tx.objectStore('meta').put(data.settings, 'settings');
  const counts = { pupils: data.pupils.length, targets: data.targets.length, staff: data.staff.length, rota: data.rota.length };
  void tx.objectStore('meta').put({ from, at, counts } satisfies MetaRecords['caseloadSource'], 'caseloadSource');
  await tx.done;
}

/** How many pupils, targets, staff and rota blocks are stored: what an import checks against its preview, without
 * reading every record back. */
export async function storedCounts(db: IDBPDatabase<CaseloadDb>): Promise<Record<'pupils' | 'targets' | 'staff' | 'rota', number>> {
  const tx = db.transaction(['pupils', 'targets', 'staff', 'rota'], 'readonly');
  const [pupils, targets, staff, rota] = await Promise.all([
    tx.objectStore('pupils').count(),
    tx.objectStore('targets').count(),
    tx.objectStore('staff').count(),
    tx.objectStore('rota').count(),
  ]);
  await tx.done;
  return { pupils, targets, staff, rota };
}

export async function readCaseload(db: IDBPDatabase<CaseloadDb>): Promise<Caseload> {
  const tx = db.transaction(['pupils', 'targets', 'staff', 'rota', 'meta'], 'readonly');
  const [pupils, targets, staff, rota, settings, source] = await Promise.all([
    tx.objectStore('pupils').getAll(),
    tx.objectStore('targets').getAll(),
    tx.objectStore('staff').getAll(),
    tx.objectStore('rota').getAll(),
    tx.objectStore('meta').get('settings') as Promise<Settings | undefined>,
    tx.objectStore('meta').get('caseloadSource') as Promise<MetaRecords['caseloadSource'] | undefined>,
  ]);
  await tx.done;
  return {
    pupils,
    targets,
    staff,
    rota: rota.map(({ key: _key, ...b }) => b),
    settings: settings ?? { ...DEFAULT_SETTINGS },
    ...(source ? { source } : {}),
  };
}

export async function caseloadSource(db: IDBPDatabase<CaseloadDb>): Promise<MetaRecords['caseloadSource'] | undefined> {
  return getMeta(db, 'caseloadSource');
}
