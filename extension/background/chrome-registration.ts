// RegistrationPort over the real chrome.permissions and chrome.scripting APIs.
import { browser } from 'wxt/browser';
import type { RegistrationPort } from './registration';

export const chromeRegistration: RegistrationPort = {
  async grantedOrigins() {
    return (await browser.permissions.getAll()).origins ?? [];
  },
  async registered(ids) {
    return browser.scripting.getRegisteredContentScripts({ ids });
  },
  async register(script) {
    await browser.scripting.registerContentScripts([script]);
  },
  async update(script) {
    await browser.scripting.updateContentScripts([script]);
  },
  async unregister(ids) {
    await browser.scripting.unregisterContentScripts({ ids });
  },
};
