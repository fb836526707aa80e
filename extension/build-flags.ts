// Switches fixed when the extension is built (wxt.config.ts `define`), so what a school installs carries no
// test-only controls.
//  - DEV_API: the demo and end-to-end builds (CASELOAD_DEV_API=1) let Options point sync at another Sheets API
//    root with a fixed access token (the local Sheets server). A normal build never shows those fields.
declare const __CASELOAD_DEV_API__: boolean | undefined;

export const DEV_API: boolean = typeof __CASELOAD_DEV_API__ !== 'undefined' && __CASELOAD_DEV_API__ === true;
