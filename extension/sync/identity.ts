// Access tokens for the Sheets API behind the TokenProvider port.
//  - Chrome: chrome.identity.getAuthToken (manifest oauth2.client_id), which caches and refreshes for us.
//  - Elsewhere (or when getAuthToken is missing): launchWebAuthFlow with Google's token flow, the token kept in
//    session storage until shortly before it expires.
//  - The demo and tests: a fixed token for a local API root (never sent to Google).
import type { TokenProvider } from '../../shared/index';
import { KEYS, type KeyValueArea } from './kv';

/** The parts of chrome.identity we use, so the provider can be exercised without a browser. */
export interface IdentityApi {
  getAuthToken?(details: { interactive: boolean; scopes?: string[] }): Promise<{ token?: string } | string | undefined>;
  removeCachedAuthToken?(details: { token: string }): Promise<void>;
  launchWebAuthFlow(details: { url: string; interactive: boolean }): Promise<string | undefined>;
  getRedirectURL(path?: string): string;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Refresh a web-flow token this long before Google says it expires. */
const EARLY_MS = 60_000;

export class ChromeIdentityTokens implements TokenProvider {
  constructor(
    private readonly identity: IdentityApi,
    private readonly o: { scopeUrl: string; clientId: string; session: KeyValueArea; now?: () => number },
  ) {}

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  async getToken({ interactive }: { interactive: boolean }): Promise<string> {
    if (this.identity.getAuthToken) {
      try {
        const r = await this.identity.getAuthToken({ interactive, scopes: [this.o.scopeUrl] });
        const token = typeof r === 'string' ? r : r?.token;
        if (token) return token;
        throw new Error('Chrome gave no token');
      } catch (e) {
        // Not signed in and not allowed to ask: that is the answer. Asked and it failed: try the web flow.
        if (!interactive) throw e;
      }
    }
    return this.webFlowToken(interactive);
  }

  private async webFlowToken(interactive: boolean): Promise<string> {
    const cached = (await this.o.session.get(KEYS.webAuthToken)) as CachedToken | undefined;
    if (cached && cached.expiresAt - EARLY_MS > this.now()) return cached.token;
    const params = new URLSearchParams({
      client_id: this.o.clientId,
      response_type: 'token',
      redirect_uri: this.identity.getRedirectURL('oauth2'),
      scope: this.o.scopeUrl,
      include_granted_scopes: 'true',
    });
    const redirected = await this.identity.launchWebAuthFlow({
      url: `https://accounts.google.com/o/oauth2/v2/auth?${params}`,
      interactive,
    });
    if (!redirected) throw new Error('Google sign-in was closed');
    const fragment = new URLSearchParams(new URL(redirected).hash.slice(1));
    const token = fragment.get('access_token');
    if (!token) throw new Error(fragment.get('error') ?? 'Google sign-in gave no token');
    const expiresIn = Number(fragment.get('expires_in') ?? '3600');
    await this.o.session.set(KEYS.webAuthToken, { token, expiresAt: this.now() + expiresIn * 1000 } satisfies CachedToken);
    return token;
  }

  async invalidate(token: string): Promise<void> {
    await this.identity.removeCachedAuthToken?.({ token }).catch(() => undefined);
    const cached = (await this.o.session.get(KEYS.webAuthToken)) as CachedToken | undefined;
    if (cached?.token === token) await this.o.session.remove(KEYS.webAuthToken);
  }
}

/** A fixed token, for a local API root (demo, tests). Invalidating it leaves nothing to hand out. */
export class FixedToken implements TokenProvider {
  private revoked = false;
  constructor(private readonly token: string) {}
  async getToken(): Promise<string> {
    if (this.revoked) throw new Error('The demo token was refused');
    return this.token;
  }
  async invalidate(token: string): Promise<void> {
    if (token === this.token) this.revoked = true;
  }
}
