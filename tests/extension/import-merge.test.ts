// Re-importing a newer MIS export on the device: pupils update by UPN, new ones arrive, leavers are only listed,
// and the targets, logs and evidence already in the extension's store are all still there afterwards.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewCaseloadFile } from '../../extension/import/caseload-file';
import { readCaseload, replaceCaseload } from '../../extension/store/caseload';
import { openCaseloadDb } from '../../extension/store/db';
import { IdbLogStore } from '../../extension/store/logs';
import { demoSchool } from '../../demo/school';

const NOW = Date.UTC(2026, 10, 23, 12, 0);

describe('extension store: import merges, never deletes targets, logs or evidence', () => {
  it('stores exactly the preview’s result and keeps everything the file does not mention', async () => {
    const db = await openCaseloadDb(`import-merge-${Math.random().toString(36).slice(2)}`);
    const demo = demoSchool({ today: '2026-11-23' });
    const evidence = [{ targetId: demo.targets[0]!.id, pupilId: demo.targets[0]!.pupilId, count: 3, windowDays: 14, asOf: '2026-11-20' }];
    await replaceCaseload(
      { pupils: demo.pupils, targets: demo.targets, staff: demo.staff, rota: demo.rota, evidence },
      { db, from: 'sheet', at: 1 },
    );
    const logs = new IdbLogStore(db, () => NOW);
    await logs.add({
      id: 'L-mine',
      time: '2026-11-23T10:00:00+00:00',
      pupilId: 'P014',
      targetId: demo.targets.find((t) => t.pupilId === 'P014')!.id,
      kind: 'Progress',
      rating: 'Secure',
    });

    const bytes = new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'mis-exports', 'sims-student-list.csv')));
    const { preview, data, evidenceFor } = await previewCaseloadFile('sims-student-list.csv', bytes, await readCaseload(db), { now: NOW });
    await replaceCaseload(data, { db, from: 'import: sims-student-list.csv', evidenceFor });

    const after = await readCaseload(db);
    expect({ pupils: after.pupils.length, targets: after.targets.length, staff: after.staff.length, rota: after.rota.length }).toEqual(
      preview.counts,
    );
    expect(after.pupils).toHaveLength(demo.pupils.length + 2);
    expect(after.pupils.find((p) => p.id === 'P014')).toMatchObject({ className: '8N', year: '8', senStatus: 'E', primaryNeed: 'MLD' });
    expect(after.targets.map((t) => t.id).sort()).toEqual(demo.targets.map((t) => t.id).sort());
    expect((await logs.all()).map((l) => l.id)).toEqual(['L-mine']);
    expect(await db.getAll('evidence')).toEqual([{ ...evidence[0], readAt: 1 }]);
    expect(preview.merge.leavers.length).toBeGreaterThan(0);
    db.close();
  });
});
