// User Timing marks on the page's performance timeline: seen in DevTools' Performance panel, and read by the e2e
// tests and the bench to say where time goes. Never sent anywhere.

/** Mark `name` now; a browser without User Timing (or a page that broke it) simply gets no mark. */
export function mark(name: string): void {
  try {
    performance.mark(name);
  } catch {
    // A measurement aid only.
  }
}
