// Run the local Sheets API server on its own, for the demo:
//   npm run sheets-server -- --xlsx tracker.xlsx [--id demo] [--port 8787] [--token demo-token | --any-token]
//                            [--save] [--read-only] [--latency 200]
// The spreadsheet is loaded from the .xlsx; with --save it is written back there when the server stops (Ctrl+C),
// so what the extension synced can be opened in Excel or checked with `caseload check`.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadXlsxInto, saveXlsxFrom, startSheetsServer } from './index';

const { values } = parseArgs({
  options: {
    xlsx: { type: 'string' },
    id: { type: 'string', default: 'demo' },
    port: { type: 'string', default: '8787' },
    token: { type: 'string', multiple: true },
    'any-token': { type: 'boolean', default: false },
    save: { type: 'boolean', default: false },
    'read-only': { type: 'boolean', default: false },
    latency: { type: 'string' },
  },
});

const tokens = values.token?.length ? values.token : ['demo-token'];
const server = await startSheetsServer({
  port: Number(values.port),
  tokens,
  acceptAnyToken: values['any-token'],
  ...(values.latency ? { faults: { latencyMs: Number(values.latency) } } : {}),
});
const id = values.id!;
if (values.xlsx && existsSync(values.xlsx)) await loadXlsxInto(server, id, values.xlsx, { readOnly: values['read-only'] });
else server.addSpreadsheet(id, { sheets: [{ name: 'Sheet1', values: [] }] }, { readOnly: values['read-only'] });

console.log(`Local Sheets API at ${server.url}/ — spreadsheet id "${id}"${values.xlsx ? ` from ${values.xlsx}` : ''}.`);
console.log(values['any-token'] ? 'Any bearer token is accepted.' : `Bearer tokens accepted: ${tokens.join(', ')}`);

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
