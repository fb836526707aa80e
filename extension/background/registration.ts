// Content scripts follow the granted sites. "Granted" means any origin the extension holds host permission
// for, however it got it: a user's grant in Options (optional_host_permissions) or `host_permissions` in a
// school's managed build — `permissions.getAll()` reports both. Run on install, on browser start and whenever
// permissions change, so a grant takes effect on the next page load without reloading the extension.

/** The slice of chrome.permissions / chrome.scripting this needs (a fake in unit tests, Chrome in e2e). */
export interface RegistrationPort {
  grantedOrigins(): Promise<string[]>;
  registered(ids: string[]): Promise<{ id: string; matches?: string[]; js?: string[] }[]>;
  register(script: RegisteredScript): Promise<void>;
  update(script: RegisteredScript): Promise<void>;
  unregister(ids: string[]): Promise<void>;
}

export interface RegisteredScript {
  id: string;
  js: string[];
  matches: string[];
  runAt: 'document_start';
  allFrames: false;
  persistAcrossSessions: true;
}

export const OVERLAY_SCRIPT_ID = 'caseload-overlay';
/** Where WXT writes the `overlay.ts` entrypoint (an unlisted script). */
export const OVERLAY_SCRIPT_FILE = 'overlay.js';

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

/** Make the registered overlay script match exactly the granted origins (or not exist when none are). */
export async function syncOverlayRegistration(port: RegistrationPort): Promise<string[]> {
  const matches = contentMatches(await port.grantedOrigins());
  const existing = (await port.registered([OVERLAY_SCRIPT_ID]))[0];
  if (matches.length === 0) {
    if (existing) await port.unregister([OVERLAY_SCRIPT_ID]);
    return [];
  }
  const script: RegisteredScript = {
    id: OVERLAY_SCRIPT_ID,
    js: [OVERLAY_SCRIPT_FILE],
    matches,
    // At the start, so the caseload request overlaps the page's parsing; the overlay scans at DOMContentLoaded.
    // (document_end/idle injection waited for the page's load, adding ~400 ms on the 2,000-row register.)
    runAt: 'document_start',
    allFrames: false,
    persistAcrossSessions: true,
  };
  if (!existing) await port.register(script);
  // A registration persists across updates: one made by an older version may name a script file that has moved.
  else if (!sameList(existing.matches ?? [], matches) || !sameList(existing.js ?? [], script.js ?? [])) await port.update(script);
  return matches;
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
