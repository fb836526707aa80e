// Reading an .xlsx file as a stream of rows, for trackers with a year of logs in them.
//
// exceljs's `readFile` builds a full object model (every cell an object with its style) before we see a value:
// on a one-year tracker (50,000 Log rows) that is seconds and hundreds of MB. This reader goes straight from the
// file's XML to the plain cell values the core reads, holding one chunk of a worksheet's XML at a time:
//  - the zip's central directory is read first, so only the parts a command needs are inflated (export-logs
//    reads the Log alone; a tab nobody asked for is never decompressed);
//  - shared strings, styles (which cells are dates) and the workbook's sheet list are small and read whole;
//  - each worksheet is inflated as a stream and cut into <row> elements as it arrives.
// The values match what cli/xlsx.ts's exceljs path gives (tests/cli/xlsx-stream.test.ts compares the two on
// every workbook the tests use): formulas as their cached result (errors as their text, e.g. `#REF!`), rich text
// as its text, date-formatted numbers as Dates (UTC, as exceljs gives them), merged ranges listed with the value
// only in the top-left cell.
//
// Formats: ECMA-376 Part 1 (SpreadsheetML: §18.3.1.4 c, §18.3.1.73 row, §18.4.8 si, §18.8.30 numFmt, §18.3.1.55
// mergeCell) and the ZIP application note (PKWARE APPNOTE.TXT §4.3.12 central directory, §4.3.16 end record).
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';
import type { CellValue, Grid } from '../shared/index';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export class XlsxFormatError extends Error {}
/** A part inflated past the size the ZIP's directory declared for it: a crafted file, not a damaged one. */
export class XlsxSizeLieError extends XlsxFormatError {}
/** A part's compressed data does not inflate: the file was cut short or corrupted. */
export class XlsxDamagedError extends XlsxFormatError {}

/** The zip's entries by name, from its central directory (no entry is inflated). */
export async function zipEntries(path: string): Promise<Map<string, ZipEntry>> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await fh.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new XlsxFormatError('it is not a zip file (no end of central directory)');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || count === 0xffff) throw new XlsxFormatError('it is a ZIP64 file, larger than any tracker');
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const out = new Map<string, ZipEntry>();
    let at = 0;
    for (let n = 0; n < count; n++) {
      if (cd.readUInt32LE(at) !== 0x02014b50) throw new XlsxFormatError('its zip directory is damaged');
      const nameLength = cd.readUInt16LE(at + 28);
      const extraLength = cd.readUInt16LE(at + 30);
      const commentLength = cd.readUInt16LE(at + 32);
      const name = cd.toString('utf8', at + 46, at + 46 + nameLength);
      out.set(name, {
        name,
        method: cd.readUInt16LE(at + 10),
        compressedSize: cd.readUInt32LE(at + 20),
        size: cd.readUInt32LE(at + 24),
        localHeaderOffset: cd.readUInt32LE(at + 42),
      });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return out;
  } finally {
    await fh.close();
  }
}

