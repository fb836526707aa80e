// caseload pupil-erase (see pupil-rights.ts for pupil-export): a subject access request and an erasure request for one pupil, across
// every tab of the tracker (Pupils, Targets, Log, Reviews, Rota's pupil lists), with mentions elsewhere listed.
import { erasureSteps, findPupil } from '../../shared/index';
import { parseCommandArgs } from '../args';
import { keepBackup, writeViaTemp } from '../file-safety';
import { readTrackerBytes } from '../input-guard';
import { EXIT, type Command } from '../io';
import { openSource } from '../source-for-target';
import { XlsxSource } from '../xlsx';
import { exceljs } from '../lazy-packages';
import { readSource } from './load';

export const pupilEraseCommand: Command = {
  name: 'pupil-erase',
  summary: 'remove one pupil from every tab (an erasure request); --dry-run lists what would go',
  usage: `Usage: caseload pupil-erase <file.xlsx> <Pupil ID> [--dry-run]

Deletes every row about the pupil (Pupils, Targets, Log, Reviews; a Rota row of theirs alone) and takes them out
of group Rota rows. The Log tab is otherwise append-only; erasure is the one legal override, so their Log rows are
deleted, not voided. The original file is kept as a timestamped .bak.xlsx beside it: delete that backup too once
the erasure is confirmed, or the data survives there. Other cells that mention the pupil are listed for you to
check by hand.

On a Google Sheet (--sheet) nothing is deleted: the exact rows to delete are listed, bottom row first, so the
numbers stay right as you go.

Options:
  --dry-run   list what would be removed and change nothing`,
  async run(argv, io) {
    const args = parseCommandArgs(argv, { positionals: ['file.xlsx', 'Pupil ID'], flags: ['dry-run'] });
    const [file, pupilId] = args.positionals as [string, string];
    const source = openSource(file);
    const wb = await readSource(source, io);
    if (!wb) return EXIT.unusable;
    const found = findPupil(wb, pupilId);
    if (found.rows.length === 0) {
      io.err(`caseload: ${source.label} has no row about pupil ${pupilId}; nothing to erase.`);
      for (const line of erasureSteps(found)) io.out(line);
      return EXIT.findings;
    }
    const steps = erasureSteps(found);
    const local = source instanceof XlsxSource;
    if (args.flags['dry-run'] || !local) {
      io.out(
        `${args.flags['dry-run'] ? 'Would remove' : 'To erase'} ${pupilId} from ${source.label}${local ? '' : ' (delete these by hand, bottom row first)'}:`,
      );
      for (const line of steps) io.out(`  ${line}`);
      return EXIT.ok;
    }

    // Edit the file through exceljs, not rebuilt from values: other tabs, formats and formulas stay.
    const wbx = new (exceljs().Workbook)();
    await wbx.xlsx.load((await readTrackerBytes(source.path)) as unknown as ArrayBuffer);
    const bySheet = new Map<string, typeof found.rows>();
    for (const r of found.rows) bySheet.set(r.sheet, [...(bySheet.get(r.sheet) ?? []), r]);
    for (const [name, rows] of bySheet) {
      const ws = wbx.getWorksheet(name);
      if (!ws) continue;
      for (const r of rows.filter((x) => x.action === 'remove-from-list')) ws.getRow(r.row).getCell(r.column! + 1).value = r.newValue!;
      // Bottom first, so the row numbers above stay right.
      for (const r of rows.filter((x) => x.action === 'delete').sort((a, b) => b.row - a.row)) ws.spliceRows(r.row, 1);
    }
    const backup = await keepBackup(source.path);
    await writeViaTemp(source.path, (tmp) => wbx.xlsx.writeFile(tmp));
    io.out(`Erased ${pupilId} from ${source.label}:`);
    for (const line of steps) io.out(`  ${line}`);
    io.out(
      `The file as it was is kept as ${backup}: delete it too once the erasure is confirmed. Also erase the pupil from each LSA's extension (Options › Erase one pupil) or let the retention period clear their synced logs.`,
    );
    return EXIT.ok;
  },
};
