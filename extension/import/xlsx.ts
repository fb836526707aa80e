// A small .xlsx reader for the options page: sheet names and cell values, nothing else (no styles, formulas are
// read as their cached values). Cells come out as the core's CellValue — text, numbers (dates and times stay
// serial numbers, which the tracker parser understands), booleans, and error codes such as "#REF!" as text.
// Chosen over exceljs's browser build, which is ~1 MB and needs `eval`-like code that MV3's CSP forbids.
import type { CellValue, Grid } from '../../shared/index';
import { listZip, readZipEntry, ZipError } from './zip';

export { ZipError };

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  // Most cells have neither an entity nor an escaped control character: skip both replaces (a year's Log is
  // hundreds of thousands of values).
  if (!text.includes('&') && !text.includes('_x')) return text;
  return text
    .replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : '';
      }
      return ENTITY[e.toLowerCase()] ?? '';
    })
    .replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// The XML is scanned with indexOf rather than regular expressions over the whole sheet: a year's Log tab is ~18 MB
// of XML, and the regular expressions (one match object and one attribute map per cell) took ~1.5 s of the import.

/** Where the tag named `name` next opens at or after `from` (`<row` but not `<rowBreaks`), or -1. */
function openTag(xml: string, name: string, from: number): number {
  let at = xml.indexOf(`<${name}`, from);
  while (at !== -1) {
    const next = xml.charCodeAt(at + 1 + name.length);
    // Whitespace, ">" or "/" after the name: this tag, not a longer name that starts the same way.
    if (next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d || next === 0x3e || next === 0x2f) return at;
    at = xml.indexOf(`<${name}`, at + 1);
  }
  return -1;
}

interface Element {
  /** The text between the name and `>` (or `/>`): the attributes. */
  attrs: string;
  /** The element's content; '' for a self-closing tag. */
  inner: string;
  /** Where the element ends (just after it). */
  next: number;
}

/** The element whose tag opens at `at`, or undefined when it is cut short. */
function element(xml: string, name: string, at: number): Element | undefined {
  const close = xml.indexOf('>', at);
  if (close === -1) return undefined;
  const attrsStart = at + 1 + name.length;
  if (xml.charCodeAt(close - 1) === 0x2f) return { attrs: xml.slice(attrsStart, close - 1), inner: '', next: close + 1 };
  const endTag = `</${name}>`;
  const end = xml.indexOf(endTag, close);
  if (end === -1) return undefined;
  return { attrs: xml.slice(attrsStart, close), inner: xml.slice(close + 1, end), next: end + endTag.length };
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** Where the last `attributeAt` match's value ends (its closing quote). */
let valueEnd = 0;

/** Where the value of attribute `name` starts, in a tag whose attributes span [from, to) of `xml`; -1 when absent.
 * The value runs to `valueEnd`. A name counts at the start or after whitespace, then `=` and a quoted value. */
function attributeAt(xml: string, from: number, to: number, name: string): number {
  for (let at = xml.indexOf(name, from); at !== -1 && at < to; at = xml.indexOf(name, at + 1)) {
    if (at > from && !isSpace(xml.charCodeAt(at - 1))) continue;
    let i = at + name.length;
    while (i < to && isSpace(xml.charCodeAt(i))) i++;
    if (i >= to || xml.charCodeAt(i) !== 0x3d) continue;
    i++;
    while (i < to && isSpace(xml.charCodeAt(i))) i++;
    const quote = xml.charCodeAt(i);
    if (i >= to || (quote !== 0x22 && quote !== 0x27)) continue;
    const end = xml.indexOf(quote === 0x22 ? '"' : "'", i + 1);
    if (end === -1 || end >= to) return -1;
    valueEnd = end;
    return i + 1;
  }
  return -1;
}

/** The value of attribute `name` in a tag's attribute text (`r="B12" t="s"`), decoded; undefined when absent. */
function attribute(attrs: string, name: string): string | undefined {
  const at = attributeAt(attrs, 0, attrs.length, name);
  return at === -1 ? undefined : decodeXml(attrs.slice(at, valueEnd));
}

/** Each `name` element in `xml`, in order. */
function* elements(xml: string, name: string): Generator<Element> {
  for (let at = openTag(xml, name, 0); at !== -1; ) {
    const el = element(xml, name, at);
    if (!el) return;
    yield el;
    at = openTag(xml, name, el.next);
  }
}

/** The content of the first `name` element in `xml`, whole between `from` and `to` (all of it by default), or
 * undefined; '' for a self-closing one. */
function firstInner(xml: string, name: string, from = 0, to = xml.length): string | undefined {
  const at = openTag(xml, name, from);
  if (at === -1 || at >= to) return undefined;
  const close = xml.indexOf('>', at);
  if (close === -1 || close >= to) return undefined;
  if (xml.charCodeAt(close - 1) === 0x2f) return '';
  const endTag = endTagOf(name);
  const end = xml.indexOf(endTag, close);
  if (end === -1 || end + endTag.length > to) return undefined;
  return xml.slice(close + 1, end);
}

/** `</name>`, made once per name: `firstInner` runs for every cell of a year's Log. */
const END_TAGS = new Map<string, string>();
function endTagOf(name: string): string {
  let tag = END_TAGS.get(name);
  if (tag === undefined) END_TAGS.set(name, (tag = `</${name}>`));
  return tag;
}

/** The text of an `<si>` or `<is>`: every `<t>` run, skipping phonetic guides (`<rPh>`). */
function richText(xml: string): string {
  const withoutPhonetic = xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let out = '';
  for (const t of elements(withoutPhonetic, 't')) out += decodeXml(t.inner);
  return out;
}

/** `B12` → 1 (0-based column). */
export function columnIndex(ref: string): number {
  return columnAt(ref, 0, ref.length);
}

export function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const si of elements(xml, 'si')) out.push(richText(si.inner));
  return out;
}