/** An entry's uncompressed bytes as a stream of UTF-8 text chunks. */
async function* entryText(path: string, entry: ZipEntry): AsyncGenerator<string> {
  const fh = await open(path, 'r');
  const local = Buffer.alloc(30);
  try {
    await fh.read(local, 0, 30, entry.localHeaderOffset);
  } finally {
    await fh.close();
  }
  if (local.readUInt32LE(0) !== 0x04034b50) throw new XlsxFormatError(`its part ${entry.name} is damaged`);
  const start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (entry.compressedSize === 0) return;
  const raw = createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
  let stream: AsyncIterable<Buffer>;
  if (entry.method === 0) stream = raw;
  else if (entry.method === 8) stream = raw.pipe(createInflateRaw({ chunkSize: 256 * 1024 }));
  else throw new XlsxFormatError(`its part ${entry.name} uses an unsupported compression (${entry.method})`);
  // Node's StringDecoder (a character split across chunks waits for the next one) decodes a large part several
  // times faster than TextDecoder's streaming mode.
  const decoder = new StringDecoder('utf8');
  // The directory's declared sizes passed the zip-bomb limits (cli/input-guard.ts), so holding each part to its
  // declared size as it inflates bounds memory without inflating the whole file once first just to check.
  let inflated = 0;
  try {
    for await (const chunk of stream) {
      inflated += chunk.length;
      if (inflated > entry.size) throw new XlsxSizeLieError(`its part ${entry.name} holds more than its declared ${entry.size} bytes`);
      yield decoder.write(chunk);
    }
  } catch (e) {
    if (e instanceof XlsxFormatError) throw e;
    throw new XlsxDamagedError(`its part ${entry.name} does not inflate (${e instanceof Error ? e.message : String(e)})`);
  } finally {
    raw.destroy();
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

async function entryString(path: string, entry: ZipEntry | undefined): Promise<string> {
  if (!entry) return '';
  let s = '';
  for await (const t of entryText(path, entry)) s += t;
  return s;
}

// ---------------------------------------------------------------------------------------------------------------
// XML text

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML character and entity references, then the `_xHHHH_` escapes Excel writes for control characters. */
export function xmlText(s: string): string {
  let out =
    s.indexOf('&') < 0
      ? s
      : s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
          e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITY[e]!,
        );
  if (out.indexOf('_x') >= 0) out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return out;
}

/** An attribute's value, found with indexOf rather than a RegExp: `attr` runs several times per cell, and it was
 * the reader's largest single cost on a 50,000-row Log (a compiled `(?:^|\s)name="…"` pattern tries every
 * position of the tag). The name must start the attribute list or follow whitespace, so `t` never matches `ht`. */
function attr(attrs: string, name: string): string | undefined {
  const key = `${name}="`;
  for (let at = attrs.indexOf(key); at >= 0; at = attrs.indexOf(key, at + 1)) {
    if (at > 0 && !isXmlSpace(attrs.charCodeAt(at - 1))) continue;
    const start = at + key.length;
    const end = attrs.indexOf('"', start);
    if (end < 0) return undefined;
    return xmlText(attrs.slice(start, end));
  }
  return undefined;
}

function isXmlSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** The text of a string item (`<si>` or `<is>`): its `<t>`s in order, leaving out phonetic runs (`<rPh>`). */
function itemText(inner: string): string {
  const visible = inner.indexOf('<rPh') >= 0 ? inner.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : inner;
  let out = '';
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
  for (let m = re.exec(visible); m; m = re.exec(visible)) out += m[1]!;
  return xmlText(out);
}

function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  const re = /<si>([\s\S]*?)<\/si>|<si\/>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(m[1] === undefined ? '' : itemText(m[1]));
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Styles: which style indexes show a date

/** Built-in number formats that are dates or times (ECMA-376 §18.8.30). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** The same test exceljs makes: after dropping [colour]/[h] sections and quoted text, any y m d h s b. */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

function dateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  const fmtRe = /<numFmt\b([^>]*?)\/?>/g;
  for (let m = fmtRe.exec(xml); m; m = fmtRe.exec(xml)) {
    const id = Number(attr(m[1]!, 'numFmtId'));
    const code = attr(m[1]!, 'formatCode');
    if (code !== undefined) custom.set(id, code);
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  const out: boolean[] = [];
  const xfRe = /<xf\b([^>]*?)(?:\/>|>)/g;
  for (let m = xfRe.exec(xfs); m; m = xfRe.exec(xfs)) {
    const id = Number(attr(m[1]!, 'numFmtId') ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormat(code) : BUILT_IN_DATE_FORMATS.has(id));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The workbook: its sheets, in order, and where each one's XML is

export interface SheetRef {
  name: string;
  /** Zip entry name of the sheet's XML. */
  part: string;
}

function resolvePart(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = `xl/${target}`.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.') out.push(p);
  }
  return out.join('/');
}

function sheetRefs(workbookXml: string, relsXml: string): { sheets: SheetRef[]; date1904: boolean } {
  const targets = new Map<string, string>();
  const relRe = /<Relationship\b([^>]*?)\/?>/g;
  for (let m = relRe.exec(relsXml); m; m = relRe.exec(relsXml)) {
    const id = attr(m[1]!, 'Id');
    const target = attr(m[1]!, 'Target');
    if (id !== undefined && target !== undefined) targets.set(id, resolvePart(target));
  }
  const sheets: SheetRef[] = [];
  const sheetRe = /<sheet\b([^>]*?)\/?>/g;
  for (let m = sheetRe.exec(workbookXml); m; m = sheetRe.exec(workbookXml)) {
    const name = attr(m[1]!, 'name');
    const rid = attr(m[1]!, 'r:id');
    const part = rid === undefined ? undefined : targets.get(rid);
    if (name !== undefined && part !== undefined) sheets.push({ name, part });
  }
  const pr = /<workbookPr\b([^>]*?)\/?>/.exec(workbookXml)?.[1] ?? '';
  const date1904 = /date1904="(1|true)"/.test(pr);
  return { sheets, date1904 };
}

// ---------------------------------------------------------------------------------------------------------------
// Worksheets

/** `BC12` → 0-based column 54. */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

interface CellContext {
  strings: readonly string[];
  dates: readonly boolean[];
  date1904: boolean;
}

function cellValue(attrs: string, inner: string | undefined, ctx: CellContext): CellValue {
  if (inner === undefined || inner === '') return null;
  const type = attr(attrs, 't') ?? 'n';
  const vm = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>|<v\/>/.exec(inner);
  const v = vm?.[1];
  const isFormula = inner.indexOf('<f') >= 0 && /<f[\s>/]/.test(inner);
  switch (type) {
    case 's': {
      if (v === undefined) return null;
      return ctx.strings[Number(v)] ?? null;
    }
    case 'inlineStr': {
      const is = /<is>([\s\S]*?)<\/is>/.exec(inner)?.[1];
      return is === undefined ? null : detached(itemText(is));
    }
    case 'str':
      return v === undefined ? (isFormula ? null : '') : detached(xmlText(v));
    case 'b':
      return v === undefined ? null : v.trim() !== '0' && v.trim() !== 'false';
    case 'e':
      return v === undefined ? null : detached(xmlText(v));
    case 'd':
      return v === undefined ? null : new Date(xmlText(v));
    default: {
      if (v === undefined || v === '') return null;
      const n = parseFloat(v);
      const s = attr(attrs, 's');
      if (s !== undefined && ctx.dates[Number(s)]) return excelDate(n, ctx.date1904);
      return n;
    }
  }
}

/** Text cut from a worksheet's XML, as a string of its own: V8 keeps a substring as a view of the string it was cut
 * from, so one inline string kept (a Log ID remembered while streaming) would keep its whole chunk of XML alive.
 * Shared strings need no copy: their table is held anyway. */
function detached(text: string): string {
  return ` ${text}`.slice(1);
}

export interface SheetRows {
  values: Grid;
  merges: string[];
}

/** A merged range as `B2:D2`, with its bounds (0-based). */
function mergeBounds(ref: string): { r0: number; c0: number; r1: number; c1: number } | undefined {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(ref);
  if (!m) return undefined;
  const r0 = Number(m[2]) - 1;
  const c0 = columnIndex(m[1]!);
  return { r0, c0, r1: m[4] ? Number(m[4]) - 1 : r0, c1: m[3] ? columnIndex(m[3]) : c0 };
}

/** Told each row of a worksheet as it streams past: its 0-based index and its cell values (blank cells null,
 * trailing blanks left off). Rows with no cells at all are not reported. */
export type RowVisitor = (rowIndex: number, cells: CellValue[]) => void;

/** The cell values of every `<row>` in `text` (a run of whole rows), in order. */
function rowParser(ctx: CellContext, visit: RowVisitor): (text: string) => number {
  const rowRe = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
  const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
  let nextRow = 0;
  return (text) => {
    let rows = 0;
    rowRe.lastIndex = 0;
    for (let m = rowRe.exec(text); m; m = rowRe.exec(text)) {
      const r = attr(m[1]!, 'r');
      const rowIndex = r === undefined ? nextRow : Number(r) - 1;
      nextRow = rowIndex + 1;
      const inner = m[2];
      if (inner === undefined) continue;
      const cells: CellValue[] = [];
      let nextCol = 0;
      cellRe.lastIndex = 0;
      for (let c = cellRe.exec(inner); c; c = cellRe.exec(inner)) {
        const ref = attr(c[1]!, 'r');
        const col = ref === undefined ? nextCol : columnIndex(ref);
        nextCol = col + 1;
        const value = cellValue(c[1]!, c[2], ctx);
        if (value !== null) cells[col] = value;
      }
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      visit(rowIndex, cells);
      rows++;
    }
    return rows;
  };
}

/** Stream one worksheet's rows past `visit` as each chunk of XML arrives, holding no more than one chunk (and a
 * row split across two) at a time. Its merged ranges, listed after the rows in the XML, come back at the end. */
async function streamSheet(
  path: string,
  entry: ZipEntry,
  ctx: CellContext,
  visit: RowVisitor | undefined,
  onRows?: (rows: number) => void,
): Promise<string[]> {
  let buffer = '';
  let inData = true;
  let rowsRead = 0;
  // No visitor: only the merged ranges are wanted, so the rows' cells are not even parsed.
  const parse = visit ? rowParser(ctx, visit) : () => 0;
  const takeRows = (text: string) => {
    rowsRead += parse(text);
    onRows?.(rowsRead);
  };
  let first = true;
  for await (const chunk of entryText(path, entry)) {
    buffer += chunk;
    // No spreadsheet program writes a DOCTYPE in a worksheet; one here can only be there to expand entities
    // (billion laughs) or reach outside the file (XXE). Refused, never expanded. The prolog is in the first chunk.
    if (first) {
      refuseDoctype(buffer, entry.name);
      first = false;
    }
    if (inData) {
      const end = buffer.lastIndexOf('</row>');
      const selfClosing = buffer.lastIndexOf('/>');
      const dataEnd = buffer.indexOf('</sheetData>');
      if (dataEnd >= 0) {
        takeRows(buffer.slice(0, dataEnd));
        buffer = buffer.slice(dataEnd);
        inData = false;
      } else if (end >= 0 || selfClosing >= 0) {
        // Cut after the last complete row; a row split across chunks waits for the next one.
        const cut = Math.max(end >= 0 ? end + 6 : -1, lastRowBoundary(buffer));
        if (cut > 0) {
          takeRows(buffer.slice(0, cut));
          buffer = buffer.slice(cut);
        }
      }
    }
  }
  const mergeRefs: string[] = [];
  if (inData) {
    // A worksheet that never closes its sheetData was cut short (a broken copy or download): reading what is
    // there would silently lose the rest of the tab.
    if (!/<sheetData\b[^>]*\/>/.test(buffer)) throw new XlsxFormatError(`its part ${entry.name} is cut short`);
    takeRows(buffer);
  } else {
    const mergeRe = /<mergeCell\b([^>]*?)\/?>/g;
    for (let m = mergeRe.exec(buffer); m; m = mergeRe.exec(buffer)) {
      const ref = attr(m[1]!, 'ref');
      if (ref) mergeRefs.push(ref);
    }
  }
  return mergeRefs;
}

/** Read one worksheet whole, as a grid (streamed row by row underneath). */
async function readSheet(path: string, entry: ZipEntry, ctx: CellContext, onRows?: (rows: number) => void): Promise<SheetRows> {
  const grid: Grid = [];
  const mergeRefs = await streamSheet(
    path,
    entry,
    ctx,
    (rowIndex, cells) => {
      grid[rowIndex] = cells;
    },
    onRows,
  );
  for (let i = 0; i < grid.length; i++) if (grid[i] === undefined) grid[i] = [];
  // A merged range's other cells are blank in the Workbook shape, whatever the file holds there.
  for (const ref of mergeRefs) {
    const b = mergeBounds(ref);
    if (!b) continue;
    for (let r = b.r0; r <= b.r1 && r < grid.length; r++) {
      const row = grid[r]!;
      for (let c = b.c0; c <= b.c1 && c < row.length; c++) if (r !== b.r0 || c !== b.c0) row[c] = null;
      while (row.length > 0 && row[row.length - 1] === null) row.pop();
    }
  }
  while (grid.length > 0 && grid[grid.length - 1]!.length === 0) grid.pop();
  return { values: grid, merges: mergeRefs };
}

function refuseDoctype(xml: string, part: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml.slice(0, 4096)))
    throw new XlsxFormatError(`its part ${part} declares XML entities, which spreadsheets never do`);
}

