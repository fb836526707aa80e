// How the extension reaches the tracker Sheet, shared by the service worker (sync) and Options (sign in, test
// connection): which token source, which transport, and a one-off "can we read it?" check in plain English.
import type { Staff, TokenProvider } from '../../shared/index';
import { pullCaseload, reasonFor, whoToAsk, type AccessWho, type PulledCaseload } from '../../shared/sync';
import { tokenInfo } from './account';
import { FetchSheets } from './fetch-sheets';
import { ChromeIdentityTokens, FixedToken, type IdentityApi } from './identity';
import type { KeyValueArea } from './kv';
import { isGoogleRoot, oauthEndpoints, SCOPE_URLS, type SyncSettings } from './settings';

/** What the browser provides: chrome.identity, the OAuth client id, session storage, the network. */
export interface ConnectionEnv {
  identity: IdentityApi;
  clientId: string;
  session: KeyValueArea;
  isOnline?: () => boolean;
  fetch?: typeof fetch;
  /** OAuth endpoints fixed at build time (extension/build-flags.ts); Google's when absent. */
  built?: { authUrl?: string; tokenInfoUrl?: string };
}

/** A fixed token only for a non-Google API root (the demo's local server); Google always gets OAuth tokens. */
export function usesTestToken(settings: Pick<SyncSettings, 'apiRoot' | 'accessToken'>): boolean {
  return Boolean(settings.accessToken) && !isGoogleRoot(settings.apiRoot);
}

export function tokenProviderFor(settings: SyncSettings, env: ConnectionEnv): TokenProvider {
  if (usesTestToken(settings)) return new FixedToken(settings.accessToken!);
  const { authUrl } = oauthEndpoints(settings, env.built);
  return new ChromeIdentityTokens(env.identity, {
    scopeUrl: SCOPE_URLS[settings.scope],
    clientId: env.clientId,
    session: env.session,
    ...(authUrl ? { authUrl } : {}),
  });
}

/** The signed-in Google account's email, without asking the user anything; undefined when it cannot be had. */
export async function accountEmail(
  settings: SyncSettings,
  env: ConnectionEnv,
  tokens: TokenProvider = tokenProviderFor(settings, env),
): Promise<string | undefined> {
  let token: string;
  try {
    token = await tokens.getToken({ interactive: false });
  } catch {
    return undefined;
  }
  const { tokenInfoUrl } = oauthEndpoints(settings, env.built);
  return (await tokenInfo(token, tokenInfoUrl, env.fetch))?.email;
}

/** Who is asking and whom to ask, for the plain-English access messages. */
export async function accessWho(
  settings: SyncSettings,
  env: ConnectionEnv,
  staff: readonly Staff[],
  tokens?: TokenProvider,
): Promise<AccessWho> {
  const email = await accountEmail(settings, env, tokens);
  return { ...(email ? { email } : {}), askWho: whoToAsk(staff), scope: settings.scope };
}

export function sheetsFor(settings: SyncSettings & { sheetId: string }, tokens: TokenProvider, env: ConnectionEnv): FetchSheets {
  return new FetchSheets({
    spreadsheetId: settings.sheetId,
    apiRoot: settings.apiRoot,
    tokens,
    ...(env.isOnline ? { isOnline: env.isOnline } : {}),
    ...(env.fetch ? { fetch: env.fetch } : {}),
  });
}

export type ConnectionTest =
  | { ok: true; pupils: number; targets: number; staff: number; rota: number; problems: number; requests: number }
  | { ok: false; reason: string };

/** Read the caseload once, changing nothing, and say what was found or what went wrong. `staff` (the caseload
 * on this device) names the SENCo to ask when Google refuses access. */
export async function testConnection(settings: SyncSettings, env: ConnectionEnv, staff: readonly Staff[] = []): Promise<ConnectionTest> {
  if (!settings.sheetId) return { ok: false, reason: 'Paste the link of the tracker Sheet first.' };
  const tokens = tokenProviderFor(settings, env);
  const sheets = sheetsFor({ ...settings, sheetId: settings.sheetId }, tokens, env);
  let data: PulledCaseload;
  try {
    data = await pullCaseload(sheets);
  } catch (e) {
    return { ok: false, reason: reasonFor(e, await accessWho(settings, env, staff, tokens)) };
  }
  const problems = data.findings.filter((f) => f.severity === 'error').length;
  return {
    ok: true,
    pupils: data.pupils.length,
    targets: data.targets.length,
    staff: data.staff.length,
    rota: data.rota.length,
    problems,
    requests: sheets.requestCount,
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function describeConnectionTest(t: ConnectionTest): string {
  if (!t.ok) return t.reason;
  const read = `Connected: read ${plural(t.pupils, 'pupil')}, ${plural(t.targets, 'target')} and ${plural(t.rota, 'rota block')} from the Sheet.`;
  if (t.pupils === 0) return `${read} The Pupils tab is empty — is this the tracker Sheet?`;
  return t.problems > 0 ? `${read} ${plural(t.problems, 'problem')} found in the Sheet: run “Check tracker” there to see them.` : read;
}
