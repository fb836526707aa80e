import { describe, expect, it } from 'vitest';
import {
  contentMatches,
  OVERLAY_EARLY_SCRIPT_FILE,
  OVERLAY_EARLY_SCRIPT_ID,
  OVERLAY_SCRIPT_FILE,
  OVERLAY_SCRIPT_ID,
  serialised,
  syncOverlayRegistration,
  type RegisteredScript,
  type RegistrationPort,
} from '../../extension/background/registration';
import { manifestHostPermissions } from '../../extension/manifest-hosts';

/** An in-memory chrome.scripting + chrome.permissions that rejects duplicate registrations like Chrome does. */
class FakeChrome implements RegistrationPort {
  origins: string[] = [];
  scripts = new Map<string, RegisteredScript>();
  calls: string[] = [];
  async grantedOrigins() {
    return [...this.origins];
  }
  async registered(ids: string[]) {
    return ids.flatMap((id) => (this.scripts.has(id) ? [this.scripts.get(id)!] : []));
  }
  async register(s: RegisteredScript) {
    await new Promise((r) => setTimeout(r, 1));
    if (this.scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
    this.calls.push('register');
    this.scripts.set(s.id, s);
  }
  async update(s: RegisteredScript) {
    this.calls.push('update');
    this.scripts.set(s.id, s);
  }
  async unregister(ids: string[]) {
    this.calls.push('unregister');
    for (const id of ids) this.scripts.delete(id);
  }
}

describe('content script registration follows granted origins', () => {
  it('registers nothing when no site is granted', async () => {
    const chrome = new FakeChrome();
    expect(await syncOverlayRegistration(chrome)).toEqual([]);
    expect(chrome.scripts.size).toBe(0);
  });

  it('registers the overlay for granted sites, preset (manifest) or user-granted alike', async () => {
    const chrome = new FakeChrome();
    // permissions.getAll() reports manifest host_permissions and optional grants the same way.
    chrome.origins = ['http://demo.uk.arbor.sc/*', 'https://*.bromcom.com/*', 'chrome://favicon/*'];
    await syncOverlayRegistration(chrome);
    const s = chrome.scripts.get(OVERLAY_SCRIPT_ID)!;
    expect(s.js).toEqual([OVERLAY_SCRIPT_FILE]);
    expect(s.matches).toEqual(['http://demo.uk.arbor.sc/*', 'https://*.bromcom.com/*']);
    expect(s.persistAcrossSessions).toBe(true);
    // Two halves: the badging while the page parses, the panel once it is parsed (see registration.ts).
    expect(s.runAt).toBe('document_end');
    const early = chrome.scripts.get(OVERLAY_EARLY_SCRIPT_ID)!;
    expect(early).toMatchObject({ js: [OVERLAY_EARLY_SCRIPT_FILE], matches: s.matches, runAt: 'document_start', allFrames: false });
  });

  it('updates on a new grant, leaves an unchanged registration alone, and unregisters when the last site goes', async () => {
    const chrome = new FakeChrome();
    chrome.origins = ['https://a.example/*'];
    await syncOverlayRegistration(chrome);
    await syncOverlayRegistration(chrome);
    expect(chrome.calls).toEqual(['register', 'register']);
    chrome.origins.push('https://b.example/*');
    await syncOverlayRegistration(chrome);
    expect(chrome.calls).toEqual(['register', 'register', 'update', 'update']);
    expect(chrome.scripts.get(OVERLAY_SCRIPT_ID)?.matches).toEqual(['https://a.example/*', 'https://b.example/*']);
    expect(chrome.scripts.get(OVERLAY_EARLY_SCRIPT_ID)?.matches).toEqual(['https://a.example/*', 'https://b.example/*']);
    chrome.origins = [];
    await syncOverlayRegistration(chrome);
    expect(chrome.scripts.size).toBe(0);
  });

  it('after an update, a registration naming the old script file or time is pointed at the new ones (registrations persist)', async () => {
    const chrome = new FakeChrome();
    chrome.origins = ['https://a.example/*'];
    // What an earlier version left registered: the same sites, the file where WXT wrote content scripts.
    chrome.scripts.set(OVERLAY_SCRIPT_ID, {
      id: OVERLAY_SCRIPT_ID,
      js: ['content-scripts/overlay.js'],
      matches: ['https://a.example/*'],
      runAt: 'document_start',
      allFrames: false,
      persistAcrossSessions: true,
    });
    await syncOverlayRegistration(chrome);
    // The early half added beside it, the old one re-pointed (file and time).
    expect(chrome.calls).toEqual(['register', 'update']);
    expect(chrome.scripts.get(OVERLAY_SCRIPT_ID)).toMatchObject({ js: [OVERLAY_SCRIPT_FILE], runAt: 'document_end' });
    // The previous version's registration: the right file, the old time. Only the time differs, and it moves.
    chrome.calls = [];
    chrome.scripts.set(OVERLAY_SCRIPT_ID, { ...chrome.scripts.get(OVERLAY_SCRIPT_ID)!, runAt: 'document_start' });
    await syncOverlayRegistration(chrome);
    expect(chrome.calls).toEqual(['update']);
    expect(chrome.scripts.get(OVERLAY_SCRIPT_ID)?.runAt).toBe('document_end');
  });

  it('serialises concurrent runs so install + startup + onAdded never double-register', async () => {
    const chrome = new FakeChrome();
    chrome.origins = ['https://a.example/*'];
    const run = serialised(() => syncOverlayRegistration(chrome));
    await Promise.all([run(), run(), run()]);
    expect(chrome.calls).toEqual(['register', 'register']);
    // Unserialised, the same burst hits Chrome's duplicate-id error.
    const raw = new FakeChrome();
    raw.origins = ['https://a.example/*'];
    await expect(Promise.all([syncOverlayRegistration(raw), syncOverlayRegistration(raw)])).rejects.toThrow(/Duplicate/);
  });

  it('keeps only web match patterns, once each', () => {
    expect(contentMatches(['https://x/*', 'https://x/*', 'file:///*', '*://*/*'])).toEqual(['*://*/*', 'https://x/*']);
  });

  it("never runs the overlay on the extension's own API hosts (host permission there is for sync)", () => {
    expect(contentMatches(['https://sheets.googleapis.com/*', 'https://mis.example/*'])).toEqual(['https://mis.example/*']);
  });
});

describe('manifest host permissions', () => {
  it('grants nothing by default and offers known MIS hosts plus any https site as optional, https:// only', () => {
    const m = manifestHostPermissions([]);
    expect(m.host_permissions).toBeUndefined();
    expect(m.optional_host_permissions).toContain('https://*.arbor.sc/*');
    expect(m.optional_host_permissions).toContain('https://*/*');
    expect(m.optional_host_permissions).not.toContain('*://*/*');
    expect(m.optional_host_permissions.every((p) => p.startsWith('https://'))).toBe(true);
    expect(manifestHostPermissions([], ['http://intranet.school/*', '*://*.sims.co.uk/*']).optional_host_permissions).toEqual([
      'https://intranet.school/*',
      'https://*.sims.co.uk/*',
      'https://*/*',
    ]);
  });

  it('puts preset hosts (a managed build) in host_permissions', () => {
    expect(manifestHostPermissions(['http://demo.uk.arbor.sc/*']).host_permissions).toEqual(['http://demo.uk.arbor.sc/*']);
  });
});
