// The extension's IndexedDB: one database in the extension's origin, shared by the service worker, the popup
// and the options page. Content scripts never open it (they run in the MIS page's origin): they ask background.
//
// Versioned schema: each version has its own upgrade step, run in order, so a browser that skipped releases
// still arrives at the current shape with its data intact.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { LogEntry, Pupil, RotaBlock, Settings, Staff, Target } from '../../shared/index';
import type { TargetEvidence } from '../../shared/index';

/** A log as kept on the device: the sheet's fields plus when it was saved and, once confirmed, synced. */
export interface StoredLog extends LogEntry {
  /** Milliseconds since the epoch when it was saved (sorts correctly whatever the offset in `time`). */
  at: number;
  /** When the sheet confirmed it; absent while it waits in the outbox. */
  syncedAt?: number;
}

/** Evidence on one target (from every device's logs): the Sheet's as of a pull, or an imported tracker's Log. */
export interface StoredEvidence extends TargetEvidence {
  /** When the pull that made it finished (ms): this device's logs synced later are not in it. */
  readAt: number;
}

export interface OutboxItem {
  id: string;
  at: number;
}

/** "Teach a site": the element on this origin that holds the pupil's name. */
export interface SiteRule {
  origin: string;
  selector: string;
  savedAt: number;
}

export interface StoredRotaBlock extends RotaBlock {
  key?: number;
}

export interface MetaRecords {
  syncState: { lastSyncAt?: number; lastError?: string; lastErrorAt?: number };
  /** Staff ID of the person using this browser ("I am"). */
  me: string;
  /** Where the caseload came from and when. */
  caseloadSource: { from: string; at: number; counts: Record<string, number> };
  settings: Settings;
}
export type MetaKey = keyof MetaRecords;

export interface CaseloadDb extends DBSchema {
  pupils: { key: string; value: Pupil };
  targets: { key: string; value: Target; indexes: { byPupil: string } };
  staff: { key: string; value: Staff };
  rota: { key: number; value: StoredRotaBlock; indexes: { byStaff: string } };
  logs: { key: string; value: StoredLog; indexes: { byPupil: string; byTime: number; byTarget: string } };
  outbox: { key: string; value: OutboxItem; indexes: { byTime: number } };
  siteRules: { key: string; value: SiteRule };
  evidence: { key: string; value: StoredEvidence };
  meta: { key: string; value: unknown };
}

export const DB_NAME = 'caseload';
export const DB_VERSION = 3;

type UpgradeTx = IDBPTransaction<CaseloadDb, StoreNames<CaseloadDb>[], 'versionchange'>;
type Upgrade = (db: IDBPDatabase<CaseloadDb>, tx: UpgradeTx) => void;

/** UPGRADES[n] takes the database from version n to n + 1. Never edit a shipped step: add a new one. */
export const UPGRADES: readonly Upgrade[] = [
  // 0 → 1: caseload, logs and outbox.
  (db) => {
    db.createObjectStore('pupils', { keyPath: 'id' });
    db.createObjectStore('targets', { keyPath: 'id' }).createIndex('byPupil', 'pupilId');
    db.createObjectStore('staff', { keyPath: 'id' });
    db.createObjectStore('rota', { keyPath: 'key', autoIncrement: true }).createIndex('byStaff', 'staffId');
    const logs = db.createObjectStore('logs', { keyPath: 'id' });
    logs.createIndex('byPupil', 'pupilId');
    logs.createIndex('byTime', 'at');
    db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('byTime', 'at');
    db.createObjectStore('meta');
  },
  // 1 → 2: taught site rules, and logs by target (last evidence per target without scanning a pupil's history).
  (db, tx) => {
    db.createObjectStore('siteRules', { keyPath: 'origin' });
    tx.objectStore('logs').createIndex('byTarget', 'targetId');
  },
  // 2 → 3: the Sheet's evidence per target (a summary of the Log, not its rows), replaced by each pull.
  (db) => {
    db.createObjectStore('evidence', { keyPath: 'targetId' });
  },
];

/** Open (creating or upgrading) the database. `version` is for tests that build an older shape first. */
export async function openCaseloadDb(
  name = DB_NAME,
  version = DB_VERSION,
  onClosed: () => void = () => {},
): Promise<IDBPDatabase<CaseloadDb>> {
  let opened: IDBPDatabase<CaseloadDb> | undefined;
  opened = await openDB<CaseloadDb>(name, version, {
    upgrade(d, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) UPGRADES[v]?.(d, tx);
    },
    blocking() {
      // Another context (a newer service worker, the options page after an update) wants a newer version:
      // step aside rather than block its upgrade. The next call opens again.
      opened?.close();
      onClosed();
    },
    terminated: onClosed,
  });
  return opened;
}

export async function getMeta<K extends MetaKey>(d: IDBPDatabase<CaseloadDb>, key: K): Promise<MetaRecords[K] | undefined> {
  return (await d.get('meta', key)) as MetaRecords[K] | undefined;
}

export async function setMeta<K extends MetaKey>(d: IDBPDatabase<CaseloadDb>, key: K, value: MetaRecords[K]): Promise<void> {
  await d.put('meta', value, key);
}

let shared: Promise<IDBPDatabase<CaseloadDb>> | undefined;

/** The one connection a context uses; reopened after the browser or an upgrade closed it. */
export function database(): Promise<IDBPDatabase<CaseloadDb>> {
  shared ??= openCaseloadDb(DB_NAME, DB_VERSION, () => {
    shared = undefined;
  }).catch((e: unknown) => {
    shared = undefined;
    throw e;
  });
  return shared;
}
