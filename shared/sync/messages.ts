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
} as const;

/** Things worth knowing that did not stop sync. */
export const NOTES = {
  unchecked: (n: number) =>
    `${n === 1 ? '1 log is' : `${n} logs are`} in the sheet, but Caseload could not check just now that Google did not write ${n === 1 ? 'it' : 'them'} twice; it will check again at the next sync`,
  removed: (n: number) =>
    `Google had written ${n === 1 ? 'a log' : `${n} logs`} twice; the extra ${n === 1 ? 'copy was' : 'copies were'} removed from the Log tab`,
} as const;

/** The message for any failure a transport or the layout check raised, for callers outside the outbox loop
 * (pulling the caseload) that want the same words. */
export function reasonFor(e: unknown): string {
  const failure = (e as { failure?: { kind?: string; status?: number; reason?: string } } | undefined)?.failure;
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
      if (failure.status === 403 && failure.reason !== 'RESOURCE_EXHAUSTED') return STUCK.readOnly;
      if (failure.status === 404) return STUCK.notFound;
      if (failure.status === 429 || (failure.status ?? 0) >= 500) return STUCK.busy;
      return STUCK.refused(e instanceof Error ? e.message : String(e));
  }
}
