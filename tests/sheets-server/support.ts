// Shared set-up for tests that talk to the local Sheets API server: a small tracker workbook and clients.
import { google, type sheets_v4 } from 'googleapis';
import type { Workbook } from '../../shared/workbook';
import type { SheetsServer } from '../../sheets-server';

export const SHEET_ID = 'tracker-1';

export function smallTracker(): Workbook {
  return {
    sheets: [
      {
        name: 'Pupils',
        values: [
          ['Pupil ID', 'First name', 'Last name', 'Year'],
          ['P1', 'Amara', 'Okafor', '4'],
          ['P2', 'Ben', 'Walsh', '6'],
        ],
        metadata: { 'caseload:tab': 'pupils' },
      },
      {
        name: 'Log',
        values: [['Log ID', 'Time', 'Pupil ID', 'Target ID', 'Kind', 'Rating', 'Prompt', 'Minutes', 'Staff ID', 'Note', 'Source']],
        metadata: { 'caseload:tab': 'log' },
      },
      {
        name: 'Key stage 2',
        values: [
          ['a', 'b', 'c'],
          [1, 2, 3],
          [new Date(Date.UTC(2026, 10, 23)), true, null, 'x'],
        ],
      },
    ],
  };
}

/** The real googleapis client, pointed at the local server with a fixed access token. */
export function sheetsClient(server: SheetsServer, token = 'test-token'): sheets_v4.Sheets {
  const auth = new google.auth.OAuth2();
  auth.setCredentials({ access_token: token });
  return google.sheets({ version: 'v4', rootUrl: `${server.url}/`, auth });
}

/** Plain fetch with a bearer token, for checking raw HTTP behaviour. */
export async function call(server: SheetsServer, path: string, init: RequestInit & { token?: string | null } = {}) {
  const headers = new Headers(init.headers);
  if (init.token !== null) headers.set('authorization', `Bearer ${init.token ?? 'test-token'}`);
  if (init.body) headers.set('content-type', 'application/json');
  const res = await fetch(`${server.url}${path}`, { ...init, headers });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read Google's error and response bodies field by field, whatever their shape.
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
}

/** The HTTP status and Google error body a googleapis call rejected with. */
export async function gaxiosFailure(
  p: Promise<unknown>,
): Promise<{ status: number | undefined; error: { code: number; message: string; status: string } | undefined }> {
  try {
    await p;
  } catch (e) {
    const err = e as {
      status?: number;
      response?: { status?: number; data?: { error?: { code: number; message: string; status: string } } };
    };
    return { status: err.response?.status ?? err.status, error: err.response?.data?.error };
  }
  throw new Error('expected the call to fail');
}
