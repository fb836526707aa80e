// Why sync stopped, in words an LSA understands. The popup shows these as they are.
export const STUCK = {
  signIn: 'Please sign in to Google again',
  readOnly: 'Google says the sheet is read-only for you',
  notFound: 'The tracker sheet was not found — check the sheet link in Options',
  offline: "Offline — your logs are safe on this device and will sync when you're back online",
  busy: 'Google is busy — your logs are safe on this device and will sync shortly',
  noLogTab: 'The tracker has no Log tab — ask your SENCo to run "Set up tracker" in the sheet',
  noLogHeader: 'The Log tab has no "Log ID" column — ask your SENCo to run "Set up tracker" in the sheet',
  refused: (why: string) => `Google refused the logs: ${why}`,
  /** The account cannot open the Sheet at all: it was never shared with them, or the share was removed. */
  notShared: (who: AccessWho = {}) =>
    `Google says ${who.email ?? 'your Google account'} cannot open the tracker Sheet. Ask ${who.askWho ?? 'your SENCo'} to share the Sheet with ${who.email ?? 'your Google account'} as an editor — your logs are safe on this device until then`,
  /** Shared as a viewer: reads work, the append is refused. Without the email, the older wording. */
  viewOnly: (who: AccessWho = {}) =>
    who.email
      ? `Google says the sheet is read-only for ${who.email}. Ask ${who.askWho ?? 'your SENCo'} to make ${who.email} an editor of the Sheet — your logs are safe on this device until then`
      : 'Google says the sheet is read-only for you',
  /** The token lacks a Sheets scope (consent given without ticking Google Sheets, or an old token). */
  scopeMissing:
    'Google did not give Caseload access to Google Sheets when you signed in — in Options, press “Sign in with Google” and allow access to your Google Sheets',
  /** drive.file: Google lets the app open only files created or picked with it; a share does not count. */
  driveFileOnly: (who: AccessWho = {}) =>
    `With “Only Sheets opened with Caseload”, Google does not let Caseload open a Sheet that was shared with ${who.email ?? 'you'}. In Options, choose “Google Sheets shared with me”, then press “Save and connect”`,
  missingColumns: (tab: string, headers: readonly string[]) =>
    `The ${tab} tab has no ${headers.map((h) => `"${h}"`).join(' or ')} column, so some logs cannot be written in full — ask your SENCo to add ${headers.length === 1 ? 'that column' : 'those columns'} to row 1 (or run "Set up tracker" in the sheet)`,
} as const;

/** Who is asking, and whom to ask, for the access messages. */
export interface AccessWho {
  /** The signed-in Google account, when known. */
  email?: string;
  /** Whom to ask, e.g. "Priya Raman (your SENCo)"; "your SENCo" when unknown. */
  askWho?: string;
  /** The OAuth scope in use: drive.file explains a refusal differently. */
  scope?: 'drive.file' | 'spreadsheets';
}

const SCOPE_INSUFFICIENT = 'ACCESS_TOKEN_SCOPE_INSUFFICIENT';

/** Plain English for a refusal of access (403/404), or undefined when the failure is something else. */
export function accessReason(
  failure: { kind?: string; status?: number; reason?: string; detail?: string; write?: boolean } | undefined,
  who: AccessWho = {},
): string | undefined {
  if (failure?.kind !== 'http') return undefined;
  if (failure.status === 404) return STUCK.notFound;
  if (failure.status !== 403 || failure.reason === 'RESOURCE_EXHAUSTED') return undefined;
  if (failure.detail === SCOPE_INSUFFICIENT) return STUCK.scopeMissing;
  if (who.scope === 'drive.file') return STUCK.driveFileOnly(who);
  return failure.write ? STUCK.viewOnly(who) : STUCK.notShared(who);
}

/** Things worth knowing that did not stop sync. */
export const NOTES = {
  duplicates: (n: number) =>
    `Google had written ${n === 1 ? 'a log' : `${n} logs`} twice; the second ${n === 1 ? 'copy is' : 'copies are'} left in the Log tab (Caseload never deletes rows) and counted once`,
  columnsAdded: (tab: string, headers: readonly string[]) =>
    `Added the ${headers.map((h) => `"${h}"`).join(' and ')} column${headers.length === 1 ? '' : 's'} to the ${tab} tab`,
} as const;

/** The message for any failure a transport or the layout check raised, for callers outside the outbox loop
 * (pulling the caseload) that want the same words. */
export function reasonFor(e: unknown, who: AccessWho = {}): string {
  const failure = (e as { failure?: { kind?: string; status?: number; reason?: string; detail?: string; write?: boolean } } | undefined)
    ?.failure;
  if (e instanceof Error && e.name === 'LogLayoutError') return e.message;
  if (!failure) return STUCK.refused(e instanceof Error ? e.message : String(e));
  switch (failure.kind) {
    case 'offline':
    case 'network':
    case 'timeout':
      return STUCK.offline;
    case 'signed-out':
      return STUCK.signIn;
    default:
      if (failure.status === 401) return STUCK.signIn;
      {
        const access = accessReason(failure, who);
        if (access !== undefined) return access;
      }
      if (failure.status === 429 || (failure.status ?? 0) >= 500) return STUCK.busy;
      return STUCK.refused(e instanceof Error ? e.message : String(e));
  }
}
