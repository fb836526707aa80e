// The Options import works its preview out in a dedicated worker (extension/import/preview-worker.ts) so a year's
// tracker does not freeze the page. These check that what the page gets through the worker is the preview it
// would have worked out itself (less the file's Log rows, which stay in the worker), that errors keep their
// plain-English message, and that the store's cheaper replace still stores exactly what it did.
// The tracker is a generated school (tests/core/fixtures.ts) written to a real .xlsx by the CLI's writer.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { trackerWorkbook } from '../../cli/tracker';
import { workbookToExcel } from '../../cli/xlsx';
import { type FilePreview, ImportError, previewCaseloadFile } from '../../extension/import/caseload-file';
import { discardImportWorker, prepareImportWorker, previewInWorker } from '../../extension/import/preview-client';
import { answerPreview, type PreviewReply, type PreviewRequest } from '../../extension/import/preview-protocol';
import { type Caseload, readCaseload, replaceCaseload, storedCounts } from '../../extension/store/caseload';
import { openCaseloadDb } from '../../extension/store/db';
import { DEFAULT_SETTINGS } from '../../shared/model';
import { generateSchool } from '../core/fixtures';

const NOW = Date.UTC(2026, 10, 24, 12, 0);
const empty: Caseload = { pupils: [], targets: [], staff: [], rota: [], settings: { ...DEFAULT_SETTINGS } };

async function trackerBytes(): Promise<Uint8Array> {
  const school = generateSchool({ seed: 7, staff: 8, pupils: 30, logs: 3_000, date: '2026-11-24' });
  // One copied pupil row: a duplicate the preview must name, whichever side works it out.
  school.pupils.push({ ...school.pupils[0]! });
  return new Uint8Array(await workbookToExcel(trackerWorkbook(school)).xlsx.writeBuffer());
}

/** A caseload already on the device: some of the file's pupils, renamed, and a pupil the file does not have. */
async function deviceCaseload(bytes: Uint8Array): Promise<Caseload> {
  const { data } = await previewCaseloadFile('tracker.xlsx', bytes, empty, { now: NOW });
  const pupils = data.pupils.slice(0, 10).map((p, i) => (i < 3 ? { ...p, lastName: `${p.lastName}-Old` } : p));
  return { ...empty, pupils: [...pupils, { ...data.pupils[20]!, id: 'GONE1', firstName: 'Left', lastName: 'Already', senStatus: 'K' }] };
}

/** The worker's side run here: the request and each reply go through structuredClone, as postMessage copies them. */
async function throughTheWorker(request: PreviewRequest): Promise<PreviewReply[]> {
  const replies: PreviewReply[] = [];
  await answerPreview(structuredClone(request), (r) => replies.push(structuredClone(r)));
  return replies;
}

