// Run the local Sheets API server on its own, for the demo:
//   npm run sheets-server -- --xlsx tracker.xlsx [--id demo] [--port 8787] [--token demo-token | --any-token]
//                            [--save] [--read-only] [--latency 200]
//                            [--owner senco@school.uk] [--editor lsa@school.uk]… [--viewer head@school.uk]…
//                            [--token demo-token=lsa@school.uk] [--scope spreadsheets|drive.file]
//                            [--oauth-user lsa@school.uk]
// The spreadsheet is loaded from the .xlsx; with --save it is written back there when the server stops (Ctrl+C),
// so what the extension synced can be opened in Excel or checked with `caseload check`.
// Sharing: --owner turns on Google's sharing model for the spreadsheet (see sharing.ts); `--token t=email` makes
// token t belong to that Google account, with the --scope given (spreadsheets by default) and the email scope.
// --oauth-user serves the OAuth authorisation endpoint (/o/oauth2/v2/auth) as that signed-in account.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadXlsxInto, saveXlsxFrom, SCOPE, startSheetsServer, type TokenGrant } from './index';

const USAGE = `Usage: npm run sheets-server -- [--xlsx tracker.xlsx] [--id demo] [--port 8787] [--token T]… [--any-token]
                                [--save] [--read-only] [--latency MS]

A local stand-in for the Google Sheets API v4 on 127.0.0.1, for the demo and tests.

Options:
  --xlsx FILE    load the spreadsheet from FILE (.xlsx); without it the spreadsheet starts with one empty tab
  --id ID        the spreadsheet id to serve (default: demo)
  --port N       the port (default: 8787)
  --token T      a bearer token to accept (repeatable; default: demo-token)
  --any-token    accept any bearer token
  --save         write the spreadsheet back to FILE when the server stops (Ctrl+C)
  --read-only    serve the spreadsheet read-only (writes answer 403, as for a viewer)
  --latency MS   delay every answer by MS milliseconds
  --help         show this help`;

function usageError(message: string): never {
  process.stderr.write(`sheets-server: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

// biome-ignore lint/suspicious/noImplicitAnyLet: its type is parseArgs's, inferred where it is assigned inside the try
let parsed;
try {
  parsed = parseArgs({
    options: {
      help: { type: 'boolean', short: 'h', default: false },
      xlsx: { type: 'string' },
      id: { type: 'string', default: 'demo' },
      port: { type: 'string', default: '8787' },
      token: { type: 'string', multiple: true },
      'any-token': { type: 'boolean', default: false },
      save: { type: 'boolean', default: false },
      'read-only': { type: 'boolean', default: false },
      latency: { type: 'string' },
      owner: { type: 'string' },
      editor: { type: 'string', multiple: true },
      viewer: { type: 'string', multiple: true },
      scope: { type: 'string', default: 'spreadsheets' },
      'oauth-user': { type: 'string', multiple: true },
    },
  });
} catch (e) {
  usageError(e instanceof Error ? e.message.replace(/\. To specify.*$/s, '.') : String(e));
}
const { values } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!/^\d+$/.test(values.port!) || Number(values.port) > 65535)
  usageError(`--port must be a number from 0 to 65535, not "${values.port}".`);
if (values.latency !== undefined && !/^\d+$/.test(values.latency))
  usageError(`--latency must be a whole number of milliseconds, not "${values.latency}".`);
if (values.xlsx && !existsSync(values.xlsx) && !values.save)
  usageError(`${values.xlsx}: no such file (add --save to start empty and create it on exit).`);

/** `token` or `token=email`: a token of that Google account with the chosen scope and the email scope. */
function grantFromFlag(flag: string, scope: string): string | TokenGrant {
  const eq = flag.indexOf('=');
  if (eq < 0) return flag;
  const scopeUrl = scope === 'drive.file' ? SCOPE.driveFile : scope === 'spreadsheets' ? SCOPE.spreadsheets : scope;
  return { token: flag.slice(0, eq), email: flag.slice(eq + 1), scopes: [scopeUrl, SCOPE.email] };
}

const tokenFlags = values.token?.length ? values.token : ['demo-token'];
const server = await startSheetsServer({
  port: Number(values.port),
  tokens: tokenFlags.map((t) => grantFromFlag(t, values.scope!)),
  acceptAnyToken: values['any-token'],
  ...(values['oauth-user']?.length ? { oauth: { users: values['oauth-user'] } } : {}),
  ...(values.latency ? { faults: { latencyMs: Number(values.latency) } } : {}),
});
const id = values.id!;
const sharing = values.owner ? { owner: values.owner, editors: values.editor ?? [], viewers: values.viewer ?? [] } : {};
const options = { readOnly: values['read-only'], ...sharing };
if (values.xlsx && existsSync(values.xlsx)) await loadXlsxInto(server, id, values.xlsx, options);
else server.addSpreadsheet(id, { sheets: [{ name: 'Sheet1', values: [] }] }, options);

console.log(`Local Sheets API at ${server.url}/ — spreadsheet id "${id}"${values.xlsx ? ` from ${values.xlsx}` : ''}.`);
console.log(values['any-token'] ? 'Any bearer token is accepted.' : `Bearer tokens accepted: ${tokenFlags.join(', ')}`);
if (values.owner)
  console.log(
    `Owned by ${values.owner}; editors: ${(values.editor ?? []).join(', ') || 'none'}; viewers: ${(values.viewer ?? []).join(', ') || 'none'}.`,
  );

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  if (values.save && values.xlsx) {
    await saveXlsxFrom(server, id, values.xlsx);
    console.log(`Saved the spreadsheet to ${values.xlsx}.`);
  }
  await server.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
