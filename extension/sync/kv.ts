// A key/value area: chrome.storage.local in the extension, a Map in tests. Sync keeps its few small records here
// (settings, the batch in flight, where the Log tab is, when the caseload was last pulled), so a killed service
// worker resumes exactly where it was.
export interface KeyValueArea {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

/** The minimal shape of chrome.storage.StorageArea that we use. */
export interface StorageAreaLike {
  get(keys: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string): Promise<void>;
}

export function storageArea(area: StorageAreaLike): KeyValueArea {
  return {
    get: async (key) => (await area.get(key))[key],
    set: (key, value) => area.set({ [key]: value }),
    remove: (key) => area.remove(key),
  };
}

export function memoryArea(initial: Record<string, unknown> = {}): KeyValueArea & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => void data.set(key, structuredClone(value)),
    remove: async (key) => void data.delete(key),
  };
}

export const KEYS = {
  settings: 'caseload.sync.settings',
  inFlight: 'caseload.sync.inFlight',
  toVerify: 'caseload.sync.toVerify',
  layout: 'caseload.sync.logLayout',
  lastPullAt: 'caseload.sync.lastPullAt',
  webAuthToken: 'caseload.sync.webAuthToken',
  /** true once getAuthToken has said it cannot work in this profile (session storage). */
  webAuthMode: 'caseload.sync.webAuthMode',
  /** The signed-in Google account and the Staff row it matched (account.ts). */
  account: 'caseload.sync.account',
} as const;
