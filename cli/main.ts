// Entry point of the bundle (dist/cli/caseload.mjs): run a command and exit with its status.
import { main } from './index';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // Something we did not foresee (a full disk, a permission): say what, not a stack trace, and exit 2.
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`caseload: ${message}\n`);
    if (process.env.CASELOAD_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    process.exitCode = 2;
  },
);
