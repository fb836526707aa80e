// Which hosts the manifest names, and how. Read by wxt.config.ts at build time, so it must stay plain TS
// with no browser or WXT imports (the site adapters it reads are plain TS too).
//
// Nothing is granted at install: every MIS is an *optional* host permission the user (or IT) grants per site,
// plus `*://*/*` so "any other site" can be granted for the generic detector. A managed build may preset hosts.

import { adapterHostPatterns } from './sites';

/** Host patterns of the MIS products we have adapters for. */
export const KNOWN_MIS_HOSTS: readonly string[] = adapterHostPatterns();

/** Any other site, for the caseload-driven generic detector. Asked for one origin at a time, never wholesale. */
export const ANY_SITE = '*://*/*';

export interface ManifestHosts {
  host_permissions?: string[];
  optional_host_permissions: string[];
}

export function manifestHostPermissions(presetHosts: readonly string[], knownHosts: readonly string[] = KNOWN_MIS_HOSTS): ManifestHosts {
  const optional = [...new Set([...knownHosts, ANY_SITE])];
  if (presetHosts.length === 0) return { optional_host_permissions: optional };
  return { host_permissions: [...new Set(presetHosts)], optional_host_permissions: optional };
}
