// Access tokens for the Sheets API behind the TokenProvider port.
//  - Chrome signed in to a Google account: chrome.identity.getAuthToken (manifest oauth2.client_id), which
//    caches and refreshes for us.
//  - Elsewhere: launchWebAuthFlow with Google's implicit-grant token flow
//    (https://developers.google.com/identity/protocols/oauth2/javascript-implicit-flow), redirecting to
//    chrome.identity.getRedirectURL() (https://<extension-id>.chromiumapp.org/oauth2); the token is kept in
//    session storage until shortly before it expires. Chosen automatically, and remembered for the session, when
//    getAuthToken is missing or says it cannot work here: Chrome without a signed-in profile ("The user is not
//    signed in."), Edge and other Chromium browsers without Google's account service ("not supported").
//  - The demo and tests: a fixed token for a local API root (never sent to Google).
// The authorisation endpoint is Google's unless a test or build points it elsewhere (the local server's).
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

export const GOOGLE_AUTH_URL = 'https://accounts.google.com/o/oauth2/v2/auth';
/** The email scope: lets tokeninfo tell us the account (see account.ts). Non-sensitive. */
export const EMAIL_SCOPE = 'https://www.googleapis.com/auth/userinfo.email';

/** getAuthToken failures that mean it will never work in this browser profile: use the web flow instead. */
export function getAuthTokenUnavailable(e: unknown): boolean {
  const m = e instanceof Error ? e.message : String(e);
  return /not signed in|not supported|unsupported|not available|not implemented|no signed-in|sign-in is disabled/i.test(m);
}

export class ChromeIdentityTokens implements TokenProvider {
  constructor(
    private readonly identity: IdentityApi,
    private readonly o: {
      scopeUrl: string;
      clientId: string;
      session: KeyValueArea;
      now?: () => number;
      /** The OAuth authorisation endpoint; Google's by default. */
      authUrl?: string;
      /** Ask for the email scope too, so the account can be matched to the Staff tab. */
      withEmail?: boolean;
    },
  ) {}

  private scopes(): string[] {
    return this.o.withEmail === false ? [this.o.scopeUrl] : [this.o.scopeUrl, EMAIL_SCOPE];
  }

  /** Which route this profile uses: remembered for the browser session once getAuthToken has said it cannot work. */
  async route(): Promise<'chrome' | 'web'> {
    if (!this.identity.getAuthToken) return 'web';
    return (await this.o.session.get(KEYS.webAuthMode)) === true ? 'web' : 'chrome';
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  async getToken({ interactive }: { interactive: boolean }): Promise<string> {
    if ((await this.route()) === 'chrome') {
      try {
        const r = await this.identity.getAuthToken!({ interactive, scopes: this.scopes() });
        const token = typeof r === 'string' ? r : r?.token;
        if (token) return token;
        throw new Error('Chrome gave no token');
      } catch (e) {
        if (getAuthTokenUnavailable(e)) {
          // No Google account in this browser (or no Chrome account service at all): the web flow from now on.
          await this.o.session.set(KEYS.webAuthMode, true);
        } else if (!interactive) {
          // Signed in, but consent is needed and we may not ask now: that is the answer.
          throw e;
        }
      }
    }
    return this.webFlowToken(interactive);
  }

  /** The authorisation URL for the web flow: implicit grant, redirect to the extension's chromiumapp.org URL. */
  authorisationUrl(state?: string): string {
    const params = new URLSearchParams({
      client_id: this.o.clientId,
      response_type: 'token',
      redirect_uri: this.identity.getRedirectURL('oauth2'),
      scope: this.scopes().join(' '),
      include_granted_scopes: 'true',
      ...(state ? { state } : {}),
    });
    return `${this.o.authUrl ?? GOOGLE_AUTH_URL}?${params}`;
  }

  private async webFlowToken(interactive: boolean): Promise<string> {
    const cached = (await this.o.session.get(KEYS.webAuthToken)) as CachedToken | undefined;
    if (cached && cached.expiresAt - EARLY_MS > this.now()) return cached.token;
    // A fresh `state` per request: an answer that does not carry it back was not for this request.
    const state = [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, '0')).join('');
    const redirected = await this.identity.launchWebAuthFlow({ url: this.authorisationUrl(state), interactive });
    if (!redirected) throw new Error('Google sign-in was closed');
    const fragment = new URLSearchParams(new URL(redirected).hash.slice(1));
    if (fragment.get('error')) throw new Error(`Google sign-in failed: ${fragment.get('error')}`);
    if (fragment.get('state') !== state) throw new Error('Google sign-in answered a different request');
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
