// The caseload the overlay works from: pupils, their targets, staff and the rota. Replaced wholesale, in one
// transaction, whenever a newer copy arrives (the sync engine reading the Sheet, or an import in Options, whose
// merge with what is here the core has already worked out), so a reader never sees half of one version and half
// of another. Logs are never touched by a replace.
import { type IDBPDatabase, unwrap } from 'idb';
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

type StoreName = 'pupils' | 'targets' | 'staff' | 'rota' | 'evidence';

/** One write of `replaceCaseload`: `add` for rota blocks (their key is generated), `put` for the rest. */
interface Write {
  store: StoreName;
  value: unknown;
  add?: boolean;
}

/** Make the requests batch by batch, in order, in the one transaction: the page's thread is handed back between
 * batches, and each next batch is made from a success callback, so the transaction stays open (it only commits once
 * no request is pending). The next batch is made as soon as the first request of the one before is done, not its
 * last: waiting for the whole batch left the database idle while the page made the next one. At most two batches
 * are pending at once. Plain requests, no promise each: the transaction reports any failure (a year's tracker is
 * ~2,700 records). A record the store refuses outright (no key) aborts the transaction, so the clears made before
 * it are undone too and nothing stored is lost; thrown in a success callback, it aborts it just the same. */
export function writeInBatches(tx: IDBTransaction, writes: readonly Write[], perTask = WRITES_PER_TASK): void {
  const from = (start: number): void => {
    const end = Math.min(start + perTask, writes.length);
    let first: IDBRequest | undefined;
    for (let i = start; i < end; i++) {
      const w = writes[i]!;
      const store = tx.objectStore(w.store);
      const request = w.add ? store.add(w.value) : store.put(w.value);
      first ??= request;
    }
    if (first && end < writes.length) first.addEventListener('success', () => from(end));
  };
  try {
    from(0);
  } catch (e) {
    tx.abort();
    throw e;
  }
}

/** Replace pupils, targets, staff, rota (and settings when given) with a newer copy. Logs are kept. */
export async function replaceCaseload(data: CaseloadData, opts: ReplaceOptions = {}): Promise<void> {
  const db = opts.db ?? (await database());
  const from = opts.from ?? 'import';
  const at = opts.at ?? Date.now();
  const tx = db.transaction(['pupils', 'targets', 'staff', 'rota', 'evidence', 'meta'], 'readwrite');
  // Plain requests below: the transaction's outcome (tx.done) is the one promise, and an abort rejects only it.
  const raw = unwrap(tx);
  if (opts.evidenceFor) {
    const replaced = new Set(opts.evidenceFor);
    const keep = new Set(data.targets.map((t) => t.id));
    // A target whose new evidence is put below needs no delete first: the put replaces it (a year's tracker has
    // hundreds of targets, and each request costs the browser a round trip).
    const putting = new Set((data.evidence ?? []).map((e) => e.targetId));
    const existing = await tx.objectStore('evidence').getAllKeys();
    for (const k of existing) {
      const id = String(k);
      if (!putting.has(id) && (replaced.has(id) || !keep.has(id))) raw.objectStore('evidence').delete(k);
    }
  } else {
    raw.objectStore('evidence').clear();
  }
  // Requests in one transaction run in the order they were made: the clears need no await before the puts.
  for (const store of ['pupils', 'targets', 'staff', 'rota'] as const) raw.objectStore(store).clear();
  try {
    writeInBatches(raw, [
      ...data.pupils.map((p) => ({ store: 'pupils' as const, value: withoutRow(p) })),
      ...data.targets.map((t) => ({ store: 'targets' as const, value: withoutRow(t) })),
      ...data.staff.map((s) => ({ store: 'staff' as const, value: withoutRow(s) })),
      ...data.rota.map((b) => ({ store: 'rota' as const, value: withoutRow(b), add: true })),
      ...(data.evidence ?? []).map((e) => ({ store: 'evidence' as const, value: { ...e, readAt: at } })),
    ]);
  } catch (e) {
    void tx.done.catch(() => undefined); // the abort is reported by the throw, not as an unhandled rejection
    throw e;
  }
  if (data.settings) raw.objectStore('meta').put(data.settings, 'settings');
  const counts = { pupils: data.pupils.length, targets: data.targets.length, staff: data.staff.length, rota: data.rota.length };
  raw.objectStore('meta').put({ from, at, counts } satisfies MetaRecords['caseloadSource'], 'caseloadSource');
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
