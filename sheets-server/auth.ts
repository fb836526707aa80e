// Who is calling, and with which OAuth scopes: `Authorization: Bearer <token>` checked against the access tokens
// the server was given (each with a user, an email, a scope set, optionally an expiry), or a self-signed
// service-account JWT (RS256) from an account whose public key the server knows — how googleapis authenticates a
// service account without a token exchange (`useJWTAccessWithScope`), which keeps the CLI's key-file path
// entirely on 127.0.0.1.
//
// Google's model (https://developers.google.com/identity/protocols/oauth2): an access token belongs to one Google
// account and carries the scopes the user consented to; each API method lists the scopes it accepts
// (https://developers.google.com/workspace/sheets/api/scopes). A plain token given without `scopes` keeps the
// server's old behaviour: the full `spreadsheets` scope, and no email.
import { createPublicKey, verify } from 'node:crypto';

export const SCOPE = {
  spreadsheets: 'https://www.googleapis.com/auth/spreadsheets',
  spreadsheetsReadonly: 'https://www.googleapis.com/auth/spreadsheets.readonly',
  drive: 'https://www.googleapis.com/auth/drive',
  driveReadonly: 'https://www.googleapis.com/auth/drive.readonly',
  driveFile: 'https://www.googleapis.com/auth/drive.file',
  email: 'https://www.googleapis.com/auth/userinfo.email',
} as const;

/** Google's short names for scopes, as an authorisation request may spell them. */
const SHORT_SCOPES: Record<string, string> = {
  email: SCOPE.email,
  openid: 'openid',
  profile: 'https://www.googleapis.com/auth/userinfo.profile',
};

export function normaliseScopes(scopes: readonly string[]): string[] {
  return [
    ...new Set(
      scopes
        .flatMap((s) => s.split(/\s+/))
        .filter(Boolean)
        .map((s) => SHORT_SCOPES[s] ?? s),
    ),
  ];
}

export interface TokenGrant {
  token: string;
  /** The user the quota is counted against; the email, else the token itself, when omitted. */
  user?: string;
  /** The Google account the token belongs to: what sharing is checked against. */
  email?: string;
  /** Granted scopes (full URLs or Google's short names); the `spreadsheets` scope when omitted. */
  scopes?: string[];
  /** Milliseconds since the epoch (server clock) after which the token is refused. */
  expiresAt?: number;
  /** The OAuth client the token was issued to (drive.file access is per app). */
  clientId?: string;
}

export interface ServiceAccountKey {
  email: string;
  /** PEM (SPKI) public key matching the key file's private key. */
  publicKey: string;
}

/** An authenticated caller. */
export interface Caller {
  /** Quota key. */
  user: string;
  email?: string;
  scopes: ReadonlySet<string>;
  token: string;
  expiresAt?: number;
  clientId?: string;
}

function base64url(s: string): Buffer {
  return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

export class Credentials {
  private grants = new Map<string, TokenGrant>();
  private accounts = new Map<string, ServiceAccountKey>();

  constructor(
    grants: readonly (string | TokenGrant)[],
    accounts: readonly ServiceAccountKey[] = [],
    /** Accept any non-empty bearer token (the standalone demo server). */
    readonly acceptAny = false,
  ) {
    for (const g of grants) this.grant(typeof g === 'string' ? { token: g } : g);
    for (const a of accounts) this.accounts.set(a.email, a);
  }

  grant(g: TokenGrant): void {
    this.grants.set(g.token, { ...g });
  }

  revoke(token: string): void {
    this.grants.delete(token);
  }

  /** The calling user, or undefined when the request is not authenticated. */
  userFor(authorization: string | undefined, now: number): string | undefined {
    return this.callerFor(authorization, now)?.user;
  }

  /** The caller behind an `Authorization` header, or undefined when it is not a valid credential. */
  callerFor(authorization: string | undefined, now: number): Caller | undefined {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    return m ? this.callerForToken(m[1]!, now) : undefined;
  }

  callerForToken(token: string, now: number): Caller | undefined {
    const grant = this.grants.get(token);
    if (grant) {
      if (grant.expiresAt !== undefined && now >= grant.expiresAt) return undefined;
      return {
        user: grant.user ?? grant.email ?? token,
        ...(grant.email ? { email: grant.email } : {}),
        scopes: new Set(normaliseScopes(grant.scopes ?? [SCOPE.spreadsheets])),
        token,
        ...(grant.expiresAt !== undefined ? { expiresAt: grant.expiresAt } : {}),
        ...(grant.clientId ? { clientId: grant.clientId } : {}),
      };
    }
    const jwt = this.serviceAccountCaller(token, now);
    if (jwt) return jwt;
    return this.acceptAny && token ? { user: token, scopes: new Set([SCOPE.spreadsheets]), token } : undefined;
  }

  private serviceAccountCaller(token: string, now: number): Caller | undefined {
    const parts = token.split('.');
    if (parts.length !== 3 || this.accounts.size === 0) return undefined;
    try {
      const header = JSON.parse(base64url(parts[0]!).toString('utf8')) as { alg?: string };
      const claims = JSON.parse(base64url(parts[1]!).toString('utf8')) as { iss?: string; exp?: number; scope?: string };
      const account = claims.iss ? this.accounts.get(claims.iss) : undefined;
      if (!account || header.alg !== 'RS256') return undefined;
      const ok = verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), createPublicKey(account.publicKey), base64url(parts[2]!));
      if (!ok || typeof claims.exp !== 'number' || claims.exp * 1000 <= now) return undefined;
      // A self-signed JWT carries its scopes in the `scope` claim (googleapis' useJWTAccessWithScope).
      const scopes = claims.scope ? normaliseScopes([claims.scope]) : [SCOPE.spreadsheets];
      return { user: account.email, email: account.email, scopes: new Set(scopes), token, expiresAt: claims.exp * 1000 };
    } catch {
      return undefined;
    }
  }
}
