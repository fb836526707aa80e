// The single door every file the CLI reads comes through: it names the path the user typed, says what is wrong
// in words a SENCo can act on, and refuses a file before it can balloon in memory.
import { readFile, stat } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { checkZipDirectory, zipParts, MAX_EXPANDED_BYTES } from '../shared/index';

/** A file the CLI cannot use. Its message names the path as typed and says what to do; the command exits 2. */
export class InputFileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'InputFileError';
  }
}

/** Biggest file the CLI will read at all (a tracker or a CSV). */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

async function statOrExplain(path: string): Promise<number> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new InputFileError(path, `${path}: you do not have permission to read it.`);
    throw new InputFileError(path, `${path}: no such file. Check the name and folder.`);
  }
  if (info.isDirectory()) throw new InputFileError(path, `${path} is a directory, not a file. Give the path of the file inside it.`);
  if (!info.isFile()) throw new InputFileError(path, `${path} is not a regular file.`);
  if (info.size > MAX_INPUT_BYTES)
    throw new InputFileError(
      path,
      `${path} is ${Math.round(info.size / 1048576)} MB, larger than the ${MAX_INPUT_BYTES / 1048576} MB Caseload reads.`,
    );
  return info.size;
}

async function readOrExplain(path: string): Promise<Buffer> {
  await statOrExplain(path);
  try {
    return await readFile(path);
  } catch {
    throw new InputFileError(path, `${path} could not be read (is it open in another program, or on a drive that went away?).`);
  }
}

/** What the user is told when a part inflates past the size the ZIP's directory declared for it. */
export const LYING_SIZE_MESSAGE = 'holds more data than its own index declares, a sign of a crafted file; it was not opened.';
/** What the user is told when a part does not inflate (a cut-short or corrupted copy). */
export const DAMAGED_MESSAGE =
  'is damaged or incomplete (perhaps a download or copy was cut short). Copy or download it again, or open it in Excel and save it again.';

/**
 * The size checks that need no inflating: the file is readable, not too big, and its ZIP directory promises a sane
 * expanded size (shared/zip-guard.ts). For a reader that streams each part and holds it to the size the directory
 * declared as it inflates (cli/xlsx-stream.ts), which is the same proof readTrackerBytes gives by inflating every
 * part up front, without inflating the file twice.
 */
export async function checkTrackerDirectory(path: string): Promise<void> {
  const bytes = await readOrExplain(path);
  const verdict = checkZipDirectory(bytes);
  if (!verdict.ok) throw new InputFileError(path, `${path} ${verdict.message}`);
}

/**
 * The bytes of an .xlsx, once its ZIP directory promises a sane size (shared/zip-guard.ts) and each part is
 * proven, by inflating it with a ceiling at its declared size, to keep that promise. Memory stays bounded by
 * MAX_EXPANDED_BYTES whatever the file claims.
 */
export async function readTrackerBytes(path: string): Promise<Buffer> {
  const bytes = await readOrExplain(path);
  const verdict = checkZipDirectory(bytes);
  if (!verdict.ok) throw new InputFileError(path, `${path} ${verdict.message}`);
  for (const part of zipParts(bytes)) {
    if (part.method !== 8) continue;
    try {
      inflateRawSync(bytes.subarray(part.dataStart, part.dataStart + part.compressedSize), {
        maxOutputLength: Math.min(part.expandedSize, MAX_EXPANDED_BYTES) + 1,
      });
    } catch (e) {
      const tooBig = e instanceof RangeError || (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
      throw new InputFileError(path, `${path} ${tooBig ? LYING_SIZE_MESSAGE : DAMAGED_MESSAGE}`);
    }
  }
  return bytes;
}

/** Text of a CSV, or a clear refusal when it is empty, binary or not UTF-8 text. */
export async function readCsvText(path: string): Promise<string> {
  const bytes = await readOrExplain(path);
  if (bytes.length === 0) throw new InputFileError(path, `${path} is empty (0 bytes). Export the list from your MIS again as CSV.`);
  const magic = bytes.length >= 4 ? bytes.readUInt32LE(0) : 0;
  if (magic === 0x04034b50 || magic === 0xe011cfd0) {
    throw new InputFileError(
      path,
      `${path} is a spreadsheet, not a CSV. Open it in Excel or Sheets and use File › Save as / Download › CSV.`,
    );
  }
  if (bytes.includes(0)) {
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    throw new InputFileError(
      path,
      utf16
        ? `${path} is saved as UTF-16 ("Unicode text"). Save it again as "CSV UTF-8 (comma delimited)".`
        : `${path} is not a text file (it holds binary data). Export the list from your MIS again as CSV.`,
    );
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const replaced = (text.match(/\uFFFD/g) ?? []).length;
  if (replaced > 0 && replaced > text.length / 100) {
    throw new InputFileError(path, `${path} is not UTF-8 text. Save it again as "CSV UTF-8 (comma delimited)".`);
  }
  if (text.replace(/^\uFEFF/, '').trim() === '')
    throw new InputFileError(path, `${path} has no rows (only blank lines). Export the list from your MIS again as CSV.`);
  return text;
}

export { MAX_EXPANDED_BYTES };
