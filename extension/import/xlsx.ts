// A small .xlsx reader for the options page: sheet names and cell values, nothing else (no styles, formulas are
// read as their cached values). Cells come out as the core's CellValue — text, numbers (dates and times stay
// serial numbers, which the tracker parser understands), booleans, and error codes such as "#REF!" as text.
// Chosen over exceljs's browser build, which is ~1 MB and needs `eval`-like code that MV3's CSP forbids.
import type { CellValue, Grid } from '../../shared/index';
import { listZip, readZipEntry, ZipError } from './zip';

export { ZipError };

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
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

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] = decodeXml(m[2] ?? m[3] ?? '');
  return out;
}

/** The text of an `<si>` or `<is>`: every `<t>` run, skipping phonetic guides (`<rPh>`). */
function richText(xml: string): string {
  const withoutPhonetic = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of withoutPhonetic.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += decodeXml(m[1] ?? '');
  return out;
}

/** `B12` → 1 (0-based column). */
export function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/i.exec(ref)?.[0].toUpperCase() ?? 'A';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function parseSharedStrings(xml: string): string[] {
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => richText(m[1] ?? ''));
}

export function parseSheet(xml: string, shared: readonly string[]): Grid {
  const grid: Grid = [];
  let nextRow = 0;
  for (const row of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = attributes(row[1] ?? '')['r'];
    const rowIndex = r ? Number(r) - 1 : nextRow;
    nextRow = rowIndex + 1;
    const cells: CellValue[] = [];
    let nextCol = 0;
    for (const c of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = attributes(c[1] ?? '');
      const col = attrs['r'] ? columnIndex(attrs['r']) : nextCol;
      nextCol = col + 1;
      const value = cellValue(attrs['t'], c[2] ?? '', shared);
      if (value === undefined) continue;
      while (cells.length < col) cells.push(null);
      cells[col] = value;
    }
    while (grid.length < rowIndex) grid.push([]);
    grid[rowIndex] = cells;
  }
  return grid;
}

function cellValue(type: string | undefined, inner: string, shared: readonly string[]): CellValue {
  if (type === 'inlineStr') return richText(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
  const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(inner)?.[1];
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
    const a = attributes(m[1] ?? '');
    if (a['Id'] && a['Target']) targets.set(a['Id'], a['Target']);
  }
  const shared = parseSharedStrings((await text(bytes, entries, 'xl/sharedStrings.xml')) ?? '');
  const out: Record<string, Grid> = {};
  for (const m of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const a = attributes(m[1] ?? '');
    const name = a['name'];
    const target = a['r:id'] ? targets.get(a['r:id']) : undefined;
    if (!name || !target) continue;
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    const xml = await text(bytes, entries, path);
    out[name] = xml ? parseSheet(xml, shared) : [];
  }
  return out;
}
