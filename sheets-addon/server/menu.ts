// The add-on menu. onOpen may run in AuthMode.NONE (before the user has authorised the add-on, or for a
// collaborator who has not installed it): then it may only build the menu, so this module touches nothing
// but SpreadsheetApp.getUi() — no sheet, no properties, no lock.
import { gas, type OpenEvent } from './gas';

/** Caption → the global handler it runs. Order is the order in the menu. */
export const MENU_ITEMS: readonly { caption: string; handler: string }[] = [
  { caption: 'Set up tracker', handler: 'setUpTracker' },
  { caption: 'Check tracker', handler: 'showCheckSidebar' },
  { caption: 'Progress dashboard', handler: 'buildDashboard' },
  { caption: 'Plan cover', handler: 'showCoverPlanner' },
  { caption: 'Provision statement', handler: 'showStatementDialog' },
  { caption: 'Import grid rota', handler: 'importGridRota' },
  { caption: 'Import pupil list', handler: 'importPupilList' },
  { caption: 'Invite LSAs', handler: 'showInviteDialog' },
  { caption: 'Help', handler: 'showHelp' },
];

export function onOpen(_e?: OpenEvent): void {
  const menu = gas().SpreadsheetApp.getUi().createAddonMenu();
  MENU_ITEMS.forEach((item, i) => {
    if (i === MENU_ITEMS.length - 1) menu.addSeparator();
    menu.addItem(item.caption, item.handler);
  });
  menu.addToUi();
}

/** Runs once when a user installs the add-on from inside a document (AuthMode.FULL): the menu must appear at once. */
export function onInstall(e?: OpenEvent): void {
  onOpen(e);
}
