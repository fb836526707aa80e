// The one entry point every front end uses to check a tracker: parse the tabs, run every check, one ordering.
// The CLI, the add-on's sidebar and the extension all report exactly what this returns.
import { runChecks, sortFindings } from './checks';
import { summarise, type Finding, type FindingSummary, type Grid, type IsoDate, type TabKey, type Tracker } from './model';
import { parseTracker, type ParseOptions } from './schema/parse';

export interface WorkbookCheck {
  tracker: Tracker;
  findings: Finding[];
  summary: FindingSummary;
  /** Tabs recognised in the workbook; none means it is not a tracker at all. */
  tabs: TabKey[];
}

export function checkWorkbook(grids: Record<string, Grid>, today: IsoDate, opts: ParseOptions = {}): WorkbookCheck {
  const parsed = parseTracker(grids, opts);
  const findings = sortFindings([...parsed.findings, ...runChecks(parsed.tracker, today)], parsed.tracker);
  return { tracker: parsed.tracker, findings, summary: summarise(findings), tabs: parsed.tabs };
}
