// Sync against the local Sheets API server over real HTTP on 127.0.0.1: how long a run takes, beside a baseline
// of one bare HTTP round trip to the same server in the same run, and how many logs each request carries.
// (Vitest 5: `bench` is a test-context fixture; `bench.compare` runs the group and returns the statistics.)
import { test } from 'vitest';
import { startSheetsServer } from '../sheets-server';
import { syncOutbox, type LogLayout } from '../shared/sync';
import { fetchSheets, makeLog, MemoryJournal, MemoryLogStore, SHEET, trackerWorkbook } from '../tests/sync/support';

test('sync runs against the local Sheets server', async ({ bench }) => {
  const server = await startSheetsServer({ workbooks: { [SHEET]: trackerWorkbook() } });
  const clock = { now: Date.now };
  const sleeper = { sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
  let layout: LogLayout | undefined;
  let next = 1;
  const run = async (logs: number, remembered: boolean) => {
    const store = new MemoryLogStore();
    for (let i = 0; i < logs; i++) await store.add(makeLog(next++));
    const before = server.requests.length;
    const report = await syncOutbox({
      store,
      sheets: fetchSheets(server),
      clock,
      sleeper,
      random: Math.random,
      journal: new MemoryJournal(),
      ...(remembered && layout ? { layout } : {}),
    });
    layout = report.layout;
    return { confirmed: report.confirmed, requests: server.requests.length - before };
  };
  try {
    const shapes: string[] = [];
    for (const [n, remembered] of [
      [1, false],
      [1, true],
      [10, true],
      [200, true],
      [1000, true],
    ] as const) {
      const r = await run(n, remembered);
      shapes.push(
        `${n} log(s), layout ${remembered ? 'remembered' : 'found first'}: ${r.requests} request(s) = ${(r.confirmed / r.requests).toFixed(1)} logs/request`,
      );
    }
    const sheets = fetchSheets(server);
    const result = await bench.compare(
      bench('baseline: one values.get round trip', async () => {
        await sheets.readRange('Log!A1:A1');
      }),
      bench('sync 1 log (layout remembered)', async () => {
        await run(1, true);
      }),
      bench('sync 10 logs (layout remembered)', async () => {
        await run(10, true);
      }),
      bench('sync 1 log (finding the Log tab first)', async () => {
        await run(1, false);
      }),
      { time: 500, iterations: 20 },
    );
    const base = result.get('baseline: one values.get round trip').latency.mean;
    const line = (name: Parameters<typeof result.get>[0]) =>
      `${name}: ${result.get(name).latency.mean.toFixed(2)} ms mean = ${(result.get(name).latency.mean / base).toFixed(2)}× baseline`;
    console.log(
      [
        ...shapes,
        `baseline (one round trip): ${base.toFixed(2)} ms mean`,
        line('sync 1 log (layout remembered)'),
        line('sync 10 logs (layout remembered)'),
        line('sync 1 log (finding the Log tab first)'),
        `(Log tab rows at the end: ${server.workbook(SHEET).sheets.find((s) => s.name === 'Log')!.values.length - 1})`,
      ].join('\n'),
    );
  } finally {
    await server.close();
  }
});
