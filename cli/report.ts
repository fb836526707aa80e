// Findings for a person at a terminal, grouped by severity, and for a program as JSON.
import { formatUkDate, weekdayOf } from '../shared/index';
import { summarise, type Finding, type FindingSummary, type IsoDate, type Severity } from '../shared/index';

const HEADINGS: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Information' };
const ORDER: readonly Severity[] = ['error', 'warning', 'info'];

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function summaryLine(s: FindingSummary): string {
  return `${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${s.info} for information.`;
}

/** Control characters from a spreadsheet must not drive the terminal (escape sequences, carriage returns). */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this strips from terminal output.
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\uFFFD').replace(/\n/g, ' ');
}

export function formatFindings(label: string, today: IsoDate, findings: readonly Finding[]): string {
  const lines = [`Checked ${label} as of ${weekdayOf(today)} ${formatUkDate(today)}.`];
  const width = Math.min(24, Math.max(0, ...findings.map((f) => f.cell.length)));
  for (const severity of ORDER) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push('', `${HEADINGS[severity]} (${group.length})`);
    for (const f of group) lines.push(`  ${printable(f.cell).padEnd(width)}  ${f.code}  ${printable(f.message)}`);
  }
  if (findings.length === 0) lines.push('', 'No problems found.');
  lines.push('', summaryLine(summarise(findings)));
  return lines.join('\n');
}

/** The `--json` shape: exactly these keys, optional ids only when present. */
export function findingsJson(findings: readonly Finding[]): string {
  const out = findings.map((f) => {
    const o: Record<string, string> = { severity: f.severity, code: f.code, message: f.message, tab: f.tab, cell: f.cell };
    if (f.pupilId !== undefined) o.pupilId = f.pupilId;
    if (f.staffId !== undefined) o.staffId = f.staffId;
    return o;
  });
  return JSON.stringify({ findings: out, summary: summarise(findings) });
}
