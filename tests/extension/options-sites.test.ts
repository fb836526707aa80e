// Options' "Allowed now" list: MIS sites only, in words; the Google hosts the extension keeps for sync are never
// listed (so never offered for removal), and hosts a school's managed build presets cannot be removed here.
import { describe, expect, it } from 'vitest';
import { allowedSites } from '../../extension/entrypoints/options/sites';

// What chrome.permissions.getAll().origins reports for a school's managed build with Arbor preset, after the LSA
// allowed one more site: the manifest's fixed hosts and the user's grant together.
const MANIFEST = ['https://*.arbor.sc/*', 'https://sheets.googleapis.com/*', 'https://oauth2.googleapis.com/*'];
const GRANTED = [...MANIFEST, 'https://mis.kestrel-lane.sch.uk/*', 'chrome://favicon/*'];

describe('Options: allowed MIS sites', () => {
  it('lists only MIS sites, named, with Remove only where the LSA granted it', () => {
    expect(allowedSites(GRANTED, MANIFEST)).toEqual([
      { pattern: 'https://*.arbor.sc/*', label: 'Arbor (*.arbor.sc)', removable: false },
      { pattern: 'https://mis.kestrel-lane.sch.uk/*', label: 'mis.kestrel-lane.sch.uk', removable: true },
    ]);
  });

  it('never lists the Google Sheets API or sign-in hosts, even when held as optional grants', () => {
    const sites = allowedSites(['https://sheets.googleapis.com/*', 'https://www.googleapis.com/*', 'https://accounts.google.com/*'], []);
    expect(sites).toEqual([]);
  });

  it('names a known MIS granted by the LSA and lets them remove it', () => {
    const [site] = allowedSites(['https://*.bromcom.com/*'], MANIFEST);
    expect(site?.removable).toBe(true);
    expect(site?.label).toMatch(/^Bromcom/);
  });

  it('names a school’s own host of a known product (a preset http:// intranet address) by the product', () => {
    expect(allowedSites(['http://demo.uk.arbor.sc/*'], ['http://demo.uk.arbor.sc/*'])).toEqual([
      { pattern: 'http://demo.uk.arbor.sc/*', label: 'Arbor (demo.uk.arbor.sc)', removable: false },
    ]);
  });
});
