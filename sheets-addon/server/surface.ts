// What each export of server/index.ts is for. Apps Script calls handlers by global name from three places: the
// menu (menu.ts MENU_ITEMS), simple triggers and install, and the sidebars (google.script.run). The sidebar's
// typed RPC (sidebar/rpc.ts) is derived from server/index.ts through SIDEBAR_CALLS, and tests/conventions.test.ts
// checks every export is listed here exactly once, so a new handler cannot be left unreachable or untyped.

/** Triggers Apps Script runs by name (simple triggers and install). */
export const TRIGGERS = ['onOpen', 'onInstall', 'onEdit'] as const;

/** Server functions the sidebars call through google.script.run. */
export const SIDEBAR_CALLS = [
  'checkTracker',
  'selectCell',
  'planCoverFor',
  'applyCover',
  'coverStartDate',
  'openCoverPlannerFromCheck',
  'statementChoices',
  'statementFor',
] as const;

export type SidebarCall = (typeof SIDEBAR_CALLS)[number];
