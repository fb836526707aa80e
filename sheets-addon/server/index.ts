// The only surface Apps Script sees. build.mjs bundles this file into dist/addon/Code.js and adds a top-level
// `function name(…)` for every export here, because Apps Script calls handlers (menu items, triggers and
// google.script.run) by global function name and has no modules.
export { onInstall, onOpen } from './menu';
export { onEdit } from './onedit';
export { setUpTracker } from './setup';
export { checkTracker, selectCell, showCheckSidebar } from './checks';
export { buildDashboard } from './dashboard';
export { applyCover, coverStartDate, openCoverPlannerFromCheck, planCoverFor, showCoverPlanner } from './cover';
export { importGridRotaMenu as importGridRota } from './gridimport';
export { importPupilListMenu as importPupilList } from './pupil-import';
export { showHelp } from './help';
export { showStatementDialog, statementChoices, statementFor } from './statement';
// inviteLsas_ ends in _ so Apps Script keeps it private (not callable through google.script.run); tests call it.
export { inviteLsas as inviteLsas_, showInviteDialog } from './invite';
