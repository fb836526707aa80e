// Taught sites: for an origin, the CSS selector of the element that holds the pupil's name.
import type { IDBPDatabase } from 'idb';
import type { CaseloadDb, SiteRule } from './db';

export async function siteRuleFor(db: IDBPDatabase<CaseloadDb>, origin: string): Promise<SiteRule | undefined> {
  return db.get('siteRules', origin);
}

export async function saveSiteRule(db: IDBPDatabase<CaseloadDb>, origin: string, selector: string, at = Date.now()): Promise<void> {
  await db.put('siteRules', { origin, selector, savedAt: at });
}

export async function forgetSiteRule(db: IDBPDatabase<CaseloadDb>, origin: string): Promise<void> {
  await db.delete('siteRules', origin);
}

export async function allSiteRules(db: IDBPDatabase<CaseloadDb>): Promise<SiteRule[]> {
  return db.getAll('siteRules');
}
