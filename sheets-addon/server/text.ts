// Text that leaves the add-on: cells written with setValues (which parses `=…` as a formula, like typing) and
// HTML built on the server for dialogs. Names, targets and notes come from people; none of it may run.
import type { CellValue } from '../../shared/index';

/** A leading apostrophe makes Sheets store the rest as text, so `=HYPERLINK(…)` in a pupil's name stays words. */
export function safeCell(v: CellValue): CellValue {
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(v)) return `'${v}`;
  return v === undefined ? null : v;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}
