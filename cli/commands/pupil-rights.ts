import { findPupil, pupilExport } from '../../shared/index';
import { parseCommandArgs } from '../args';
import { exportTargetProblem, writeTextSafely } from '../file-safety';
import { EXIT, type Command } from '../io';
import { openSource } from '../source-for-target';
import { XlsxSource } from '../xlsx';
import { readSource } from './load';

export const pupilExportCommand: Command = {
  name: 'pupil-export',
  summary: 'everything the tracker holds about one pupil, as JSON (a subject access request)',
  usage: `Usage: caseload pupil-export <file.xlsx> <Pupil ID> [--out pupil.json] [--force]

Lists every row about the pupil in every tab Caseload knows (Pupils, Targets, Log, Reviews, Rota), each as its
headers and values with its row number, and any other cell that mentions the pupil's ID or full name. The
device copy of an LSA's extension is exported from its Options page ("Export everything about one pupil").

Options:
  --out FILE  write the JSON to FILE (never over the tracker or any spreadsheet); default: standard output
  --force     replace FILE if it is an earlier export`,
  async run(argv, io) {
    const args = parseCommandArgs(argv, { positionals: ['file.xlsx', 'Pupil ID'], values: ['out'], flags: ['force'] });
    const [file, pupilId] = args.positionals as [string, string];
    const out = args.values.out;
    if (out !== undefined) {
      const problem = await exportTargetProblem(out, [file]);
      if (problem) {
        io.err(`caseload: ${problem}`);
        return EXIT.unusable;
      }
      if (!args.flags.force && (await new XlsxSource(out).exists())) {
        io.err(`caseload: ${out} already exists; add --force to replace it.`);
        return EXIT.unusable;
      }
    }
    const source = openSource(file);
    const wb = await readSource(source, io);
    if (!wb) return EXIT.unusable;
    const found = findPupil(wb, pupilId);
    if (found.rows.length === 0 && found.mentions.length === 0) {
      io.err(
        `caseload: ${source.label} holds nothing about pupil ${pupilId}. Check the Pupil ID (it is in the Pupils tab's first column).`,
      );
      return EXIT.findings;
    }
    const json = JSON.stringify(pupilExport(found), (_k, v: unknown) => v, 2);
    if (out === undefined) io.out(json);
    else {
      await writeTextSafely(out, `${json}\n`);
      io.err(
        `Wrote ${found.rows.length} row${found.rows.length === 1 ? '' : 's'} about ${pupilId} to ${out}. It holds special-category data: send it securely and delete your copy once sent.`,
      );
    }
    return EXIT.ok;
  },
};