// Sheets are read in place: rows and cells are found by index in the sheet's XML, and only a cell's value (and its
// type) is ever cut out of it. Slicing each tag's attributes and content, as `elements` does, made a year's Log
// (~18 MB, 750,000 cells) spend as long collecting garbage as reading.

/** The 0-based column of the cell reference at [start, end) of `xml` (`B12` → 1; no letters → 0). */
function columnAt(xml: string, start: number, end: number): number {
  let n = 0;
  let i = start;
  for (; i < end; i++) {
    let c = xml.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) c -= 0x20;
    if (c < 0x41 || c > 0x5a) break;
    n = n * 26 + (c - 64);
  }
  return i === start ? 0 : n - 1;
}

/** The cells of the row whose content spans [from, to) of the sheet's XML. */
function parseCells(xml: string, from: number, to: number, shared: readonly string[]): CellValue[] {
  const cells: CellValue[] = [];
  let nextCol = 0;
  for (let at = openTag(xml, 'c', from); at !== -1 && at < to; ) {
    const close = xml.indexOf('>', at);
    if (close === -1 || close >= to) break;
    const selfClosing = xml.charCodeAt(close - 1) === 0x2f;
    const attrsEnd = selfClosing ? close - 1 : close;
    let end = close + 1;
    if (!selfClosing) {
      end = xml.indexOf('</c>', close);
      if (end === -1 || end + 4 > to) break;
    }
    const r = attributeAt(xml, at + 2, attrsEnd, 'r');
    const col = r !== -1 && valueEnd > r ? columnAt(xml, r, valueEnd) : nextCol;
    nextCol = col + 1;
    const t = attributeAt(xml, at + 2, attrsEnd, 't');
    const type = t === -1 ? undefined : decodeXml(xml.slice(t, valueEnd));
    const value =
      type === 'inlineStr'
        ? richText(firstInner(xml, 'is', close + 1, end) ?? '')
        : cellValue(type, selfClosing ? undefined : firstInner(xml, 'v', close + 1, end), shared);
    at = openTag(xml, 'c', selfClosing ? close + 1 : end + 4);
    if (value === undefined) continue;
    while (cells.length < col) cells.push(null);
    cells[col] = value;
  }
  return cells;
}

export function parseSheet(xml: string, shared: readonly string[]): Grid {
  const grid: Grid = [];
  let nextRow = 0;
  for (let at = openTag(xml, 'row', 0); at !== -1; ) {
    const close = xml.indexOf('>', at);
    if (close === -1) break;
    const selfClosing = xml.charCodeAt(close - 1) === 0x2f;
    const end = selfClosing ? close + 1 : xml.indexOf('</row>', close);
    if (end === -1) break;
    const r = attributeAt(xml, at + 4, selfClosing ? close - 1 : close, 'r');
    const rText = r === -1 ? '' : decodeXml(xml.slice(r, valueEnd));
    const rowIndex = rText ? Number(rText) - 1 : nextRow;
    nextRow = rowIndex + 1;
    const cells = selfClosing ? [] : parseCells(xml, close + 1, end, shared);
    while (grid.length < rowIndex) grid.push([]);
    grid[rowIndex] = cells;
    at = openTag(xml, 'row', selfClosing ? end : end + 6);
  }
  return grid;
}

/** A cell's value from its type and the raw text of its `<v>` (undefined: no value, so no cell). */
function cellValue(type: string | undefined, v: string | undefined, shared: readonly string[]): CellValue | undefined {
  if (v === undefined) return undefined;
  const raw = decodeXml(v);
  switch (type) {
    case 's':
      return shared[Number(raw)] ?? '';
    case 'b':
      return raw === '1';
    case 'str':
    case 'e':
    case 'd':
      return raw;
    default: {
      const n = Number(raw);
      return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
    }
  }
}

async function text(bytes: Uint8Array, entries: ReturnType<typeof listZip>, name: string): Promise<string | undefined> {
  const entry = entries.get(name);
  return entry ? new TextDecoder().decode(await readZipEntry(bytes, entry)) : undefined;
}

/** Every sheet of a workbook, in workbook order, as tab name → grid. */
export async function readXlsx(bytes: Uint8Array): Promise<Record<string, Grid>> {
  const entries = listZip(bytes);
  const workbook = await text(bytes, entries, 'xl/workbook.xml');
  if (!workbook) throw new ZipError('This file is not an Excel workbook (.xlsx).');
  const rels = (await text(bytes, entries, 'xl/_rels/workbook.xml.rels')) ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = attribute(m[1] ?? '', 'Id');
    const target = attribute(m[1] ?? '', 'Target');
    if (id && target) targets.set(id, target);
  }
  const shared = parseSharedStrings((await text(bytes, entries, 'xl/sharedStrings.xml')) ?? '');
  const out: Record<string, Grid> = {};
  for (const m of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = attribute(m[1] ?? '', 'name');
    const rid = attribute(m[1] ?? '', 'r:id');
    const target = rid ? targets.get(rid) : undefined;
    if (!name || !target) continue;
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    const xml = await text(bytes, entries, path);
    out[name] = xml ? parseSheet(xml, shared) : [];
  }
  return out;
}
