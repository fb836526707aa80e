// Who may open which spreadsheet, as Google Drive decides it, and which scopes each Sheets method accepts.
//
// Rules and where they come from:
//  - Scopes per method: read methods (spreadsheets.get, values.get/batchGet, developerMetadata.*) accept any of
//    spreadsheets, spreadsheets.readonly, drive, drive.readonly, drive.file; write methods accept spreadsheets,
//    drive, drive.file ("Authorization scopes" on each method of
//    https://developers.google.com/workspace/sheets/api/reference/rest and
//    https://developers.google.com/workspace/sheets/api/scopes). A token without one gets 403 PERMISSION_DENIED
//    "Request had insufficient authentication scopes." with ErrorInfo reason ACCESS_TOKEN_SCOPE_INSUFFICIENT
//    (https://cloud.google.com/apis/design/errors#error_info).
//  - drive.file: "only the specific Google Drive files you use with this app": files the app created or the user
//    opened with it (Google Picker, "Open with") — https://developers.google.com/workspace/drive/api/guides/api-specific-auth.
//    Sharing a file with the user does not grant it to the app. Google answers such a file like an unshared one.
//  - Sharing roles: owner and editors ("writer") may read and write, viewers and commenters ("reader") may only
//    read; anyone else is refused with 403 PERMISSION_DENIED "The caller does not have permission"
//    (https://developers.google.com/workspace/drive/api/guides/ref-roles). A viewer's write gets the same 403.
//  - An unknown spreadsheet id: 404 NOT_FOUND "Requested entity was not found." (checked before sharing).
//
// A spreadsheet added without an owner has no sharing model and is open to every authenticated caller, as before
// this model existed (the older tests and the demo's `--any-token` mode).
import { SCOPE } from './auth';
import type { Caller } from './auth';
import { notFound, permissionDenied, scopeInsufficient } from './errors';

export type ShareRole = 'owner' | 'writer' | 'reader';

export interface Sharing {
  owner: string;
  /** email (lower case) → role, the owner included. */
  roles: Map<string, ShareRole>;
  /** Emails of users who created or picked the file with this app: what a drive.file token may open. */
  openedWithApp: Set<string>;
}

export interface ShareOptions {
  owner?: string;
  editors?: string[];
  viewers?: string[];
  /** Users who created or picked the file with the app (drive.file). The owner is not included by default. */
  openedWithApp?: string[];
}

const READ_SCOPES = [SCOPE.spreadsheets, SCOPE.spreadsheetsReadonly, SCOPE.drive, SCOPE.driveReadonly, SCOPE.driveFile];
const WRITE_SCOPES = [SCOPE.spreadsheets, SCOPE.drive, SCOPE.driveFile];
/** Scopes that reach every file the user can reach, not only those opened with the app. */
const WHOLE_DRIVE_SCOPES = [SCOPE.spreadsheets, SCOPE.spreadsheetsReadonly, SCOPE.drive, SCOPE.driveReadonly];

const key = (email: string) => email.trim().toLowerCase();

export class SharingTable {
  private table = new Map<string, Sharing>();

  set(spreadsheetId: string, o: ShareOptions): void {
    if (!o.owner) {
      this.table.delete(spreadsheetId);
      return;
    }
    const roles = new Map<string, ShareRole>([[key(o.owner), 'owner']]);
    for (const e of o.editors ?? []) roles.set(key(e), 'writer');
    for (const e of o.viewers ?? []) roles.set(key(e), 'reader');
    roles.set(key(o.owner), 'owner');
    this.table.set(spreadsheetId, { owner: o.owner, roles, openedWithApp: new Set((o.openedWithApp ?? []).map(key)) });
  }

  get(spreadsheetId: string): Sharing | undefined {
    return this.table.get(spreadsheetId);
  }

  private required(spreadsheetId: string): Sharing {
    const s = this.table.get(spreadsheetId);
    if (!s) throw new Error(`Spreadsheet ${spreadsheetId} has no owner: add it with { owner } first`);
    return s;
  }

  /** Share with someone as an editor ("writer") or viewer ("reader"), as the Share dialog does. */
  share(spreadsheetId: string, email: string, role: 'writer' | 'reader'): void {
    const s = this.required(spreadsheetId);
    if (s.roles.get(key(email)) !== 'owner') s.roles.set(key(email), role);
  }

  /** Remove someone's access (the owner keeps theirs). */
  unshare(spreadsheetId: string, email: string): void {
    const s = this.required(spreadsheetId);
    if (s.roles.get(key(email)) !== 'owner') s.roles.delete(key(email));
  }

  /** The user created or picked the file with the app: a drive.file token of theirs may now open it. */
  openWithApp(spreadsheetId: string, email: string): void {
    this.required(spreadsheetId).openedWithApp.add(key(email));
  }

  roleOf(spreadsheetId: string, email: string | undefined): ShareRole | undefined {
    const s = this.table.get(spreadsheetId);
    if (!s) return 'writer';
    return email ? s.roles.get(key(email)) : undefined;
  }
}

const hasAny = (caller: Caller, scopes: readonly string[]) => scopes.some((s) => caller.scopes.has(s));

/** The scope check, which Google makes before looking at the spreadsheet. */
export function checkScopes(caller: Caller, write: boolean): void {
  if (!hasAny(caller, write ? WRITE_SCOPES : READ_SCOPES)) throw scopeInsufficient();
}

/** Throws Google's error when the caller may not do this to this spreadsheet. */
export function checkAccess(
  caller: Caller,
  spreadsheet: { spreadsheetId: string; readOnly: boolean } | undefined,
  write: boolean,
  sharing: SharingTable,
): void {
  checkScopes(caller, write);
  if (!spreadsheet) throw notFound();
  const id = spreadsheet.spreadsheetId;
  const model = sharing.get(id);
  if (!hasAny(caller, WHOLE_DRIVE_SCOPES)) {
    // Only drive.file: the file must have been created or picked with the app by this user.
    const opened = model ? caller.email !== undefined && model.openedWithApp.has(key(caller.email)) : false;
    if (!opened) throw permissionDenied();
  }
  const role = sharing.roleOf(id, caller.email);
  if (!role) throw permissionDenied();
  if (write && (role === 'reader' || spreadsheet.readOnly)) throw permissionDenied();
}
