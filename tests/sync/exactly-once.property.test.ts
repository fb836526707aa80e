// Whatever faults the server throws at it, repeated sync runs end with every log in the sheet exactly once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startSheetsServer, type Faults } from '../../scripts/sheets-server';
import { syncOutbox } from '../../shared/sync';
import { fetchSheets, makeLog, MemoryJournal, MemoryLogStore, SHEET, sheetLogIds, trackerWorkbook, VirtualTime } from './support';

const fault = fc.oneof(
  fc.record({ tooManyRequests: fc.record({ count: fc.integer({ min: 1, max: 3 }), retryAfterSeconds: fc.integer({ min: 0, max: 3 }) }) }),
  fc.record({ serverError: fc.record({ count: fc.integer({ min: 1, max: 3 }), status: fc.constantFrom(500 as const, 503 as const) }) }),
  fc.record({ dropAfterWrite: fc.record({ count: fc.integer({ min: 1, max: 3 }) }) }),
  fc.record({ dropBeforeHandling: fc.record({ count: fc.integer({ min: 1, max: 3 }) }) }),
  fc.record({ unauthorised: fc.record({ count: fc.constant(1) }) }),
  fc.constant<Faults>({}),
);

describe('exactly once under injected faults', () => {
  it('holds for random fault schedules, batch sizes, journals and service-worker deaths', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fault, fc.integer({ min: 0, max: 6 }), fc.boolean()), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        async (steps, maxBatch, withJournal) => {
          const time = new VirtualTime();
          const server = await startSheetsServer({ workbooks: { [SHEET]: trackerWorkbook() }, now: () => time.now() });
          try {
            const store = new MemoryLogStore();
            const journal = withJournal ? new MemoryJournal() : undefined;
            let next = 1;
            for (const [faults, newLogs, dies] of steps) {
              for (let i = 0; i < newLogs; i++) await store.add(makeLog(next++));
              server.setFaults(faults);
              // Sometimes the service worker dies right after the sheet took the logs and before the outbox knew.
              const runStore = dies ? Object.assign(Object.create(store) as MemoryLogStore, { markSynced: async () => Promise.reject(new Error('killed')) }) : store;
              await syncOutbox({ store: runStore, sheets: fetchSheets(server), clock: time, sleeper: time, random: () => 0.5, maxBatch, maxRetries: 3, ...(journal ? { journal } : {}) }).catch(() => undefined);
            }
            server.setFaults({});
            const last = await syncOutbox({ store, sheets: fetchSheets(server), clock: time, sleeper: time, random: () => 0.5, maxBatch, ...(journal ? { journal } : {}) });
            expect(last.stuckReason).toBeUndefined();
            expect(store.outbox).toEqual([]);
            const ids = sheetLogIds(server);
            expect(new Set(ids).size).toBe(ids.length);
            expect(ids.sort()).toEqual(Array.from({ length: next - 1 }, (_, i) => makeLog(i + 1).id).sort());
          } finally {
            await server.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
