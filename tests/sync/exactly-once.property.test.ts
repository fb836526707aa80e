// Whatever faults the server throws at it, repeated sync runs end with every log and every correction in the
// sheet exactly once (or, when the transport itself re-sent an append, at least once and counted once by readers),
// and the Log as readers see it (effectiveLogs) is what the LSA did: undone logs count nowhere, edited ones once
// with their new values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Faults } from '../../sheets-server';
import { editCorrection, effectiveLogs, voidCorrection } from '../../shared/corrections';
import type { LogEntry } from '../../shared/model';
import { syncOutbox } from '../../shared/sync';
import { killedBeforeMarking, startEngineWorld } from './engine-world';
import { makeLog, sheetLogIds, sheetLogs } from './support';

const fault = fc.oneof(
  fc.record({ tooManyRequests: fc.record({ count: fc.integer({ min: 1, max: 3 }), retryAfterSeconds: fc.integer({ min: 0, max: 3 }) }) }),
  fc.record({ serverError: fc.record({ count: fc.integer({ min: 1, max: 3 }), status: fc.constantFrom(500 as const, 503 as const) }) }),
  fc.record({ dropAfterWrite: fc.record({ count: fc.integer({ min: 1, max: 3 }) }) }),
  // The transport re-sending an append on its own (what Chromium does after the default dropAfterWrite), with or
  // without another device's row landing between the two copies.
  {
    weight: 2,
    arbitrary: fc.record({
      duplicateAppend: fc.record({
        count: fc.integer({ min: 1, max: 3 }),
        between: fc.constantFrom<string[][]>([], [['foreign', '2026-11-23T09:00:00+00:00', 'P2', 'T2', 'Note']]),
      }),
    }),
  },
  fc.record({ dropBeforeHandling: fc.record({ count: fc.integer({ min: 1, max: 3 }) }) }),
  fc.record({ unauthorised: fc.record({ count: fc.constant(1) }) }),
  fc.constant<Faults>({}),
);

/** What the LSA does to an earlier log in a step: nothing, Undo or Edit (as the background router does them). */
const action = fc.constantFrom('none', 'undo', 'edit', 'edit', 'undo');

describe('exactly once under injected faults, corrections included', () => {
  it('holds for random fault schedules, batch sizes, journals, undos, edits and service-worker deaths', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fault, fc.integer({ min: 0, max: 5 }), fc.boolean(), fc.array(fc.tuple(action, fc.nat()), { maxLength: 3 })), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        async (steps, maxBatch, withJournal) => {
          const world = await startEngineWorld();
          const { server, store } = world;
          try {
            const journal = withJournal ? world.journal : undefined;
            // The model: what each log should look like to readers at the end (undefined = voided or removed).
            const expected = new Map<string, LogEntry | undefined>();
            const corrections: string[] = [];
            let next = 1;
            let foreignAdded = 0;
            let anyDuplicate = false;
            const tried = new Set<string>();
            for (const [picked, newLogs, dies, actions] of steps) {
              const faults: Faults = picked;
              for (let i = 0; i < newLogs; i++) {
                const l = makeLog(next++);
                await store.add(l);
                expected.set(l.id, l);
              }
              // Undo and Edit on earlier logs: before they are sent the outbox changes, after they add a Correction.
              for (const [what, pick] of actions) {
                const live = [...expected].filter(([, v]) => v !== undefined);
                if (what === 'none' || live.length === 0) continue;
                const [id, current] = live[pick % live.length]!;
                const original = store.logs.get(id)!;
                // As the router does: a log in the append in flight (the journal) may be in the sheet already, so it
                // is treated as sent. Without a journal nothing says so: any log a run has tried to send counts.
                const inFlight = journal ? await journal.inFlight() : [...tried];
                const sent = !store.outbox.includes(id) || inFlight.includes(id);
                const meta = {
                  id: `c${String(corrections.length).padStart(7, '0')}-0000-4000-8000-000000000000`,
                  time: `2026-11-23T11:${String(corrections.length % 60).padStart(2, '0')}:00+00:00`,
                  staffId: 'S1',
                };
                if (what === 'undo') {
                  if (sent || !(await store.remove(id))) {
                    await store.add(voidCorrection(original, meta));
                    corrections.push(meta.id);
                  }
                  expected.set(id, undefined);
                } else {
                  const values = {
                    pupilId: current!.pupilId,
                    targetId: current!.targetId!,
                    prompt: 'Independent' as const,
                    rating: 'Achieved' as const,
                  };
                  if (!sent) store.logs.set(id, { ...original, ...values });
                  else {
                    await store.add(editCorrection(original, values, meta));
                    corrections.push(meta.id);
                  }
                  expected.set(id, { ...current!, ...values });
                }
              }
              for (const id of store.outbox) tried.add(id);
              const resentBefore = server.requests.filter((r) => r.resent).length;
              server.setFaults(faults);
              anyDuplicate ||= faults.duplicateAppend !== undefined;
              // Sometimes the service worker dies right after the sheet took the logs and before the outbox knew.
              await syncOutbox(world.deps({ store: dies ? killedBeforeMarking(store) : store, maxBatch, maxRetries: 3, journal })).catch(
                () => undefined,
              );
              if (faults.duplicateAppend?.between?.length) foreignAdded += server.requests.filter((r) => r.resent).length - resentBefore;
            }
            server.setFaults({});
            const last = await syncOutbox(world.deps({ maxBatch, journal }));
            expect(last.stuckReason).toBeUndefined();
            expect(store.outbox).toEqual([]);
            expect(server.requests.some((r) => r.operation === 'spreadsheets.batchUpdate')).toBe(false); // never a delete
            const all = sheetLogIds(server);
            const foreign = all.filter((id) => id === 'foreign');
            expect(foreign).toHaveLength(foreignAdded);
            const ours = all.filter((id) => id !== 'foreign');
            // Every log ever sent and every correction: present. Exactly once unless the transport doubled an append.
            const sent = [...store.synced.keys()];
            expect([...new Set(ours)].sort()).toEqual([...sent].sort());
            for (const id of corrections) expect(ours).toContain(id);
            if (!anyDuplicate) expect(ours.length).toBe(new Set(ours).size);
            // Readers see what the LSA did.
            const seen = new Map(
              effectiveLogs(sheetLogs(server))
                .filter((l) => l.id !== 'foreign')
                .map((l) => [l.id, l]),
            );
            const want = [...expected].filter(([, v]) => v !== undefined);
            expect([...seen.keys()].sort()).toEqual(want.map(([id]) => id).sort());
            for (const [id, v] of want)
              expect(seen.get(id)).toMatchObject({ rating: v!.rating, prompt: v!.prompt, targetId: v!.targetId, pupilId: v!.pupilId });
          } finally {
            await world.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 180_000);
});
