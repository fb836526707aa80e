// The browser's side of sync, for the service worker and Options alike: chrome.storage areas, the school's
// managed configuration and chrome.identity.
import { browser } from 'wxt/browser';
import { OAUTH_AUTH_URL, TOKENINFO_URL } from '../build-flags';
import type { ConnectionEnv } from './connection';
import type { IdentityApi } from './identity';
import { storageArea, type KeyValueArea, type StorageAreaLike } from './kv';
import { readLocalSettings, resolveSettings, type ManagedConfig, type SyncSettings } from './settings';

export const localArea = (): KeyValueArea => storageArea(browser.storage.local as unknown as StorageAreaLike);

export async function managedConfig(): Promise<ManagedConfig> {
  try {
    return (await browser.storage.managed.get()) as ManagedConfig;
  } catch {
    return {}; // no policy on this machine
  }
}

/** The settings in force: what the user saved, with the school's managed configuration winning. */
export async function currentSettings(): Promise<SyncSettings> {
  return resolveSettings(await readLocalSettings(localArea()), await managedConfig());
}

export function browserConnectionEnv(): ConnectionEnv {
  return {
    identity: browser.identity as unknown as IdentityApi,
    clientId: (browser.runtime.getManifest() as { oauth2?: { client_id?: string } }).oauth2?.client_id ?? '',
    session: storageArea(browser.storage.session as unknown as StorageAreaLike),
    isOnline: () => navigator.onLine,
    built: { ...(OAUTH_AUTH_URL ? { authUrl: OAUTH_AUTH_URL } : {}), ...(TOKENINFO_URL ? { tokenInfoUrl: TOKENINFO_URL } : {}) },
  };
}