/** The end of the last self-closing `<row …/>` in `s` (0 if none), so empty rows do not pile up in the buffer. */
function lastRowBoundary(s: string): number {
  const at = s.lastIndexOf('<row');
  if (at < 0) return 0;
  const close = s.indexOf('>', at);
  if (close < 0) return 0;
  return s[close - 1] === '/' ? close + 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// The file

export interface OpenedXlsx {
  sheets: SheetRef[];
  /** Read one sheet's rows. `onRows` is told the running count as rows arrive (for progress). */
  readSheet(ref: SheetRef, onRows?: (rows: number) => void): Promise<SheetRows>;
  /** Stream one sheet's rows past `visit` without keeping them (see streamSheet); its merged ranges at the end.
   * Unlike readSheet, cells a merge covers are reported as the file holds them: callers that care check the
   * merges before trusting a row. Without a visitor the rows are skipped unparsed (a quick look for merges).
   * Can be called again for a second pass. */
  streamSheet(ref: SheetRef, visit: RowVisitor | undefined, onRows?: (rows: number) => void): Promise<{ merges: string[] }>;
}

/** Open an .xlsx: its directory, shared strings, styles and sheet list. Sheets are read on demand. */
export async function openXlsx(path: string): Promise<OpenedXlsx> {
  const entries = await zipEntries(path);
  const workbookXml = await entryString(path, entries.get('xl/workbook.xml'));
  if (!workbookXml) throw new XlsxFormatError('it has no workbook part (xl/workbook.xml)');
  const [relsXml, stringsXml, stylesXml] = await Promise.all([
    entryString(path, entries.get('xl/_rels/workbook.xml.rels')),
    entryString(path, entries.get('xl/sharedStrings.xml')),
    entryString(path, entries.get('xl/styles.xml')),
  ]);
  for (const [xml, part] of [
    [workbookXml, 'xl/workbook.xml'],
    [stringsXml, 'xl/sharedStrings.xml'],
    [stylesXml, 'xl/styles.xml'],
  ] as const)
    refuseDoctype(xml, part);
  const { sheets, date1904 } = sheetRefs(workbookXml, relsXml);
  const ctx: CellContext = { strings: sharedStrings(stringsXml), dates: dateStyles(stylesXml), date1904 };
  return {
    sheets,
    async readSheet(ref, onRows) {
      const entry = entries.get(ref.part);
      if (!entry) return { values: [], merges: [] };
      return readSheet(path, entry, ctx, onRows);
    },
    async streamSheet(ref, visit, onRows) {
      const entry = entries.get(ref.part);
      if (!entry) return { merges: [] };
      return { merges: await streamSheet(path, entry, ctx, visit, onRows) };
    },
  };
}
