// Content scripts follow the granted sites. "Granted" means any origin the extension holds host permission
// for, however it got it: a user's grant in Options (optional_host_permissions) or `host_permissions` in a
// school's managed build — `permissions.getAll()` reports both. Run on install, on browser start and whenever
// permissions change, so a grant takes effect on the next page load without reloading the extension.

/** The slice of chrome.permissions / chrome.scripting this needs (a fake in unit tests, Chrome in e2e). */
export interface RegistrationPort {
  grantedOrigins(): Promise<string[]>;
  registered(ids: string[]): Promise<{ id: string; matches?: string[]; js?: string[]; runAt?: string }[]>;
  register(script: RegisteredScript): Promise<void>;
  update(script: RegisteredScript): Promise<void>;
  unregister(ids: string[]): Promise<void>;
}

export interface RegisteredScript {
  id: string;
  js: string[];
  matches: string[];
  runAt: 'document_start' | 'document_end';
  allFrames: false;
  persistAcrossSessions: true;
}

export const OVERLAY_SCRIPT_ID = 'caseload-overlay';
/** Where WXT writes the `overlay.ts` entrypoint (an unlisted script). */
export const OVERLAY_SCRIPT_FILE = 'overlay.js';
export const OVERLAY_EARLY_SCRIPT_ID = 'caseload-overlay-early';
/** Where WXT writes the `overlay-early.ts` entrypoint. */
export const OVERLAY_EARLY_SCRIPT_FILE = 'overlay-early.js';
const OVERLAY_SCRIPT_IDS = [OVERLAY_SCRIPT_ID, OVERLAY_EARLY_SCRIPT_ID];

/**
 * Hosts the extension talks to itself (the Sheets API for sync, Google sign-in): host permission for them is
 * for fetch from the service worker, never a reason to run the overlay there.
 */
export const API_HOSTS: readonly string[] = ['sheets.googleapis.com', 'www.googleapis.com', 'oauth2.googleapis.com', 'accounts.google.com'];

function hostOf(pattern: string): string | undefined {
  return /^[^:]+:\/\/([^/]*)\//.exec(pattern)?.[1];
}

/** Match patterns a content script can run on: web pages only (no API hosts), each once, in a stable order. */
export function contentMatches(origins: readonly string[], apiHosts: readonly string[] = API_HOSTS): string[] {
  const web = origins.filter((o) => /^(\*|https?):\/\//.test(o) && !apiHosts.includes(hostOf(o) ?? ''));
  return [...new Set(web)].sort();
}

/** Make the registered overlay scripts match exactly the granted origins (or not exist when none are). */
export async function syncOverlayRegistration(port: RegistrationPort): Promise<string[]> {
  const matches = contentMatches(await port.grantedOrigins());
  const existing = await port.registered(OVERLAY_SCRIPT_IDS);
  if (matches.length === 0) {
    if (existing.length > 0) await port.unregister(existing.map((s) => s.id));
    return [];
  }
  for (const script of overlayScripts(matches)) {
    const now = existing.find((s) => s.id === script.id);
    if (!now) await port.register(script);
    // A registration persists across updates: one made by an older version may name a script file that has
    // moved, or another time to run.
    else if (!sameList(now.matches ?? [], matches) || !sameList(now.js ?? [], script.js) || now.runAt !== script.runAt)
      await port.update(script);
  }
  return matches;
}

/**
 * Two scripts, so that the page's parse pays for as little of ours as it can: the early one, at the start, reads
 * the caseload copy while the page parses and badges it inside DOMContentLoaded (the first badges join the page's
 * first paint); the panel half runs at document_end, which Chromium runs only after laying the parsed page out,
 * too late for first badges (0.5–1.1 s after the parse on the 2,000-row register), in time for a tap.
 */
function overlayScripts(matches: string[]): RegisteredScript[] {
  const common = { matches, allFrames: false, persistAcrossSessions: true } as const;
  return [
    { id: OVERLAY_EARLY_SCRIPT_ID, js: [OVERLAY_EARLY_SCRIPT_FILE], runAt: 'document_start', ...common },
    { id: OVERLAY_SCRIPT_ID, js: [OVERLAY_SCRIPT_FILE], runAt: 'document_end', ...common },
  ];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((x, i) => x === b[i]);
}

/** Serialise runs: install, startup and permission events can fire together, and register rejects duplicates. */
export function serialised<T>(fn: () => Promise<T>): () => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return () => {
    const next = last.then(fn, fn);
    last = next.catch(() => undefined);
    return next;
  };
}
