// The caseload the overlay works from: pupils, their targets, staff and the rota. Replaced wholesale, in one
// transaction, whenever a newer copy arrives (an import in Options, or the sync engine reading the Sheet), so a
// reader never sees half of one version and half of another. Logs are never touched by a replace.
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
}

/** Replace pupils, targets, staff, rota (and settings when given) with a newer copy. Logs are kept. */
export async function replaceCaseload(data: CaseloadData, opts: ReplaceOptions = {}): Promise<void> {
  const db = opts.db ?? (await database());
  const from = opts.from ?? 'import';
  const at = opts.at ?? Date.now();
  const tx = db.transaction(['pupils', 'targets', 'staff', 'rota', 'evidence', 'meta'], 'readwrite');
  await Promise.all([
    tx.objectStore('evidence').clear(),
    tx.objectStore('pupils').clear(),
    tx.objectStore('targets').clear(),
    tx.objectStore('staff').clear(),
    tx.objectStore('rota').clear(),
  ]);
  for (const p of data.pupils) void tx.objectStore('pupils').put(withoutRow(p));
  for (const t of data.targets) void tx.objectStore('targets').put(withoutRow(t));
  for (const s of data.staff) void tx.objectStore('staff').put(withoutRow(s));
  for (const b of data.rota) void tx.objectStore('rota').add(withoutRow(b));
  for (const e of data.evidence ?? []) void tx.objectStore('evidence').put({ ...e, readAt: at });
  if (data.settings) void tx.objectStore('meta').put(data.settings, 'settings');
  const counts = { pupils: data.pupils.length, targets: data.targets.length, staff: data.staff.length, rota: data.rota.length };
  void tx.objectStore('meta').put({ from, at, counts } satisfies MetaRecords['caseloadSource'], 'caseloadSource');
  await tx.done;
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