describe('the import worker', () => {
  it('gives the page the preview the page would have worked out, without the Log rows', async () => {
    const bytes = await trackerBytes();
    const current = await deviceCaseload(bytes);
    const choices = { leavers: ['GONE1'] };
    const onPage = await previewCaseloadFile('tracker.xlsx', bytes, current, { now: NOW, choices });
    const replies = await throughTheWorker({ fileName: 'tracker.xlsx', bytes, current, choices, now: NOW });

    expect(replies.map((r) => r.kind)).toEqual(['step', 'step', 'done']);
    expect(replies[0]).toEqual({ kind: 'step', step: 'Reading the spreadsheet…' });
    expect(replies[1]).toMatchObject({ kind: 'step', step: expect.stringMatching(/^Checking [\d,]+ rows…$/) });
    const file = (replies[2] as { file: FilePreview }).file;
    // What the page shows and stores is the same; the 3,000 Log rows stayed behind.
    expect(onPage.preview.logs.length).toBeGreaterThan(2_000);
    expect(file.preview.logs).toEqual([]);
    expect(file).toEqual({ ...onPage, preview: { ...onPage.preview, logs: [] } });
    // Not a vacuous match: the preview has a duplicate, an update, a confirmed leaver and evidence.
    expect(file.preview.duplicates.length).toBeGreaterThan(0);
    expect(file.preview.merge.updated.length).toBe(3);
    expect(file.preview.merge.leavers).toEqual([expect.objectContaining({ id: 'GONE1', confirmed: true })]);
    expect(file.data.evidence?.length).toBeGreaterThan(0);
  });

  it('passes an ImportError’s message on as an ImportError, and any other failure as a plain error', async () => {
    const notXlsx = new TextEncoder().encode('Pupil ID,First name\nP01,Amara');
    const [reply] = await throughTheWorker({ fileName: 'list.xlsx', bytes: notXlsx, current: empty, choices: {}, now: NOW }).then((r) =>
      r.filter((x) => x.kind !== 'step'),
    );
    const inPage = await previewCaseloadFile('list.xlsx', notXlsx, empty, { now: NOW }).catch((e: unknown) => e);
    expect(inPage).toBeInstanceOf(ImportError);
    expect(reply).toEqual({ kind: 'error', message: (inPage as Error).message, known: true });
  });
});

/** A stand-in for the browser's Worker running the real worker code (answerPreview), copying each message. */
class FakeWorker extends EventTarget {
  static made = 0;
  terminated = false;
  constructor() {
    super();
    FakeWorker.made++;
  }
  postMessage(request: PreviewRequest) {
    void answerPreview(structuredClone(request), (reply) => {
      if (!this.terminated) this.dispatchEvent(new MessageEvent('message', { data: structuredClone(reply) }));
    });
  }
  terminate() {
    this.terminated = true;
  }
}

/** A worker whose script could not be loaded: it only ever fires `error` (at once, as the browser does). */
class BrokenWorker extends EventTarget {
  constructor() {
    super();
    setTimeout(() => this.dispatchEvent(Object.assign(new Event('error'), { message: 'blocked' })), 0);
  }
  postMessage() {}
  terminate() {}
}

describe('previewInWorker (the page’s side)', () => {
  afterEach(() => {
    discardImportWorker();
    vi.unstubAllGlobals();
  });

  it('reports the worker’s steps and resolves with its preview', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const bytes = await trackerBytes();
    const steps: string[] = [];
    const made = FakeWorker.made;
    const file = await previewInWorker('tracker.xlsx', bytes, empty, { now: NOW, onStep: (s) => steps.push(s) });
    expect(FakeWorker.made).toBe(made + 1);
    expect(steps).toEqual(['Reading the spreadsheet…', expect.stringMatching(/^Checking/)]);
    const onPage = await previewCaseloadFile('tracker.xlsx', bytes, empty, { now: NOW });
    expect(file).toEqual({ ...onPage, preview: { ...onPage.preview, logs: [] } });
  });

  it('rejects with the ImportError the person reads', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const err = await previewInWorker('notes.txt', new Uint8Array([1, 2, 3]), empty, { now: NOW }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toBe('Choose an .xlsx tracker or a .csv file.');
  });

  it('uses the worker started ahead (prepareImportWorker) rather than starting another', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    prepareImportWorker();
    prepareImportWorker();
    const made = FakeWorker.made;
    const csv = new TextEncoder().encode('Pupil ID,First name,Last name,Year,SEN status\r\nN1,Ada,Lovelace,7,K\r\n');
    const file = await previewInWorker('list.csv', csv, empty, { now: NOW });
    expect(FakeWorker.made).toBe(made);
    expect(file.preview.counts.pupils).toBe(1);
    // Taken: the next preview starts its own.
    await previewInWorker('list.csv', csv, empty, { now: NOW });
    expect(FakeWorker.made).toBe(made + 1);
  });

  it('works the preview out on the page when a worker started ahead could not load', async () => {
    vi.stubGlobal('Worker', BrokenWorker);
    prepareImportWorker();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const csv = new TextEncoder().encode('Pupil ID,First name,Last name,Year,SEN status\r\nN1,Ada,Lovelace,7,K\r\n');
    const file = await previewInWorker('list.csv', csv, empty, { now: NOW });
    expect(file.preview.counts.pupils).toBe(1);
  });

  it('works the preview out on the page when the worker cannot start', async () => {
    vi.stubGlobal('Worker', BrokenWorker);
    const csv = new TextEncoder().encode('Pupil ID,First name,Last name,Year,SEN status\r\nN1,Ada,Lovelace,7,K\r\n');
    const file = await previewInWorker('list.csv', csv, empty, { now: NOW });
    expect(file.preview.counts.pupils).toBe(1);
  });
});

