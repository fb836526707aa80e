// Which Google account is signed in, and which Staff row that is.
//
// Least privilege: the account's email comes from Google's tokeninfo endpoint for the token we already hold,
// which answers `email` only when the token carries the `userinfo.email` scope — a non-sensitive scope asked in
// the same consent as Sheets. The alternative, chrome.identity.getProfileUserInfo, needs the `identity.email`
// manifest permission (an install-time warning for every user, "Know your email address"), reports the Chrome
// profile's account rather than the one that granted the token, and is empty in Edge or a profile without
// sign-in, where the web-flow fallback runs. tokeninfo works on both routes and needs nothing more.
// (https://developers.google.com/identity/sign-in/web/backend-auth; Tokeninfo schema, OAuth2 API v2.)
import type { Staff } from '../../shared/index';
import { staffForEmail } from '../../shared/sync';
import { KEYS, type KeyValueArea } from './kv';

export const GOOGLE_TOKENINFO_URL = 'https://oauth2.googleapis.com/tokeninfo';

export interface TokenInfo {
  email?: string;
  scopes: string[];
}

/** What tokeninfo says about a token, or undefined when it is not valid (or the endpoint cannot be reached). */
export async function tokenInfo(
  token: string,
  url: string = GOOGLE_TOKENINFO_URL,
  fetchFn: typeof fetch = (i, init) => fetch(i, init),
): Promise<TokenInfo | undefined> {
  try {
    const res = await fetchFn(`${url}?access_token=${encodeURIComponent(token)}`, { signal: AbortSignal.timeout(15_000) });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { email?: unknown; scope?: unknown };
    return {
      ...(typeof body.email === 'string' && body.email ? { email: body.email } : {}),
      scopes: typeof body.scope === 'string' ? body.scope.split(/\s+/).filter(Boolean) : [],
    };
  } catch {
    return undefined;
  }
}

/** The account as remembered for Options and the popup. */
export interface AccountRecord {
  email: string;
  /** The Staff ID it matched; absent when the LSA has to choose. */
  staffId?: string;
  /** Why there is no match, in plain English. */
  reason?: string;
  at: number;
}

/** Match the account to the Staff tab and remember the outcome. On a match `setMe` records the Staff ID, so
 * logs carry it without the LSA choosing "I am"; otherwise the choice stays theirs and the reason is kept. */
export async function identifyAccount(o: {
  email: string;
  staff: readonly Staff[];
  kv: KeyValueArea;
  setMe(staffId: string): Promise<void>;
  now: number;
}): Promise<AccountRecord> {
  const match = staffForEmail(o.staff, o.email);
  const record: AccountRecord =
    match.kind === 'matched' ? { email: o.email, staffId: match.staff.id, at: o.now } : { email: o.email, reason: match.reason, at: o.now };
  if (match.kind === 'matched') await o.setMe(match.staff.id);
  await o.kv.set(KEYS.account, record);
  return record;
}

export async function rememberedAccount(kv: KeyValueArea): Promise<AccountRecord | undefined> {
  return (await kv.get(KEYS.account)) as AccountRecord | undefined;
}
