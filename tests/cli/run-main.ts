// The CLI's own entry (cli/index.ts main) run in this process, with its output captured: the same code the bin
// runs, without a Node start-up per call. Paths are given absolute, so the working folder does not matter.
import { main } from '../../cli/index';
import type { CliResult } from './run-cli';

export async function runMain(args: readonly string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io = {
    out: (t: string) => void (stdout += t.endsWith('\n') ? t : `${t}\n`),
    err: (t: string) => void (stderr += t.endsWith('\n') ? t : `${t}\n`),
  };
  try {
    const code = await main(args, io);
    return { code, stdout, stderr };
  } catch (e) {
    // What the bin does with an unforeseen error (cli/main.ts): its message, exit 2.
    return { code: 2, stdout, stderr: `${stderr}caseload: ${e instanceof Error ? e.message : String(e)}\n` };
  }
}
