// MIS sites the overlay may run on: which are granted, and asking for more. `permissions.request` must run in
// the click handler itself (Chrome requires a user gesture), so callers invoke `requestSite` synchronously.
import { browser } from 'wxt/browser';
import { ADAPTERS } from '../../sites';
import { contentMatches } from '../../background/registration';
import { httpsOnly } from '../../manifest-hosts';

export interface KnownSite {
  name: string;
  patterns: string[];
}

export const KNOWN_SITES: KnownSite[] = ADAPTERS.filter((a) => a.hostPatterns.length > 0).map((a) => ({
  name: a.name,
  patterns: [...new Set(a.hostPatterns.map(httpsOnly))],
}));

/** `https://mis.example.sch.uk/anything` → `https://mis.example.sch.uk/*`; undefined for anything not an https
 * web address (an http:// MIS can only be preset by the school's IT in a managed build: extension/manifest-hosts.ts). */
export function originPattern(address: string): string | undefined {
  const text = address.trim();
  if (!text) return undefined;
  try {
    const u = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
    if (u.protocol !== 'https:') return undefined;
    if (!u.hostname.includes('.') && u.hostname !== 'localhost') return undefined;
    return `${u.protocol}//${u.hostname}/*`;
  } catch {
    return undefined;
  }
}

/** One line of Options' "Allowed now": a MIS site in words, and whether the LSA may remove it here. */
export interface AllowedSite {
  pattern: string;
  /** "Arbor (*.arbor.sc)" for a product we know, else the site's address without the scheme. */
  label: string;
  /** False for sites the school's managed build presets (host_permissions): only IT can take those away. */
  removable: boolean;
}

/** `https://*.arbor.sc/*` → `*.arbor.sc`: the part of a pattern a person recognises. */
function hostText(pattern: string): string {
  return pattern.replace(/^[^:]+:\/\//, '').replace(/\/\*?$/, '');
}

/** Is `host` (maybe itself `*.x`) inside `known` (`x`, or `*.x` for x and its subdomains)? */
function hostWithin(host: string, known: string): boolean {
  if (!known.startsWith('*.')) return host === known;
  const base = known.slice(2);
  const bare = host.startsWith('*.') ? host.slice(2) : host;
  return bare === base || bare.endsWith(`.${base}`);
}

/**
 * The MIS sites for Options' list: only web pages the overlay may run on. Hosts the extension holds for itself —
 * the Google Sheets API and Google sign-in, fixed in the manifest — are not MIS sites, are never offered for
 * removal, and are left out (registration.ts's API_HOSTS, the same list the content-script registration skips).
 */
export function allowedSites(granted: readonly string[], manifestHosts: readonly string[]): AllowedSite[] {
  const fixed = new Set(manifestHosts);
  return contentMatches(granted).map((pattern) => {
    const host = hostText(pattern);
    const known = KNOWN_SITES.find((k) => k.patterns.some((p) => hostWithin(host, hostText(p))));
    return { pattern, label: known ? `${known.name} (${host})` : host, removable: !fixed.has(pattern) };
  });
}

/** Host patterns fixed in the manifest (the API hosts, and a managed build's preset MIS hosts). */
export function manifestHostPatterns(): string[] {
  return [...(browser.runtime.getManifest().host_permissions ?? [])];
}

export async function grantedOrigins(): Promise<string[]> {
  return (await browser.permissions.getAll()).origins ?? [];
}

export function requestSite(patterns: string[]): Promise<boolean> {
  return browser.permissions.request({ origins: patterns });
}

export async function removeSite(pattern: string): Promise<boolean> {
  try {
    return await browser.permissions.remove({ origins: [pattern] });
  } catch {
    // Hosts in the manifest's host_permissions (a school's managed build) cannot be removed.
    return false;
  }
}
