// MIS sites the overlay may run on: which are granted, and asking for more. `permissions.request` must run in
// the click handler itself (Chrome requires a user gesture), so callers invoke `requestSite` synchronously.
import { browser } from 'wxt/browser';
import { ADAPTERS } from '../../sites';
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
