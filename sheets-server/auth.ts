// Who is calling: `Authorization: Bearer <token>` checked against the access tokens the server was given
// (each optionally expiring, to play an expired token), or a self-signed service-account JWT (RS256) from an
// account whose public key the server knows — how googleapis authenticates a service account without a token
// exchange (`useJWTAccessWithScope`), which keeps the CLI's key-file path entirely on 127.0.0.1.
import { createPublicKey, verify } from 'node:crypto';

export interface TokenGrant {
  token: string;
  /** The user the quota is counted against; the token itself when omitted. */
  user?: string;
  /** Milliseconds since the epoch (server clock) after which the token is refused. */
  expiresAt?: number;
}

export interface ServiceAccountKey {
  email: string;
  /** PEM (SPKI) public key matching the key file's private key. */
  publicKey: string;
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
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!m) return undefined;
    const token = m[1]!;
    const grant = this.grants.get(token);
    if (grant) return grant.expiresAt !== undefined && now >= grant.expiresAt ? undefined : (grant.user ?? token);
    const jwtUser = this.serviceAccountUser(token, now);
    if (jwtUser) return jwtUser;
    return this.acceptAny ? token : undefined;
  }

  private serviceAccountUser(token: string, now: number): string | undefined {
    const parts = token.split('.');
    if (parts.length !== 3 || this.accounts.size === 0) return undefined;
    try {
      const header = JSON.parse(base64url(parts[0]!).toString('utf8')) as { alg?: string };
      const claims = JSON.parse(base64url(parts[1]!).toString('utf8')) as { iss?: string; exp?: number };
      const account = claims.iss ? this.accounts.get(claims.iss) : undefined;
      if (!account || header.alg !== 'RS256') return undefined;
      const ok = verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), createPublicKey(account.publicKey), base64url(parts[2]!));
      if (!ok || typeof claims.exp !== 'number' || claims.exp * 1000 <= now) return undefined;
      return account.email;
    } catch {
      return undefined;
    }
  }
}
