// The caseload command line: a thin adapter over shared/. Each command parses its arguments, reads a tracker
// through a TrackerSource, asks the core, and prints. Nothing here decides what is valid or due.
import { UsageError } from './args';
import { check } from './commands/check';
import { exportLogs } from './commands/export-logs';
import { importCaseload } from './commands/import-caseload';
import { init } from './commands/init';
import { pupilExportCommand } from './commands/pupil-rights';
import { pupilEraseCommand } from './commands/pupil-erase';
import { statement } from './commands/statement';
import { EXIT, processIo, type Command, type Io } from './io';
import { takeSheetOptions } from './sheets';

export const COMMANDS: readonly Command[] = [init, check, importCaseload, exportLogs, statement, pupilExportCommand, pupilEraseCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: caseload <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "caseload <command> --help" for a command\'s options.',
    'A Google Sheet instead of a file: --sheet <id or URL> with --token <access token> or --key-file <key.json>',
    '(or CASELOAD_TOKEN / GOOGLE_APPLICATION_CREDENTIALS); --root-url <URL> for another Sheets API root.',
    'Exit status: 0 no errors, 1 errors found, 2 the input could not be used.',
  ].join('\n');
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [name, ...given] = argv;
  // --sheet, --token, --key-file, --root-url are common to every command: a Sheet stands where a file would.
  const rest = takeSheetOptions(given);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(overview());
    return name === undefined ? EXIT.unusable : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`caseload: unknown command "${name}".\n\n${overview()}`);
    return EXIT.unusable;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`caseload ${command.name}: ${e.message}\n\n${command.usage}`);
      return EXIT.unusable;
    }
    throw e;
  }
}
