// caseload init <file.xlsx> [--demo] [--force]
import { demoSchool } from '../../demo/school';
import { emptyTracker } from '../../shared/index';
import { planSetup } from '../../shared/index';
import { TAB_SPECS } from '../../shared/index';
import { parseCommandArgs } from '../args';
import { EXIT, type Command } from '../io';
import { openSource } from '../source-for-target';
import { resolveToday } from '../today';
import { trackerWorkbook } from '../tracker';
import { readSource } from './load';
import { keepBackup } from '../file-safety';
import { XlsxSource } from '../xlsx';

export const init: Command = {
  name: 'init',
  summary: 'make a new tracker, or add the tabs and columns an existing one lacks',
  usage: `Usage: caseload init <file.xlsx> [--demo] [--force] [--today YYYY-MM-DD]

A new file gets every tab (${TAB_SPECS.map((t) => t.name).join(', ')}) with its header row, drop-down lists and
default settings. An existing file is never overwritten: only missing tabs, columns and settings are added, and
every existing cell, column and row is left as it was (a copy of the original is kept as <file>.<date>T<time>.bak.xlsx; backups are never overwritten).

Options:
  --demo              fill a new tracker with a fictional school, including a few deliberate problems
  --today YYYY-MM-DD  the demo's "today": its logs end on this date (default: 2026-11-23)
  --force             replace an existing file instead (the old one is kept as a timestamped .bak.xlsx)`,
  async run(argv, io) {
    const args = parseCommandArgs(argv, { positionals: ['file.xlsx'], values: ['today'], flags: ['demo', 'force'] });
    const source = openSource(args.positionals[0]!);
    const demoToday = args.values.today === undefined ? undefined : resolveToday(args.values.today);
    const exists = await source.exists();

    if (!exists || args.flags.force) {
      const tracker = args.flags.demo ? demoSchool(demoToday ? { today: demoToday } : {}) : emptyTracker();
      if (exists) {
        // --force replaces, but a SENCo's tracker is too precious to delete on one flag: keep it alongside.
        // Each run gets its own timestamped backup, so a second --force never replaces the first backup.
        if (source instanceof XlsxSource) {
          const backup = await keepBackup(source.path);
          io.err(`The previous ${source.label} is kept as ${backup}.`);
        }
      }
      await source.create(trackerWorkbook(tracker));
      const what = args.flags.demo
        ? `a demo tracker for ${tracker.settings.schoolName} (${tracker.pupils.length} pupils, ${tracker.staff.length} staff, ${tracker.logs.length} log entries)`
        : 'an empty tracker';
      io.out(`Created ${source.label}: ${what}, with tabs ${TAB_SPECS.map((t) => t.name).join(', ')}.`);
      return EXIT.ok;
    }

    if (args.flags.demo) {
      io.err(
        `caseload: ${source.label} already exists, and --demo only makes a new file. Choose another name, or add --force to replace it (the old file is kept as a timestamped backup).`,
      );
      return EXIT.unusable;
    }
    const wb = await readSource(source, io);
    if (!wb) return EXIT.unusable;
    const plan = planSetup(wb);
    const { backup } = await source.apply(plan.changes);
    for (const line of plan.added) io.out(line);
    for (const line of plan.skipped) io.err(`Not changed: ${line}`);
    if (plan.added.length === 0) io.out(`${source.label} already has every tab, column and setting: nothing to add.`);
    else io.out(`Updated ${source.label}; existing data was left untouched${backup ? ` (the original is kept as ${backup})` : ''}.`);
    return EXIT.ok;
  },
};
