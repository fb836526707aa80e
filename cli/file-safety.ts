// No file lost, ever. Every file the CLI writes goes through here:
// - a backup is a new timestamped file beside the original (`t.2026-11-30T09-14-02.bak.xlsx`), never an
//   overwrite of an older backup: a clash adds a counter (`t.2026-11-30T09-14-02.2.bak.xlsx`);
// - a write goes to a temporary file in the same folder and is renamed over the target, so a crash half way
//   leaves the old file whole (a rename within one folder is atomic on every file system we run on);
// - an export (CSV) refuses to land on the input or on any spreadsheet file, with or without --force.
import { constants, writeSync } from 'node:fs';
import { copyFile, open, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';

/** Local wall-clock time as `2026-11-30T09-14-02` (colons are not allowed in Windows file names). */
export function backupStamp(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}T${p(at.getHours())}-${p(at.getMinutes())}-${p(at.getSeconds())}`;
}

/** `dir/t.xlsx` → `dir/t.<stamp>[.<n>].bak.xlsx`. */
export function backupName(path: string, at: Date, counter = 1): string {
  const ext = extname(path);
  const stem = basename(path, ext);
  return join(dirname(path), `${stem}.${backupStamp(at)}${counter > 1 ? `.${counter}` : ''}.bak${ext}`);
}

/** Copy `path` to a fresh backup name and return it. COPYFILE_EXCL makes "never overwrite" the file system's
 * promise rather than a check that could race. */
export async function keepBackup(path: string, now: () => Date = () => new Date()): Promise<string> {
  const at = now();
  for (let n = 1; n < 1000; n++) {
    const target = backupName(path, at, n);
    try {
      await copyFile(path, target, constants.COPYFILE_EXCL);
      return target;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  throw new Error(`Could not find a free name for a backup of ${path}; move some old .bak files away and try again.`);
}

/** A temporary name in the target's own folder, so the final rename never crosses a file system. */
export function tempNameFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
}

/** Write through a temporary file and a rename; `write` fills the temporary file. */
export async function writeViaTemp(path: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = tempNameFor(path);
  try {
    await write(tmp);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Write text through a temporary file and a rename. */
export async function writeTextSafely(path: string, text: string): Promise<void> {
  await writeViaTemp(path, async (tmp) => {
    const fh = await open(tmp, 'wx');
    try {
      await fh.writeFile(text, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
  });
}

/** Write text through a temporary file and a rename, in pieces as `fill` produces them (an export of a year of
 * logs is never held whole). The pieces are written synchronously, so they land in the order given. */
export async function writeStreamSafely<T>(path: string, fill: (write: (text: string) => void) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await writeViaTemp(path, async (tmp) => {
    const fh = await open(tmp, 'wx');
    try {
      result = await fill((text) => {
        writeAll(fh.fd, text);
      });
      await fh.sync();
    } finally {
      await fh.close();
    }
  });
  return result as T;
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

const SPREADSHEET_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xlsb', '.xls', '.xltx', '.xltm', '.ods', '.numbers']);

async function samePath(a: string, b: string): Promise<boolean> {
  const real = async (p: string) => realpath(p).catch(() => resolve(p));
  return (await real(a)) === (await real(b));
}

/** Why an export must not be written to `out`, or undefined when it may. `inputs` are the files the command
 * read. --force never overrides this: it only allows replacing an earlier export. */
export async function exportTargetProblem(out: string, inputs: readonly string[]): Promise<string | undefined> {
  for (const input of inputs) {
    if (await samePath(out, input))
      return `${out} is the tracker being exported; writing the CSV there would destroy it. Choose another name, e.g. --out logs.csv.`;
  }
  if (SPREADSHEET_EXTENSIONS.has(extname(out).toLowerCase())) {
    return `${out} is a spreadsheet file name; a CSV export is never written over a spreadsheet. Choose a name ending .csv.`;
  }
  const info = await stat(out).catch(() => undefined);
  if (info?.isDirectory()) return `${out} is a directory; give a file name for the CSV, e.g. ${join(out, 'logs.csv')}.`;
  if (info?.isFile()) {
    // A spreadsheet renamed to .csv is still a spreadsheet: look at the first bytes, not the name.
    const fh = await open(out, 'r');
    try {
      const head = Buffer.alloc(4);
      await fh.read(head, 0, 4, 0);
      if (head.readUInt32LE(0) === 0x04034b50 || head.readUInt32LE(0) === 0xe011cfd0) {
        return `${out} holds a spreadsheet, not a CSV; it is never overwritten by an export. Choose another name.`;
      }
    } finally {
      await fh.close();
    }
  }
  return undefined;
}
