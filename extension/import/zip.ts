// Just enough of the ZIP format to read an .xlsx in the options page: the central directory, stored and
// deflated entries (inflated by the browser's own DecompressionStream). No encryption, no ZIP64 — an .xlsx
// made by Excel, Sheets or `caseload init` never needs them.

import { checkZipDirectory } from '../../shared/index';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

export class ZipError extends Error {}

export function listZip(bytes: Uint8Array): Map<string, ZipEntry> {
  // The shared decompression guard first: a file that would expand beyond the documented limit, or is encrypted,
  // empty or cut short, is refused before anything is inflated.
  const verdict = checkZipDirectory(bytes);
  if (!verdict.ok)
    throw new ZipError(
      verdict.reason === 'not-zip' ? 'This file is not a spreadsheet (.xlsx) — it is not a ZIP archive.' : `This file ${verdict.message}`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 22 bytes plus up to 64 KB of comment.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('This file is not a spreadsheet (.xlsx) — it is not a ZIP archive.');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_SIGNATURE) throw new ZipError('The spreadsheet file is damaged.');
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.set(name, {
      name,
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export async function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Promise<Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (view.getUint32(at, true) !== LOCAL_SIGNATURE) throw new ZipError('The spreadsheet file is damaged.');
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new ZipError('The spreadsheet uses a compression this reader does not know.');
  // The inflated chunks go straight into one buffer of the size the directory gives (checked against the shared
  // guard's limit already), rather than through Response.arrayBuffer's copies.
  const inflate = new DecompressionStream('deflate-raw');
  const writer = inflate.writable.getWriter();
  void writer.write(data as Uint8Array<ArrayBuffer>).catch(() => undefined);
  void writer.close().catch(() => undefined);
  const reader = inflate.readable.getReader();
  const out = new Uint8Array(entry.uncompressedSize);
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      throw new ZipError('The spreadsheet file is damaged: part of it could not be unpacked.');
    });
    if (done) break;
    // The shared guard checked the sizes the directory declares; a part that inflates past its declared size is
    // a damaged file or a decompression bomb dressed as a small one, and is not inflated any further.
    if (length + value.length > out.length) {
      void reader.cancel().catch(() => undefined);
      throw new ZipError('The spreadsheet file is damaged: a part of it is larger than the file says.');
    }
    out.set(value, length);
    length += value.length;
  }
  return length === out.length ? out : out.subarray(0, length);
}
