// Routing: which Sheets API method a request is, from Google's URL patterns.
//   GET  /v4/spreadsheets/{id}                               spreadsheets.get
//   POST /v4/spreadsheets/{id}:batchUpdate                   spreadsheets.batchUpdate
//   GET  /v4/spreadsheets/{id}/values/{range}                values.get
//   PUT  /v4/spreadsheets/{id}/values/{range}                values.update
//   POST /v4/spreadsheets/{id}/values/{range}:append         values.append
//   POST /v4/spreadsheets/{id}/values/{range}:clear          values.clear
//   GET  /v4/spreadsheets/{id}/values:batchGet               values.batchGet
//   POST /v4/spreadsheets/{id}/values:batchUpdate            values.batchUpdate
//   POST /v4/spreadsheets/{id}/developerMetadata:search      developerMetadata.search
//   GET  /v4/spreadsheets/{id}/developerMetadata/{metadataId} developerMetadata.get

export const OPERATIONS = [
  'spreadsheets.get',
  'spreadsheets.batchUpdate',
  'values.get',
  'values.update',
  'values.append',
  'values.clear',
  'values.batchGet',
  'values.batchUpdate',
  'developerMetadata.search',
  'developerMetadata.get',
] as const;
export type Operation = (typeof OPERATIONS)[number];

const WRITES: ReadonlySet<Operation> = new Set([
  'spreadsheets.batchUpdate',
  'values.update',
  'values.append',
  'values.clear',
  'values.batchUpdate',
]);

export function isWrite(op: Operation): boolean {
  return WRITES.has(op);
}

export interface Route {
  operation: Operation;
  spreadsheetId: string;
  /** The A1 range from the path, decoded. */
  range?: string;
  metadataId?: number;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Match a request to an operation, or undefined for a path Google does not serve. Works on the raw path,
 * so a range whose `:` was not percent-encoded (`Log!A:K:append`) still splits at the last `:verb`. */
export function route(method: string, rawPath: string): Route | undefined {
  const m = /^\/v4\/spreadsheets\/([^/:]+)(.*)$/.exec(rawPath);
  if (!m) return undefined;
  const spreadsheetId = decode(m[1]!);
  const rest = m[2]!;
  if (rest === '' && method === 'GET') return { operation: 'spreadsheets.get', spreadsheetId };
  if (rest === ':batchUpdate' && method === 'POST') return { operation: 'spreadsheets.batchUpdate', spreadsheetId };
  if (rest === '/values:batchGet' && method === 'GET') return { operation: 'values.batchGet', spreadsheetId };
  if (rest === '/values:batchUpdate' && method === 'POST') return { operation: 'values.batchUpdate', spreadsheetId };
  if (rest === '/developerMetadata:search' && method === 'POST') return { operation: 'developerMetadata.search', spreadsheetId };
  const meta = /^\/developerMetadata\/(\d+)$/.exec(rest);
  if (meta && method === 'GET') return { operation: 'developerMetadata.get', spreadsheetId, metadataId: Number(meta[1]) };
  if (rest.startsWith('/values/')) {
    const tail = rest.slice('/values/'.length);
    const verb = /:(append|clear)$/.exec(tail);
    if (verb && method === 'POST') {
      return {
        operation: verb[1] === 'append' ? 'values.append' : 'values.clear',
        spreadsheetId,
        range: decode(tail.slice(0, verb.index)),
      };
    }
    if (method === 'GET') return { operation: 'values.get', spreadsheetId, range: decode(tail) };
    if (method === 'PUT') return { operation: 'values.update', spreadsheetId, range: decode(tail) };
  }
  return undefined;
}
