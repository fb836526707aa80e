// Switches fixed when the extension is built (wxt.config.ts `define`), so what a school installs carries no
// test-only controls.
//  - DEV_API: the demo and end-to-end builds (CASELOAD_DEV_API=1) let Options point sync at another Sheets API
//    root with a fixed access token (the local Sheets server). A normal build never shows those fields.
declare const __CASELOAD_DEV_API__: boolean | undefined;

export const DEV_API: boolean = typeof __CASELOAD_DEV_API__ !== 'undefined' && __CASELOAD_DEV_API__ === true;

//  - OAUTH_AUTH_URL / TOKENINFO_URL: Google's OAuth authorisation and tokeninfo endpoints, unless the build sets
//    CASELOAD_OAUTH_AUTH_URL / CASELOAD_TOKENINFO_URL (a test build pointing them at the local server).
declare const __CASELOAD_OAUTH_AUTH_URL__: string | undefined;
declare const __CASELOAD_TOKENINFO_URL__: string | undefined;

export const OAUTH_AUTH_URL: string | undefined =
  typeof __CASELOAD_OAUTH_AUTH_URL__ === 'string' && __CASELOAD_OAUTH_AUTH_URL__ ? __CASELOAD_OAUTH_AUTH_URL__ : undefined;
export const TOKENINFO_URL: string | undefined =
  typeof __CASELOAD_TOKENINFO_URL__ === 'string' && __CASELOAD_TOKENINFO_URL__ ? __CASELOAD_TOKENINFO_URL__ : undefined;

//  - TEST_OPEN_SHADOW: only the end-to-end build that the existing real-Chromium tests load (CASELOAD_TEST_OPEN_SHADOW=1)
//    and the unit tests (vitest.config.ts) attach our shadow roots `open`, so their selectors can reach the badges
//    and the panel. Every other build, the demo and what schools install included, attaches them `closed`: a
//    script on the MIS page then gets `null` from `host.shadowRoot` and cannot read a pupil's targets or status
//    out of our UI (tests/e2e/hostile-page.e2e.test.ts loads a build without the flag and tries).
declare const __CASELOAD_TEST_OPEN_SHADOW__: boolean | undefined;

export const SHADOW_MODE: ShadowRootMode =
  typeof __CASELOAD_TEST_OPEN_SHADOW__ !== 'undefined' && __CASELOAD_TEST_OPEN_SHADOW__ === true ? 'open' : 'closed';
