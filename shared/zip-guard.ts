// The decompression guard: decide from a ZIP's own directory, before anything is inflated, whether an .xlsx is
// safe to open. An .xlsx is a ZIP of XML parts; a 523 KB file can declare 400 MB of XML (a "zip bomb") and a
// reader that inflates it first and asks later takes gigabytes of memory. This reads only the end-of-central-
// directory record and the central directory (a few KB at the end of the file), so the answer costs nothing.
//
// Pure: bytes in, a verdict out. The CLI calls it at its single file-loading entry (cli/xlsx.ts), the extension's
// import (extension/import/zip.ts) can call it on the bytes of a picked file.
//
// The limits are documented in README ("Limits") and PRIVACY.md: a real tracker of 100,000 log rows expands to
// well under 100 MB of XML.

/** Most XML the parts of one .xlsx may expand to, in total. */
export const MAX_EXPANDED_BYTES = 100 * 1024 * 1024;
/** Most parts (files inside the ZIP). Excel writes a few dozen; tens of thousands is a crafted file. */
export const MAX_ZIP_ENTRIES = 10_000;
/** One part may not expand more than this many times its stored size once it is past MAX_RATIO_FLOOR bytes:
 * deflated XML of a real sheet is 5–50 times smaller, a bomb is thousands of times. */
export const MAX_RATIO = 1_000;
const MAX_RATIO_FLOOR = 8 * 1024 * 1024;

export type ZipVerdict =
  | { ok: true; entries: number; expandedBytes: number }
  | { ok: false; reason: 'empty' | 'encrypted' | 'not-zip' | 'damaged' | 'too-large' | 'zip64'; message: string };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}
function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

function megabytes(n: number): string {
  return `${Math.round(n / (1024 * 1024))} MB`;
}

/**
 * The verdict on a would-be .xlsx. Messages are for a person and say what to do; they never name a library.
 * They are phrased to follow the file's name: `${path} ${message}`.
 */
export function checkZipDirectory(bytes: Uint8Array): ZipVerdict {
  if (bytes.length === 0)
    return { ok: false, reason: 'empty', message: 'is empty (0 bytes). Open the original tracker, or make one with "caseload init".' };
  if (CFB_SIGNATURE.every((v, i) => bytes[i] === v)) {
    return {
      ok: false,
      reason: 'encrypted',
      message:
        'is password-protected or an old-style .xls file, which Caseload cannot read. Open it in Excel, remove the password (File › Info › Protect Workbook) or save it as .xlsx, and try again.',
    };
  }
  if (bytes.length < 22 || u32(bytes, 0) !== 0x04034b50) {
    return {
      ok: false,
      reason: 'not-zip',
      message: 'is not an .xlsx spreadsheet. Save it from Excel or Google Sheets as "Excel Workbook (.xlsx)" and try again.',
    };
  }
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  const damaged = {
    ok: false,
    reason: 'damaged',
    message:
      'is damaged or incomplete (perhaps a download or copy was cut short). Copy or download it again, or open it in Excel and save it again.',
  } as const;
  if (eocd < 0) return damaged;
  const count = u16(bytes, eocd + 10);
  const dirSize = u32(bytes, eocd + 12);
  const dirStart = u32(bytes, eocd + 16);
  if (count === 0xffff || dirStart === 0xffffffff || dirSize === 0xffffffff) {
    return {
      ok: false,
      reason: 'zip64',
      message: `is larger than a tracker can be (over 4 GB inside). Caseload opens trackers up to ${megabytes(MAX_EXPANDED_BYTES)} of spreadsheet data.`,
    };
  }
  if (count > MAX_ZIP_ENTRIES)
    return { ok: false, reason: 'too-large', message: `holds ${count} parts, far more than a spreadsheet has; it cannot be a tracker.` };
  if (dirStart + dirSize > eocd) return damaged;
  let at = dirStart;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || u32(bytes, at) !== CENTRAL_SIGNATURE) return damaged;
    const flags = u16(bytes, at + 8);
    const compressed = u32(bytes, at + 20);
    const expanded = u32(bytes, at + 24);
    if (flags & 1) {
      return {
        ok: false,
        reason: 'encrypted',
        message: 'is encrypted. Open it in Excel, remove the password and save it as .xlsx, then try again.',
      };
    }
    if (compressed === 0xffffffff || expanded === 0xffffffff) {
      return {
        ok: false,
        reason: 'zip64',
        message: `is larger than a tracker can be (over 4 GB inside). Caseload opens trackers up to ${megabytes(MAX_EXPANDED_BYTES)} of spreadsheet data.`,
      };
    }
    total += expanded;
    const tooRatio = expanded > MAX_RATIO_FLOOR && expanded > Math.max(compressed, 1) * MAX_RATIO;
    if (total > MAX_EXPANDED_BYTES || tooRatio) {
      return {
        ok: false,
        reason: 'too-large',
        message: `would expand to more than ${megabytes(MAX_EXPANDED_BYTES)} of spreadsheet data${tooRatio ? ` (one part grows ${Math.round(expanded / Math.max(compressed, 1))} times)` : ''}, more than any tracker needs, so it was not opened. If it is a real tracker, split old Log rows into an archive file; otherwise delete it.`,
      };
    }
    at += 46 + u16(bytes, at + 28) + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return { ok: true, entries: count, expandedBytes: total };
}

export interface ZipPart {
  method: number;
  compressedSize: number;
  /** What the directory declares; a crafted file can lie, so a reader that inflates must stop at this size. */
  expandedSize: number;
  /** Where the compressed data starts. */
  dataStart: number;
}

/** The parts of a ZIP that passed checkZipDirectory, for a reader that verifies each one inflates to no more than
 * it declared (the directory alone cannot prove that). */
export function zipParts(bytes: Uint8Array): ZipPart[] {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return [];
  const count = u16(bytes, eocd + 10);
  let at = u32(bytes, eocd + 16);
  const parts: ZipPart[] = [];
  for (let i = 0; i < count && at + 46 <= bytes.length; i++) {
    const local = u32(bytes, at + 42);
    const dataStart = local + 30 + (local + 30 <= bytes.length ? u16(bytes, local + 26) + u16(bytes, local + 28) : 0);
    parts.push({ method: u16(bytes, at + 10), compressedSize: u32(bytes, at + 20), expandedSize: u32(bytes, at + 24), dataStart });
    at += 46 + u16(bytes, at + 28) + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return parts;
}
