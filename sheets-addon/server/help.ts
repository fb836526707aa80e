// "Help": a short dialog in plain words. Static text, so nothing here can carry anyone's data.
import { gas } from './gas';

const HELP_HTML = `<!doctype html><html><head><meta charset="utf-8"><style>
body{font:13px/1.45 Arial,sans-serif;margin:10px;color:#202124}h2{font-size:15px;margin:0 0 8px}dt{font-weight:bold;margin-top:8px}dd{margin:2px 0 0 0}
</style></head><body>
<h2>Caseload for Google Sheets</h2>
<dl>
<dt>Set up tracker</dt><dd>Adds any missing tabs and columns, drop-down lists, date checks and colours. It never changes what you have typed, and running it again changes nothing.</dd>
<dt>Check tracker</dt><dd>Opens a panel listing problems (errors, warnings, notes). Click one to jump to its cell; fix it, then press Re-check.</dd>
<dt>Progress dashboard</dt><dd>Rebuilds the Dashboard tab: evidence per pupil and target, trends, intervention minutes and a paragraph you can paste into an annual review. Don't type on that tab: it is rebuilt each time.</dd>
<dt>Plan cover</dt><dd>Pick a date to see who could cover absent colleagues, and why; write the chosen cover into the Absence tab.</dd>
<dt>Import grid rota</dt><dd>Open the tab with your usual rota grid (staff down the side, periods with times across the top), then choose this. New rows are added to the Rota tab; any cell that could not be read is listed with its cell reference.</dd>
<dt>Import pupil list</dt><dd>Bring your MIS pupil list into this spreadsheet as a new tab (File › Import › Insert new sheet), open that tab, then choose this. New pupils are added; pupils already here (matched by Pupil ID, UPN or admission number) get their names, class and year group updated; pupils not in the list are listed, never removed. Targets, logs and notes are never changed. If a row cannot be used, nothing is imported and the row is named.</dd>
<dt>Invite LSAs</dt><dd>Lists staff with an email in the Staff tab, says who cannot yet edit this Sheet, and gives the link each LSA pastes into Caseload's Options (or the settings IT can push to every browser).</dd>
</dl>
<p>Dates are dd/mm/yyyy and times 24-hour (08:50). Safeguarding concerns belong in your safeguarding system, not here.</p>
</body></html>`;

export function showHelp(): void {
  const { HtmlService, SpreadsheetApp } = gas();
  SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput(HELP_HTML).setWidth(460).setHeight(420), 'Caseload help');
}
