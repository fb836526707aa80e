// Sync settings: which Sheet, which API root (Google's, or the local server for the demo and tests), which
// OAuth scope, how often to re-read the caseload. A school's managed configuration (chrome.storage.managed) wins
// over what a user set, so IT can fix the sheet for everyone.
import { GOOGLE_SHEETS_ROOT } from './fetch-sheets';
import { KEYS, type KeyValueArea } from './kv';

export type GoogleScope = 'drive.file' | 'spreadsheets';

/** spreadsheets (the default) reaches a Sheet someone shared with the user — the only way an LSA can reach the
 * SENCo's tracker — and is a sensitive scope: no Google verification for an Internal app in the school's own
 * Workspace, verification for a vendor-published one. The client only ever opens the configured Sheet ID.
 * drive.file is non-sensitive but Google lets it open only files created or picked (Google Picker) with the app;
 * a share does not count, and Picker cannot run in an MV3 extension (it is remote code). Kept for a SENCo's own
 * browser (a Sheet created through the app) and for schools that insist; see extension/README.md. */
export const SCOPE_URLS: Record<GoogleScope, string> = {
  'drive.file': 'https://www.googleapis.com/auth/drive.file',
  spreadsheets: 'https://www.googleapis.com/auth/spreadsheets',
};

export interface SyncSettings {
  /** The tracker's spreadsheet id; no id = local-only mode, nothing is sent anywhere. */
  sheetId?: string;
  apiRoot: string;
  scope: GoogleScope;
  /** Re-read pupils, targets, staff and rota every this many minutes. */
  pullEveryMinutes: number;
  /** A fixed access token, honoured only with a non-Google API root (the demo's local server). */
  accessToken?: string;
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = { apiRoot: GOOGLE_SHEETS_ROOT, scope: 'spreadsheets', pullEveryMinutes: 15 };

/** What a school's admin console may set (extension/public/managed-schema.json). */
export interface ManagedConfig {
  trackerSheetId?: string;
  /** Origins IT lists for the overlay; Options shows them (host access still comes from a grant or policy). */
  misSites?: string[];
  scope?: GoogleScope;
}

/** A sheet id from an id or a full Sheets URL (`…/spreadsheets/d/<id>/edit`). */
export function sheetIdFrom(text: string): string | undefined {
  const t = text.trim();
  const m = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(t);
  if (m) return m[1];
  return /^[A-Za-z0-9_-]{10,}$/.test(t) ? t : undefined;
}

export function resolveSettings(local: Partial<SyncSettings> | undefined, managed: ManagedConfig | undefined): SyncSettings {
  const s: SyncSettings = { ...DEFAULT_SYNC_SETTINGS, ...(local ?? {}) };
  if (managed?.trackerSheetId) s.sheetId = sheetIdFrom(managed.trackerSheetId) ?? managed.trackerSheetId;
  if (managed?.scope === 'drive.file' || managed?.scope === 'spreadsheets') s.scope = managed.scope;
  if (!(s.pullEveryMinutes > 0)) s.pullEveryMinutes = DEFAULT_SYNC_SETTINGS.pullEveryMinutes;
  return s;
}

/** True when the API root is Google's own: then only real OAuth tokens are ever used. */
export function isGoogleRoot(apiRoot: string): boolean {
  try {
    return new URL(apiRoot).hostname === 'sheets.googleapis.com';
  } catch {
    return false;
  }
}

export async function readLocalSettings(kv: KeyValueArea): Promise<Partial<SyncSettings>> {
  return ((await kv.get(KEYS.settings)) as Partial<SyncSettings> | undefined) ?? {};
}

export async function saveSyncSettings(kv: KeyValueArea, changes: Partial<SyncSettings>): Promise<void> {
  const next = { ...(await readLocalSettings(kv)), ...changes };
  if (changes.sheetId !== undefined) {
    const id = sheetIdFrom(changes.sheetId);
    if (id) next.sheetId = id;
    else delete next.sheetId;
  }
  await kv.set(KEYS.settings, next);
}

/** Where the OAuth authorisation and tokeninfo endpoints are: the local server's beside a test API root (the demo
 * and tests), else what the build says (extension/build-flags.ts), else Google's. */
export function oauthEndpoints(
  settings: Pick<SyncSettings, 'apiRoot'>,
  built: { authUrl?: string; tokenInfoUrl?: string } = {},
): { authUrl?: string; tokenInfoUrl?: string } {
  if (!isGoogleRoot(settings.apiRoot)) {
    const root = settings.apiRoot.endsWith('/') ? settings.apiRoot : `${settings.apiRoot}/`;
    return { authUrl: built.authUrl ?? `${root}o/oauth2/v2/auth`, tokenInfoUrl: built.tokenInfoUrl ?? `${root}tokeninfo` };
  }
  return { ...(built.authUrl ? { authUrl: built.authUrl } : {}), ...(built.tokenInfoUrl ? { tokenInfoUrl: built.tokenInfoUrl } : {}) };
}