describe('replacing the caseload after an import', () => {
  it('keeps other targets’ evidence, replaces the file’s, drops what no target has, and counts what it stored', async () => {
    const db = await openCaseloadDb(`import-worker-${Math.random().toString(36).slice(2)}`);
    const ev = (targetId: string, count: number) => ({ targetId, pupilId: 'P1', count, windowDays: 14, asOf: '2026-11-01' });
    const target = (id: string) => ({ id, pupilId: 'P1', text: id, area: 'C&I' as const, status: 'Developing' as const });
    await replaceCaseload(
      { pupils: [], targets: [], staff: [], rota: [], evidence: [ev('T1', 1), ev('T2', 2), ev('T3', 3), ev('T4', 4)] },
      { db, at: 1 },
    );
    // The file has T1 (new evidence) and T2 (none now); T3 stays in the caseload from the device; T4 is gone.
    const data = {
      pupils: [{ id: 'P1', firstName: 'Ada', lastName: 'Lovelace', senStatus: 'K' as const }],
      targets: [target('T1'), target('T2'), target('T3')],
      staff: [],
      rota: [{ staffId: 'S1', day: 'Mon' as const, start: 540, end: 600, pupilId: 'P1' }],
      evidence: [ev('T1', 9)],
    };
    await replaceCaseload(data as never, { db, at: 2, evidenceFor: ['T1', 'T2'] });
    const stored = (await db.getAll('evidence')).map((e) => [e.targetId, e.count]);
    expect(stored).toEqual([
      ['T1', 9],
      ['T3', 3],
    ]);
    const all = await readCaseload(db);
    expect(await storedCounts(db)).toEqual({ pupils: all.pupils.length, targets: all.targets.length, staff: 0, rota: all.rota.length });
    expect(await storedCounts(db)).toEqual({ pupils: 1, targets: 3, staff: 0, rota: 1 });
    db.close();
  });
  it('stores a caseload of several write batches whole and in order, in one transaction', async () => {
    const db = await openCaseloadDb(`import-batches-${Math.random().toString(36).slice(2)}`);
    const pupils = Array.from({ length: 450 }, (_, i) => ({ id: `P${i}`, firstName: 'Pupil', lastName: `${i}`, senStatus: 'K' as const }));
    const rota = Array.from({ length: 700 }, (_, i) => ({
      staffId: `S${i % 7}`,
      day: 'Tue' as const,
      start: 540 + (i % 60),
      end: 600 + (i % 60),
      pupilId: `P${i % 450}`,
    }));
    await replaceCaseload({ pupils, targets: [], staff: [], rota } as never, { db, at: 3 });
    expect(await storedCounts(db)).toEqual({ pupils: 450, targets: 0, staff: 0, rota: 700 });
    const back = await readCaseload(db);
    expect(back.rota).toEqual(rota);
    expect(new Set(back.pupils.map((p) => p.id))).toEqual(new Set(pupils.map((p) => p.id)));
    expect(back.source).toEqual({ from: 'import', at: 3, counts: { pupils: 450, targets: 0, staff: 0, rota: 700 } });
    db.close();
  });
});
