// Importing a caseload for local-only use (no Google account): the tracker .xlsx that `caseload init` makes
// (or any copy of the SENCo's Sheet downloaded as .xlsx), or a CSV of pupils or of targets.
//
//  - .xlsx: read by our small reader (./xlsx.ts), then the core's parseTracker — the same schema, header aliases
//    and findings as the CLI and the add-on. Replaces pupils, targets, staff and rota together, and the evidence
//    per target, summarised from the file's Log tab by the core's targetEvidence (as a pull summarises the Sheet's).
//  - .csv: the core's parseCaseloadCsv. A pupil list replaces only the pupils; a target list only the targets.
import { parseCaseloadCsv } from '../../shared/index';
import { trackerToday } from '../../shared/index';
import { targetEvidence } from '../../shared/index';
import type { Finding } from '../../shared/index';
import { parseTracker } from '../../shared/index';
import type { Caseload, CaseloadData } from '../store/caseload';
import { readXlsx } from './xlsx';

export interface ImportResult {
  data: CaseloadData;
  /** Plain-English problems found in the file; rows with errors are left out by the parsers. */
  problems: string[];
  /** e.g. "30 pupils, 64 targets, 12 staff, 140 rota blocks" */
  summary: string;
}

export class ImportError extends Error {}

function summarise(d: CaseloadData): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return [
    n(d.pupils.length, 'pupil', 'pupils'),
    n(d.targets.length, 'target', 'targets'),
    n(d.staff.length, 'member of staff', 'staff'),
    n(d.rota.length, 'rota block', 'rota blocks'),
  ].join(', ');
}

function describeFinding(f: Finding): string {
  return `${f.cell}: ${f.message}`;
}

/** `now` (ms) ends the evidence window of an imported tracker: its date in the tracker's timezone. */
export async function importCaseloadFile(fileName: string, bytes: Uint8Array, current: Caseload, now = Date.now()): Promise<ImportResult> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) {
    let grids: Awaited<ReturnType<typeof readXlsx>>;
    try {
      grids = await readXlsx(bytes);
    } catch (e) {
      throw new ImportError(e instanceof Error ? e.message : 'The spreadsheet could not be read.');
    }
    const { tracker, findings, tabs } = parseTracker(grids);
    if (!tabs.includes('pupils')) throw new ImportError('This workbook has no Pupils tab, so there is no caseload to import.');
    const { settings } = tracker;
    const evidence = targetEvidence(tracker.targets, tracker.logs, trackerToday(now, settings.timezone), settings.evidenceWindowDays);
    const data: CaseloadData = { pupils: tracker.pupils, targets: tracker.targets, staff: tracker.staff, rota: tracker.rota, settings, evidence };
    const problems = findings.filter((f) => f.severity === 'error').map(describeFinding);
    return { data, problems, summary: summarise(data) };
  }
  if (lower.endsWith('.csv')) {
    const text = new TextDecoder().decode(bytes);
    const parsed = parseCaseloadCsv(text);
    const problems = parsed.errors.map((e) => e.message);
    const data: CaseloadData = parsed.targets
      ? { pupils: current.pupils, targets: parsed.targets, staff: current.staff, rota: current.rota }
      : { pupils: parsed.pupils, targets: current.targets, staff: current.staff, rota: current.rota };
    if (!parsed.targets && parsed.pupils.length === 0) throw new ImportError(problems[0] ?? 'No pupils were found in this CSV.');
    return { data, problems, summary: summarise(data) };
  }
  throw new ImportError('Choose an .xlsx tracker or a .csv file.');
}
