// Waiting for a rendered page (happy-dom) to reach a state: the extension's page tests poll rather than sleep.

/** Poll `fn` every 5 ms until it gives something truthy; after `tries`, fail with what the page says. */
export async function until<T>(fn: () => T | undefined | null | false, tries = 400): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting; the page says: ${document.body.textContent}`);
}
