// Which hosts the manifest names, and how. Read by wxt.config.ts at build time, so it must stay plain TS
// with no browser or WXT imports (the site adapters it reads are plain TS too).
//
// Nothing is granted at install: every MIS is an *optional* host permission the user (or IT) grants per site,
// plus `https://*/*` so "any other site" can be granted, one origin at a time, for the generic detector.
// Optional patterns are https:// only: pupil data never goes to a page served in clear text. A school whose MIS
// is on an http:// intranet host presets it in the managed build (CASELOAD_PRESET_HOSTS → host_permissions),
// where IT, not an LSA's click, takes that decision.

import { adapterHostPatterns } from './sites';

/** `*://x/*` or `http://x/*` → `https://x/*`: the only scheme an optional host pattern may have. */
export function httpsOnly(pattern: string): string {
  return pattern.replace(/^(\*|http):\/\//, 'https://');
}

/** Host patterns of the MIS products we have adapters for, https only. */
export const KNOWN_MIS_HOSTS: readonly string[] = [...new Set(adapterHostPatterns().map(httpsOnly))];

/** Any other https site, for the caseload-driven generic detector. Asked for one origin at a time, never wholesale. */
export const ANY_SITE = 'https://*/*';

export interface ManifestHosts {
  host_permissions?: string[];
  optional_host_permissions: string[];
}

export function manifestHostPermissions(presetHosts: readonly string[], knownHosts: readonly string[] = KNOWN_MIS_HOSTS): ManifestHosts {
  const optional = [...new Set([...knownHosts.map(httpsOnly), ANY_SITE])];
  if (presetHosts.length === 0) return { optional_host_permissions: optional };
  return { host_permissions: [...new Set(presetHosts)], optional_host_permissions: optional };
}
