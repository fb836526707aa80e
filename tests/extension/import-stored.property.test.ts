// Property: through the extension's real import path (previewCaseloadFile → replaceCaseload → readCaseload, on
// fake-indexeddb), what is stored is exactly what the preview promised — the same counts and the same records —
// for random pupil lists full of copied rows and missing surnames, over a random caseload already on the device,
// whether or not the person chose a row to keep for a duplicated ID.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { previewCaseloadFile } from '../../extension/import/caseload-file';
import { readCaseload, replaceCaseload } from '../../extension/store/caseload';
import { openCaseloadDb } from '../../extension/store/db';
import type { Pupil } from '../../shared/model';

const NOW = Date.UTC(2026, 10, 23, 12, 0);
const name = fc.constantFrom('Amara', 'Ben', 'Cara', 'Dev', 'Ewa', 'Zoë');
const row = fc.record({
  id: fc.constantFrom('P1', 'P2', 'P3', 'P4'),
  first: name,
  last: fc.oneof(name, fc.constant('')),
  year: fc.constantFrom('Year 7', 'R', 'N2', '14', 'Y15'),
  sen: fc.constantFrom('E', 'K', 'SEN Support', 'EHC Plan'),
});
const onDevice = fc.uniqueArray(fc.constantFrom('P1', 'P3', 'P8', 'P9'), { maxLength: 4 });

const byId = <T extends { id: string }>(xs: readonly T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
const csvField = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

describe('Options import (property): the stored caseload is what the preview promised', () => {
  it('same counts and same records in IndexedDB as in the preview', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 8 }), onDevice, fc.boolean(), async (rows, existing, choose) => {
        const db = await openCaseloadDb(`import-prop-${Math.random().toString(36).slice(2)}`);
        const pupils: Pupil[] = existing.map((id) => ({
          id,
          firstName: 'Old',
          lastName: 'Name',
          areasOfNeed: [],
          senStatus: 'K',
          phaseTransfer: false,
        }));
        const targets = existing.map((id, i) => ({ id: `T${i}`, pupilId: id, text: 'Old target', status: 'Not started' as const }));
        await replaceCaseload({ pupils, targets, staff: [], rota: [] }, { db, from: 'sheet', at: 1 });

        const csv = [
          'Pupil ID,Forename,Surname,Year Group,SEN Status',
          ...rows.map((r) => [r.id, r.first, r.last, r.year, r.sen].map(csvField).join(',')),
        ].join('\r\n');
        const bytes = new TextEncoder().encode(csv);
        const first = await previewCaseloadFile('list.csv', bytes, await readCaseload(db), { now: NOW });
        // The person may choose the last row of the first duplicated ID.
        const dup = first.preview.duplicates[0];
        const choices = choose && dup ? { keep: { [`pupils:${dup.id}`]: dup.rows.at(-1)!.row } } : {};
        const { preview, data, evidenceFor } = await previewCaseloadFile('list.csv', bytes, await readCaseload(db), { now: NOW, choices });
        await replaceCaseload(data, { db, from: 'import: list.csv', evidenceFor });

        const after = await readCaseload(db);
        expect({ pupils: after.pupils.length, targets: after.targets.length, staff: after.staff.length, rota: after.rota.length }).toEqual(
          preview.counts,
        );
        expect(byId(after.pupils)).toEqual(byId(preview.result.pupils));
        expect(byId(after.targets)).toEqual(byId(preview.result.targets));
        // Every row of the file is stored or named as refused.
        const refusedRows = new Set(preview.refused.map((r) => r.row));
        const storedIds = new Set(after.pupils.map((p) => p.id));
        rows.forEach((r, i) => {
          if (!refusedRows.has(i + 2)) expect(storedIds.has(r.id)).toBe(true);
        });
        // Nothing already on the device went (no leavers were confirmed), and its targets stay.
        for (const p of pupils) expect(storedIds.has(p.id)).toBe(true);
        expect(after.targets).toHaveLength(targets.length);
        db.close();
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
