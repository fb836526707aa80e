// Reading a tracker for a command, with the one message every command gives when the input cannot be used.
import { TAB_SPECS } from '../../shared/index';
import type { ParseResult } from '../../shared/index';
import type { Workbook } from '../../shared/index';
import type { Io } from '../io';
import type { ReadRequest, TrackerSource } from '../tracker-source';
import { parseWorkbook } from '../tracker';

export async function readSource(source: TrackerSource, io: Io, request: ReadRequest = {}): Promise<Workbook | undefined> {
  try {
    return await source.read(request);
  } catch (e) {
    io.err(`caseload: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

/** The parsed tracker, or undefined (after saying why on stderr) when the source is unreadable or has no tab
 * we recognise: checking a spreadsheet that is not a tracker would only produce noise. */
export async function loadTracker(
  source: TrackerSource,
  io: Io,
  request: ReadRequest = {},
): Promise<(ParseResult & { workbook: Workbook }) | undefined> {
  const workbook = await readSource(source, io, request);
  if (!workbook) return undefined;
  const parsed = parseWorkbook(workbook);
  if (parsed.tabs.length === 0) {
    sayNotATracker(source, workbook, io);
    return undefined;
  }
  return { ...parsed, workbook };
}

/** The one message for a spreadsheet with none of our tabs. */
export function sayNotATracker(source: TrackerSource, workbook: Workbook, io: Io): void {
  const found = workbook.sheets.map((s) => `"${s.name}"`).join(', ') || 'none';
  io.err(
    `caseload: ${source.label} has no tab Caseload recognises (tabs found: ${found}; expected some of ${TAB_SPECS.map((t) => t.name).join(', ')}). ` +
      `Run "caseload init ${source.label}" to add them.`,
  );
}
