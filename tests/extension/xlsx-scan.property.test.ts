// The Options page's .xlsx reader scans sheet XML with indexOf (a year's Log is ~18 MB of XML). This checks it
// against the regular-expression reader it replaced, kept here as the reference, on generated sheet XML shaped
// like what Excel, Google Sheets and exceljs write (SpreadsheetML, ECMA-376 Part 1 §18.3.1.4 <c>, §18.3.1.73
// <row>, §18.4.8 <si>): attributes in any order and quoting, self-closing rows and cells, formulas before values,
// inline strings, rich-text runs with phonetic guides, entities, and neighbouring tags that start the same way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnIndex, decodeXml, parseSharedStrings, parseSheet } from '../../extension/import/xlsx';
import type { CellValue, Grid } from '../../shared/model';

// ---- the reference: the regular-expression reader as it was ----
function refAttributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] = decodeXml(m[2] ?? m[3] ?? '');
  return out;
}
function refRichText(xml: string): string {
  let out = '';
  for (const m of xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += decodeXml(m[1] ?? '');
  return out;
}
const refShared = (xml: string) => [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => refRichText(m[1] ?? ''));
function refCell(type: string | undefined, inner: string, shared: readonly string[]): CellValue | undefined {
  if (type === 'inlineStr') return refRichText(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
  const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(inner)?.[1];
  if (v === undefined) return undefined;
  const raw = decodeXml(v);
  if (type === 's') return shared[Number(raw)] ?? '';
  if (type === 'b') return raw === '1';
  if (type === 'str' || type === 'e' || type === 'd') return raw;
  const n = Number(raw);
  return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
}
function refSheet(xml: string, shared: readonly string[]): Grid {
  const grid: Grid = [];
  let nextRow = 0;
  for (const row of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = refAttributes(row[1] ?? '')['r'];
    const rowIndex = r ? Number(r) - 1 : nextRow;
    nextRow = rowIndex + 1;
    const cells: CellValue[] = [];
    let nextCol = 0;
    for (const c of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = refAttributes(c[1] ?? '');
      const col = attrs['r'] ? columnIndex(attrs['r']) : nextCol;
      nextCol = col + 1;
      const value = refCell(attrs['t'], c[2] ?? '', shared);
      if (value === undefined) continue;
      while (cells.length < col) cells.push(null);
      cells[col] = value;
    }
    while (grid.length < rowIndex) grid.push([]);
    grid[rowIndex] = cells;
  }
  return grid;
}

// ---- generated SpreadsheetML ----
const text = fc.stringMatching(/^[A-Za-z0-9 ,.'"<>&é_x0D]{0,12}$/);
const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const space = fc.constantFrom(' ', '  ', '\n  ', '\t');
const quoted = (v: string) => fc.constantFrom(`"${v}"`, `'${v}'`);
const letters = (col: number) => (col < 26 ? String.fromCharCode(65 + col) : `A${String.fromCharCode(65 + (col - 26))}`);

const run = text.map((t) => `<r><rPr><b/></rPr><t xml:space="preserve">${xmlEscape(t)}</t></r>`);
const richBody = fc.oneof(
  text.map((t) => `<t>${xmlEscape(t)}</t>`),
  fc
    .tuple(fc.array(run, { maxLength: 3 }), fc.boolean())
    .map(([runs, phonetic]) => runs.join('') + (phonetic ? '<rPh sb="0" eb="1"><t>ふ</t></rPh>' : '')),
  fc.constant('<t/>'),
);

const cellBody = (shared: number) =>
  fc.oneof(
    fc.integer({ min: 0, max: shared + 2 }).map((i) => ({ t: 's', body: `<v>${i}</v>` })),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => ({ t: undefined, body: `<v>${n}</v>` })),
    fc.constantFrom('0', '1').map((b) => ({ t: 'b', body: `<v>${b}</v>` })),
    text.map((s) => ({ t: 'str', body: `<f>CONCAT("a","b")</f><v>${xmlEscape(s)}</v>` })),
    fc.constantFrom('#REF!', '#N/A').map((e) => ({ t: 'e', body: `<v>${e}</v>` })),
    richBody.map((b) => ({ t: 'inlineStr', body: `<is>${b}</is>` })),
    fc.constant({ t: undefined, body: '' }),
    text.map((s) => ({ t: undefined, body: `<v xml:space="preserve">${xmlEscape(s)}</v>` })),
  );

const cell = (shared: number) =>
  fc
    .record({
      col: fc.option(fc.integer({ min: 0, max: 40 })),
      style: fc.boolean(),
      body: cellBody(shared),
      sp: space,
      selfClose: fc.boolean(),
    })
    .chain(({ col, style, body, sp, selfClose }) =>
      fc.tuple(col === null ? fc.constant('') : quoted(`${letters(col)}1`), quoted(body.t ?? '')).map(([r, t]) => {
        const attrs = [r ? `r=${r}` : '', style ? 's="3"' : '', body.t ? `t=${t}` : ''].filter(Boolean).join(sp);
        const open = `<c${attrs ? ` ${attrs}` : ''}`;
        return selfClose && body.body === '' ? `${open}/>` : `${open}>${body.body}</c>`;
      }),
    );

const row = (shared: number) =>
  fc
    .record({ r: fc.option(fc.integer({ min: 1, max: 60 })), cells: fc.array(cell(shared), { maxLength: 6 }), empty: fc.boolean() })
    .map(({ r, cells, empty }) => {
      const attrs = `${r === null ? '' : ` r="${r}"`} spans="1:6" x14ac:dyDescent="0.25"`;
      return empty && cells.length === 0 ? `<row${attrs}/>` : `<row${attrs}>${cells.join('')}</row>`;
    });

const sheet = (shared: number) =>
  fc
    .array(row(shared), { maxLength: 12 })
    .map(
      (rows) =>
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="1" max="3" width="12"/></cols><sheetData>${rows.join('\n')}</sheetData><rowBreaks count="1"><brk id="5"/></rowBreaks><colBreaks/></worksheet>`,
    );

const sharedXml = fc
  .array(
    fc.oneof(
      richBody.map((b) => `<si>${b}</si>`),
      fc.constant('<si/>'),
    ),
    { maxLength: 8 },
  )
  .map((sis) => `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${sis.length}">${sis.join('')}</sst>`);

describe('the .xlsx sheet scanner', () => {
  it('reads shared strings as the regular-expression reader did', () => {
    fc.assert(
      fc.property(sharedXml, (xml) => {
        expect(parseSharedStrings(xml)).toEqual(refShared(xml));
      }),
      { numRuns: 300 },
    );
  });

  it('reads sheets as the regular-expression reader did', () => {
    fc.assert(
      fc.property(
        sharedXml.chain((xml) => fc.tuple(fc.constant(xml), sheet(refShared(xml).length))),
        ([sharedStrings, xml]) => {
          const shared = refShared(sharedStrings);
          expect(parseSheet(xml, shared)).toEqual(refSheet(xml, shared));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('tells <row> from <rowBreaks> and <c> from <cols>, and reads single-quoted and spaced attributes', () => {
    const xml = `<cols><col min='1'/></cols><row r = '2'><c r='B2' t = 'str'><v>a &amp; b</v></c><c t="b"><v>1</v></c></row><rowBreaks/>`;
    expect(parseSheet(xml, [])).toEqual([[], [null, 'a & b', true]]);
  });
});
