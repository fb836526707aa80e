// `caseload export-logs` streams a local file's Log (cli/log-export.ts) instead of parsing the whole tracker into
// memory. These tests hold it to the whole-tracker export it replaced, computed here through an independent
// reader (exceljs's object model) and the core's parseTracker + effectiveLogs + readableLogsToCsv, on a Log
// modelled on what a year in a real school leaves behind: voids and edits (one undone, one corrected again, one
// naming a log deleted by hand), a row synced twice, a copy whose first row is unusable, a hand-typed row with no
// pupil, a #REF! pasted into a note, a blank row, and (separately) a merged range. Also: the tabs it does not
// need are never decompressed, and the CSV reaches its writer while the Log is still being read.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { planLogExport, writeLogExport } from '../../cli/log-export';
import { parseWorkbook, trackerWorkbook } from '../../cli/tracker';
import { openTrackerFile, readWorkbookWithExceljs, writeWorkbook } from '../../cli/xlsx';
import { openXlsx } from '../../cli/xlsx-stream';
import { effectiveLogs } from '../../shared/corrections';
import { readableLogsToCsv } from '../../shared/csv';
import type { CellValue } from '../../shared/model';
import type { Workbook } from '../../shared/workbook';
import { headerRow } from '../../shared/schema/serialise';
import { generateSchool, validTracker } from '../core/fixtures';
import { tempDir } from './run-cli';
import { runMain } from './run-main';

const LOG_HEADER = headerRow('log');

function logRow(values: Partial<Record<(typeof LOG_HEADER)[number], CellValue>>): CellValue[] {
  return LOG_HEADER.map((h) => values[h] ?? null);
}

/** The valid demo tracker with a year's worth of awkward Log rows appended (see the header). */
function awkwardWorkbook(): Workbook {
  const wb = trackerWorkbook(validTracker());
  const log = wb.sheets.find((s) => s.name === 'Log')!;
  const rows = log.values;
  const id = (r: number) => String(rows[r]![0]);
  const cell = (r: number, h: string) => rows[r]![LOG_HEADER.indexOf(h)] ?? null;
  const correction = (cid: string, of: string, kind: 'Void' | 'Edit', time: string, extra: Record<string, CellValue> = {}) =>
    logRow({ 'Log ID': cid, Time: time, 'Pupil ID': cell(3, 'Pupil ID'), Kind: 'Correction', Corrects: of, Correction: kind, ...extra });
  rows.push(
    correction('c-void', id(1), 'Void', '2026-11-20T12:00:00+00:00'),
    correction('c-edit', id(2), 'Edit', '2026-11-20T12:05:00+00:00', { Rating: 'Achieved', Note: 'rating typed wrongly' }),
    // An undo stamped earlier than the edit: the edit, being later, still decides.
    correction('c-undo-early', id(2), 'Void', '2026-11-20T11:00:00+00:00'),
    // A correction of the edit (typed by hand): applies to the original log.
    correction('c-edit-again', 'c-edit', 'Edit', '2026-11-21T09:00:00+00:00', { Rating: 'Emerging' }),
    correction('c-orphan', 'log-deleted-by-hand', 'Void', '2026-11-21T09:30:00+00:00'),
    [...rows[3]!.slice(0, 9), '=the same row synced twice', ...rows[3]!.slice(10)],
    logRow({ 'Log ID': 'typed-twice', Time: 'last Tuesday', 'Pupil ID': cell(4, 'Pupil ID'), Kind: 'Note' }),
    logRow({ 'Log ID': 'typed-twice', Time: '2026-11-19T10:00:00+00:00', 'Pupil ID': cell(4, 'Pupil ID'), Kind: 'Note', Note: 'kept' }),
    [],
    logRow({ 'Log ID': 'no-pupil', Time: '2026-11-19T10:10:00+00:00', Kind: 'Note', Note: 'who was this?' }),
    logRow({ 'Log ID': 'ref-note', Time: '2026-11-19T10:20:00+00:00', 'Pupil ID': cell(4, 'Pupil ID'), Kind: 'Note', Note: '#REF!' }),
  );
  return wb;
}

/** What export-logs wrote before it streamed: the whole tracker parsed, then the core's CSV of its logs. */
async function wholeTrackerExport(file: string, audit: boolean): Promise<{ csv: string; problems: number }> {
  const parsed = parseWorkbook(await readWorkbookWithExceljs(file));
  const { tracker } = parsed;
  const names = { pupils: tracker.pupils, targets: tracker.targets, staff: tracker.staff, timeZone: tracker.settings.timezone };
  const problems = parsed.findings.filter((f) => f.tab === 'Log' && f.severity === 'error').length;
  return { csv: readableLogsToCsv(audit ? tracker.logs : effectiveLogs(tracker.logs), names), problems };
}

async function exportBoth(file: string, dir: string, audit: boolean) {
  const out = join(dir, audit ? 'audit.csv' : 'logs.csv');
  const toFile = await runMain(['export-logs', file, '--out', out, '--force', ...(audit ? ['--audit'] : [])]);
  const toStdout = await runMain(['export-logs', file, ...(audit ? ['--audit'] : [])]);
  return { toFile, csv: readFileSync(out, 'utf8'), toStdout };
}

