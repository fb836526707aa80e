// The one entry point every front end uses to check a tracker: parse the tabs, run every check, one ordering.
// The CLI, the add-on's sidebar and the extension all report exactly what this returns.
import { runChecks, sortFindings } from './checks';
import { effectiveLogs } from './corrections';
import { summarise, type Finding, type FindingSummary, type Grid, type IsoDate, type LogEntry, type TabKey, type Tracker } from './model';
import { parseTracker, type ParseOptions } from './schema/parse';

export interface WorkbookCheck {
  tracker: Tracker;
  /** The Log as it now stands (effectiveLogs of tracker.logs), as the checks counted it: worked out once here so
   * a caller that goes on to count evidence (the import's summary) does not apply the corrections again. */
  logs: LogEntry[];
  findings: Finding[];
  summary: FindingSummary;
  /** Tabs recognised in the workbook; none means it is not a tracker at all. */
  tabs: TabKey[];
}

export function checkWorkbook(grids: Record<string, Grid>, today: IsoDate, opts: ParseOptions = {}): WorkbookCheck {
  const parsed = parseTracker(grids, opts);
  const logs = effectiveLogs(parsed.tracker.logs);
  const findings = sortFindings([...parsed.findings, ...runChecks(parsed.tracker, today, logs)], parsed.tracker);
  return { tracker: parsed.tracker, logs, findings, summary: summarise(findings), tabs: parsed.tabs };
}
