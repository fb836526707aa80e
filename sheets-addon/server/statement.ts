// "Provision statement": a modal dialog where the SENCo chooses a pupil and a date range and sees the core's
// review-meeting statement (funded / rostered / delivered by week, missed sessions with reasons, progress against
// each target), with a Print button. The statement itself is the core's buildStatement + renderStatementHtml, the
// same HTML `caseload statement` writes, so the add-on and the CLI can never disagree.
import { addDays, buildStatement, formatUkDate, isIsoDate, pupilName, renderStatementHtml, weekStart } from '../../shared/index';
import type { StatementChoices, StatementView } from './api';
import { todayIn } from './checks';
import { gas } from './gas';
import { parseSnapshot, readTracker } from './read';

/** The dialog's pupil list (EHCP pupils first, then by name) and a default range: the last six school weeks. */
export function statementChoices(): StatementChoices {
  const ss = gas().SpreadsheetApp.getActiveSpreadsheet();
  const { tracker } = parseSnapshot(readTracker(ss));
  const today = todayIn(ss);
  const pupils = tracker.pupils
    .filter((p) => p.id)
    .map((p) => ({ id: p.id, name: pupilName(p) || p.id, ehcp: p.senStatus === 'E' }))
    .sort((a, b) => Number(b.ehcp) - Number(a.ehcp) || a.name.localeCompare(b.name, 'en-GB'));
  return { pupils, from: addDays(weekStart(today), -35), to: today, today };
}

/** The statement for one pupil and range, as a whole HTML document; or what is wrong, in words. */
export function statementFor(pupilId: string, from: string, to: string): StatementView {
  if (typeof pupilId !== 'string' || pupilId === '') return { error: 'Choose a pupil.' };
  if (typeof from !== 'string' || !isIsoDate(from) || typeof to !== 'string' || !isIsoDate(to)) return { error: 'Choose both dates.' };
  if (to < from) return { error: `The end date (${formatUkDate(to)}) is before the start date (${formatUkDate(from)}).` };
  const ss = gas().SpreadsheetApp.getActiveSpreadsheet();
  const { tracker } = parseSnapshot(readTracker(ss));
  try {
    const statement = buildStatement(tracker, { pupilId, from, to, today: todayIn(ss) });
    return { html: renderStatementHtml(statement), title: `${statement.pupilName}, ${formatUkDate(from)} to ${formatUkDate(to)}` };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** Menu item: the dialog, A4-wide enough to read the statement as it will print. */
export function showStatementDialog(): void {
  const { HtmlService, SpreadsheetApp } = gas();
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutputFromFile('Statement').setWidth(900).setHeight(720),
    'Provision statement',
  );
}