describe('export-logs streamed from a local file', { timeout: 60_000 }, () => {
  it('writes exactly the CSV the whole-tracker export wrote, with and without --audit', async () => {
    const dir = tempDir();
    const file = join(dir, 'tracker.xlsx');
    await writeWorkbook(file, awkwardWorkbook());
    for (const audit of [false, true]) {
      const expected = await wholeTrackerExport(file, audit);
      // The awkward rows are really there: corrections change the export, and some rows have errors.
      expect(expected.csv).toContain(audit ? 'c-orphan' : ',Emerging,');
      expect(expected.problems).toBeGreaterThanOrEqual(3);
      const { toFile, csv, toStdout } = await exportBoth(file, dir, audit);
      expect(toFile.code, toFile.stderr).toBe(0);
      expect(csv).toBe(expected.csv);
      expect(toStdout.stdout).toBe(expected.csv.replace(/^\uFEFF/, ''));
      expect(toFile.stderr).toContain(`${expected.problems} Log row problems left some rows out`);
    }
    const effective = await exportBoth(file, dir, false);
    expect(effective.csv).toContain(',Emerging,');
    expect(effective.csv).not.toContain('c-edit');
  });

  it('a Log with a merged range exports as the whole-tracker export reads it (the merge filled in)', async () => {
    const dir = tempDir();
    const file = join(dir, 'merged.xlsx');
    const wb = awkwardWorkbook();
    const note = String.fromCharCode(65 + LOG_HEADER.indexOf('Note'));
    wb.sheets.find((s) => s.name === 'Log')!.merges = [`${note}4:${note}6`];
    wb.sheets.find((s) => s.name === 'Log')!.values[3]![LOG_HEADER.indexOf('Note')] = 'one note across three rows';
    await writeWorkbook(file, wb);
    const expected = await wholeTrackerExport(file, false);
    expect(expected.csv.split('one note across three rows').length - 1).toBe(3); // rows 5 and 6 filled from row 4
    const { toFile, csv } = await exportBoth(file, dir, false);
    expect(toFile.code, toFile.stderr).toBe(0);
    expect(csv).toBe(expected.csv);
  });

  it('never decompresses the tabs it does not need: damaged Rota, Absence, Training and Reviews tabs do not stop it', async () => {
    const dir = tempDir();
    const file = join(dir, 'tracker.xlsx');
    await writeWorkbook(file, awkwardWorkbook());
    const expected = await wholeTrackerExport(file, false);
    // Cut each unneeded tab's worksheet XML short, as a broken download would: reading it fails.
    const parts = (await openXlsx(file)).sheets.filter((s) => ['Rota', 'Absence', 'Training', 'Reviews'].includes(s.name));
    expect(parts).toHaveLength(4);
    const zip = await JSZip.loadAsync(readFileSync(file));
    for (const p of parts) zip.file(p.part, '<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>');
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    // check reads every tab, so it meets the damage and says so.
    const check = await runMain(['check', file, '--today', '2026-11-24']);
    expect(check.code).toBe(2);
    expect(check.stderr).toMatch(/could not be read|damaged|cut short/);
    const { toFile, csv } = await exportBoth(file, dir, false);
    expect(toFile.code, toFile.stderr).toBe(0);
    expect(csv).toBe(expected.csv);
  });

  it('hands the CSV to its writer in pieces while the Log is still being read, not after', async () => {
    const dir = tempDir();
    const file = join(dir, 'term.xlsx');
    const school = generateSchool({ seed: 7, staff: 10, pupils: 60, logs: 3000, date: '2026-11-24' });
    await writeWorkbook(file, trackerWorkbook(school));
    const opened = await openTrackerFile(file);
    let rowsRead = 0;
    const counted = {
      ...opened,
      streamTab: (tab: Parameters<typeof opened.streamTab>[0], visit: Parameters<typeof opened.streamTab>[1]) =>
        opened.streamTab(
          tab,
          visit &&
            ((r, cells) => {
              rowsRead++;
              visit(r, cells);
            }),
        ),
    };
    const plan = await planLogExport(counted, false);
    if (plan.merged) throw new Error('the generated Log has no merges');
    const readInPass1 = rowsRead;
    expect(readInPass1).toBe(3001);
    const names = { pupils: school.pupils, targets: school.targets, staff: school.staff, timeZone: 'Europe/London' };
    const pieces: { text: string; rowsReadSoFar: number }[] = [];
    const { written } = await writeLogExport(counted, plan, names, {
      bom: true,
      write: (text) => pieces.push({ text, rowsReadSoFar: rowsRead - readInPass1 }),
    });
    expect(written).toBe(3000);
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces[0]!.rowsReadSoFar).toBeLessThan(3001 / 2);
    expect(pieces.every((p) => p.text.endsWith('\r\n'))).toBe(true);
    expect(pieces.map((p) => p.text).join('')).toBe((await wholeTrackerExport(file, false)).csv);
  });
});
