// Google's OAuth endpoints that the extension calls, served beside the Sheets API so tests and the demo never
// reach Google:
//  - GET /o/oauth2/v2/auth — the authorisation endpoint (https://developers.google.com/identity/protocols/oauth2/javascript-implicit-flow):
//    `client_id`, `redirect_uri`, `response_type=token`, `scope`, optional `state` and `login_hint`. The test
//    user is signed in already and has consented, so it answers at once with a 302 to
//    `redirect_uri#access_token=…&token_type=Bearer&expires_in=3599&scope=…&state=…`, as Google does for a
//    returning user. A redirect URI that is not an extension's `https://<id>.chromiumapp.org/` (what
//    chrome.identity.getRedirectURL() gives, https://developer.chrome.com/docs/extensions/reference/api/identity)
//    gets Google's "Error 400: redirect_uri_mismatch" page; an unknown client `invalid_client`.
//  - GET /tokeninfo?access_token=… (oauth2.googleapis.com/tokeninfo): the token's scopes, expiry and, only when
//    the token has the email scope, the account's `email` (https://developers.google.com/identity/sign-in/web/backend-auth
//    and the OAuth2 v2 Tokeninfo schema: "Present only if the email scope is present in the request").
//    An unknown or expired token gets 400 `{"error":"invalid_token"}`.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { normaliseScopes, SCOPE, type Credentials } from './auth';

export interface OAuthOptions {
  /** Google accounts signed in to the local authorisation endpoint; the first is used without a `login_hint`. */
  users: string[];
  /** OAuth client ids accepted; any non-empty id when omitted. */
  clientIds?: string[];
  /** Seconds a token issued here lives; Google's are 3599. */
  tokenLifetimeSeconds?: number;
}

export interface OAuthContext {
  credentials: Credentials;
  now: () => number;
  options: OAuthOptions | undefined;
  /** Tokens the authorisation endpoint issued, newest last (for tests). */
  issued: { token: string; email: string; scopes: string[] }[];
}

const CORS = { 'access-control-allow-origin': '*' };

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text), ...CORS });
  res.end(text);
}

function errorPage(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=UTF-8', ...CORS });
  res.end(text);
}

/** True when the request was one of the OAuth endpoints (and has been answered). */
export function handleOAuth(req: IncomingMessage, res: ServerResponse, ctx: OAuthContext): boolean {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method === 'GET' && (url.pathname === '/tokeninfo' || url.pathname === '/oauth2/v3/tokeninfo')) {
    tokenInfo(url, res, ctx);
    return true;
  }
  if (req.method === 'GET' && url.pathname === '/o/oauth2/v2/auth') {
    authorise(url, res, ctx);
    return true;
  }
  return false;
}

function tokenInfo(url: URL, res: ServerResponse, ctx: OAuthContext): void {
  const token = url.searchParams.get('access_token') ?? '';
  const caller = token ? ctx.credentials.callerForToken(token, ctx.now()) : undefined;
  if (!caller || caller.token.split('.').length === 3) {
    json(res, 400, { error: 'invalid_token', error_description: 'Invalid Value' });
    return;
  }
  const expiresIn = caller.expiresAt !== undefined ? Math.max(0, Math.floor((caller.expiresAt - ctx.now()) / 1000)) : 3599;
  const withEmail = caller.email !== undefined && caller.scopes.has(SCOPE.email);
  json(res, 200, {
    azp: caller.clientId ?? 'local',
    aud: caller.clientId ?? 'local',
    sub: caller.user,
    scope: [...caller.scopes].join(' '),
    exp: String(Math.floor((ctx.now() + expiresIn * 1000) / 1000)),
    expires_in: String(expiresIn),
    ...(withEmail ? { email: caller.email, email_verified: 'true' } : {}),
    access_type: 'online',
  });
}

function authorise(url: URL, res: ServerResponse, ctx: OAuthContext): void {
  const p = url.searchParams;
  const o = ctx.options;
  const clientId = p.get('client_id') ?? '';
  if (!o || o.users.length === 0) {
    errorPage(res, 400, 'Error 400: no Google account is signed in to this local authorisation endpoint');
    return;
  }
  if (!clientId || (o.clientIds && !o.clientIds.includes(clientId))) {
    errorPage(res, 401, 'Error 401: invalid_client');
    return;
  }
  const redirect = p.get('redirect_uri') ?? '';
  let target: URL;
  try {
    target = new URL(redirect);
  } catch {
    errorPage(res, 400, 'Error 400: redirect_uri_mismatch');
    return;
  }
  if (target.protocol !== 'https:' || !target.hostname.endsWith('.chromiumapp.org')) {
    errorPage(res, 400, 'Error 400: redirect_uri_mismatch');
    return;
  }
  const scopes = normaliseScopes([p.get('scope') ?? '']);
  const fragment = new URLSearchParams();
  const state = p.get('state');
  if (p.get('response_type') !== 'token') fragment.set('error', 'unsupported_response_type');
  else if (scopes.length === 0) fragment.set('error', 'invalid_scope');
  else {
    const hint = p.get('login_hint')?.toLowerCase();
    const email = o.users.find((u) => u.toLowerCase() === hint) ?? o.users[0]!;
    const lifetime = o.tokenLifetimeSeconds ?? 3599;
    const token = `ya29.local-${randomBytes(12).toString('hex')}`;
    ctx.credentials.grant({ token, email, scopes, clientId, expiresAt: ctx.now() + lifetime * 1000 });
    ctx.issued.push({ token, email, scopes });
    fragment.set('access_token', token);
    fragment.set('token_type', 'Bearer');
    fragment.set('expires_in', String(lifetime));
    fragment.set('scope', scopes.join(' '));
  }
  if (state !== null) fragment.set('state', state);
  target.hash = fragment.toString();
  res.writeHead(302, { location: target.toString(), ...CORS });
  res.end();
}
