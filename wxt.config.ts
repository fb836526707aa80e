import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { manifestHostPermissions } from './extension/manifest-hosts';

// The extension's source lives in extension/ (the product card fixes the layout).
// Auto-imports are off: every module says where its names come from.
//
// Build-time switches (environment variables):
//  - CASELOAD_PRESET_HOSTS: comma-separated match patterns put in `host_permissions` — the school's managed
//    build, where IT decides the MIS sites up front, so no permission prompt is ever shown. The demo and the
//    end-to-end tests use it for the demo hostnames.
//  - CASELOAD_OUT_DIR: where the build goes (default .output); the e2e tests build into their own folder.
//  - CASELOAD_OAUTH_CLIENT_ID: the Google OAuth client id for chrome.identity (a placeholder when unset).
//  - CASELOAD_DEV_API=1: the demo and e2e builds; Options then offers an API root and a test token, so sync can
//    reach the local Sheets server (extension/build-flags.ts). Never set for what schools install.
//  - CASELOAD_TEST_OPEN_SHADOW=1: only the e2e build the existing real-Chromium tests load: our shadow roots are
//    attached `open` so Playwright's selectors can pierce them. Every other build (demo, schools) uses `closed`,
//    so the MIS page's scripts cannot read pupil data out of the overlay (extension/build-flags.ts).
const presetHosts = (process.env.CASELOAD_PRESET_HOSTS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

export default defineConfig({
  srcDir: 'extension',
  outDir: process.env.CASELOAD_OUT_DIR || '.output',
  publicDir: 'extension/public',
  imports: false,
  modules: [],
  vite: () => ({
    // Preact's JSX transform only: no HMR bridge or devtools hook in what ships.
    // The preset is typed against the project's Vite 8 while WXT bundles with its own Vite 7: the plugin API
    // they share is the same, only the type declarations differ.
    plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false, reactAliasesEnabled: false }) as never],
    build: { sourcemap: false },
    define: {
      __CASELOAD_DEV_API__: JSON.stringify(process.env.CASELOAD_DEV_API === '1'),
      __CASELOAD_TEST_OPEN_SHADOW__: JSON.stringify(process.env.CASELOAD_TEST_OPEN_SHADOW === '1'),
      __CASELOAD_OAUTH_AUTH_URL__: JSON.stringify(process.env.CASELOAD_OAUTH_AUTH_URL ?? ''),
      __CASELOAD_TOKENINFO_URL__: JSON.stringify(process.env.CASELOAD_TOKENINFO_URL ?? ''),
    },
  }),
  manifest: {
    name: 'Caseload',
    description: 'EHCP target prompts and one-tap progress logging on your school MIS pages.',
    // Minimal: no host access by default. Sites are granted one by one (optional_host_permissions) or preset.
    permissions: ['storage', 'scripting', 'alarms', 'identity'],
    ...manifestHostPermissions(presetHosts),
    // The Sheets API, for the sync engine's fetch (extension/sync), and Google's tokeninfo endpoint, which names the
    // signed-in account (extension/sync/account.ts). A demo's local API server answers with CORS.
    host_permissions: [
      ...(manifestHostPermissions(presetHosts).host_permissions ?? []),
      'https://sheets.googleapis.com/*',
      'https://oauth2.googleapis.com/*',
    ],
    // chrome.identity.getAuthToken needs the school's OAuth client id: set CASELOAD_OAUTH_CLIENT_ID at build time.
    oauth2: {
      client_id: process.env.CASELOAD_OAUTH_CLIENT_ID || 'CASELOAD_OAUTH_CLIENT_ID-not-set.apps.googleusercontent.com',
      // The spreadsheets scope reaches a Sheet the SENCo shared with the LSA; the client only ever opens the one
      // configured Sheet ID (extension/README.md, "Google access"). The email scope names the account.
      scopes: ['https://www.googleapis.com/auth/spreadsheets', 'https://www.googleapis.com/auth/userinfo.email'],
    },
    // IT can preset the tracker Sheet and the MIS sites through the Google Admin console (chrome.storage.managed).
    storage: { managed_schema: 'managed-schema.json' },
  },
});
