// The bad-input corpus (tests/fixtures/bad/): trackers and CSVs as careless users and attackers produce them.
// Small files are committed in tests/fixtures/bad/; big or binary ones (a zip bomb, a 50,000-row tab, random
// bytes) are made by this script at test time into a temporary folder, so the repository stays small.
//
//   npx jiti tests/support/bad-corpus.ts --out DIR      write every case into DIR
//   npx jiti tests/support/bad-corpus.ts --small        (re)write the small committed ones into tests/fixtures/bad/
//
// What each case is modelled on is in tests/fixtures/bad/manifest.json, with the answer the CLI must give.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { trackerToGrids } from '../../shared/index';
import { demoSchool } from '../../demo/school';
import { zipEntries } from './zip';

type Maker = () => Promise<Buffer> | Buffer;

/** A tracker with the demo school's Pupils header and one row, plus the given edit. */
async function tracker(edit: (wb: ExcelJS.Workbook) => void = () => undefined): Promise<Buffer> {
  const grids = trackerToGrids(demoSchool({ today: '2026-11-23' }));
  const wb = new ExcelJS.Workbook();
  for (const name of ['Pupils', 'Targets', 'Log', 'Staff']) {
    const ws = wb.addWorksheet(name);
    const grid = grids[name] ?? [];
    for (const row of grid.slice(0, name === 'Log' ? 20 : 8)) ws.addRow(row.map((v) => (v === undefined ? null : v)));
  }
  edit(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function setDateCell(ws: ExcelJS.Worksheet, addr: string, serial: number): void {
  // A raw serial in a date-formatted cell: how `init` formats review dates, and what Excel stores.
  const cell = ws.getCell(addr);
  cell.value = serial;
  cell.numFmt = 'dd/mm/yyyy';
}

/** A minimal .xlsx by hand, with `sheetXml` as its one sheet: for XML the libraries would never write. */
function handXlsx(sheetXml: string, sheetName = 'Pupils'): Buffer {
  const ct = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
  const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const wb = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const wbRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
  return zipEntries([
    { name: '[Content_Types].xml', data: Buffer.from(ct) },
    { name: '_rels/.rels', data: Buffer.from(rels) },
    { name: 'xl/workbook.xml', data: Buffer.from(wb) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(wbRels) },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheetXml) },
  ]);
}

const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?>`;
const sheetXml = (rows: string, doctype = '') =>
  `${SHEET_HEAD}${doctype}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const HEADER_ROW = `<row r="1">${inline('A1', 'Pupil ID')}${inline('B1', 'First name')}${inline('C1', 'Last name')}</row>`;

function seeded(n: number): () => number {
  let s = n;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

const CSV_HEAD = 'Pupil ID,First name,Last name,Year\n';

/** file name → maker. Names match tests/fixtures/bad/manifest.json. */
export const MAKERS: Record<string, Maker> = {
  // --- not spreadsheets at all
  'zero-byte.xlsx': () => Buffer.alloc(0),
  'text-renamed.xlsx': () => Buffer.from('Pupil ID,First name\nP1,Amara\n'),
  'html-error-page.xlsx': () => Buffer.from('<!DOCTYPE html><html><body>Session expired. Please log in.</body></html>'),
  'random-bytes.xlsx': () => {
    const r = seeded(7);
    return Buffer.from(Array.from({ length: 200_000 }, () => Math.floor(r() * 256)));
  },
  'pdf-renamed.xlsx': () => Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
  'encrypted-cfb.xlsx': () => {
    // Excel's "Encrypt with password" writes an OLE compound file (CFB) wrapping EncryptionInfo/EncryptedPackage.
    const b = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
    b.write('EncryptedPackage', 1024, 'utf16le');
    return b;
  },
  'old-xls.xls': () => {
    const b = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
    return b;
  },
  'zip-encrypted-flag.xlsx': () => zipEntries([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>'), flags: 1 }]),
  'truncated-half.xlsx': async () => {
    const full = await tracker();
    return full.subarray(0, Math.floor(full.length / 2));
  },
  'truncated-tail.xlsx': async () => {
    const full = await tracker();
    return full.subarray(0, full.length - 10);
  },
  'corrupt-middle.xlsx': async () => {
    const full = Buffer.from(await tracker());
    for (let i = 200; i < 1200; i++) full[i] = 0x41;
    return full;
  },
  'docx-renamed.xlsx': () => zipEntries([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }]),
  'empty-zip.xlsx': () => zipEntries([]),
  'zip-bomb-declared.xlsx': () =>
    zipEntries([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<x/>'), declared: 400 * 1024 * 1024 }]),
  'zip-bomb-real.xlsx': () => zipEntries([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(110 * 1024 * 1024, 0x20) }]),
  'zip-lying-size.xlsx': () => zipEntries([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(5 * 1024 * 1024, 0x20), declared: 100 }]),
  'many-entries.xlsx': () => zipEntries(Array.from({ length: 10_050 }, (_, i) => ({ name: `x/${i}.xml`, data: Buffer.from('<a/>') }))),
  // --- hostile XML
  'billion-laughs.xlsx': () =>
    handXlsx(
      sheetXml(
        `${HEADER_ROW}<row r="2">${inline('A2', 'P1')}${inline('B2', '&lol9;')}${inline('C2', 'X')}</row>`,
        `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>`,
      ),
    ),
  'xxe-external-entity.xlsx': () =>
    handXlsx(
      sheetXml(
        `${HEADER_ROW}<row r="2">${inline('A2', 'P1')}${inline('B2', '&xxe;')}${inline('C2', 'X')}</row>`,
        `<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`,
      ),
    ),
  'malformed-xml.xlsx': () =>
    handXlsx(`${SHEET_HEAD}<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Pupil ID</t></is></c>`),
  'hand-made-minimal.xlsx': () =>
    handXlsx(sheetXml(`${HEADER_ROW}<row r="2">${inline('A2', 'P1')}${inline('B2', 'Amara')}${inline('C2', 'Okafor')}</row>`)),
  // --- readable trackers with bad content
  'date-serial-zero.xlsx': () => tracker((wb) => setDateCell(wb.getWorksheet('Pupils')!, 'K2', 0)),
  'date-serial-minus-one.xlsx': () => tracker((wb) => setDateCell(wb.getWorksheet('Pupils')!, 'K2', -1)),
  'date-serial-huge.xlsx': () => tracker((wb) => setDateCell(wb.getWorksheet('Pupils')!, 'K2', 99_999_999)),
  'date-year-2100.xlsx': () => tracker((wb) => setDateCell(wb.getWorksheet('Pupils')!, 'K2', 73_500)),
  'date-in-target-review.xlsx': () => tracker((wb) => setDateCell(wb.getWorksheet('Targets')!, 'I2', 1)),
  'merged-over-data.xlsx': () => tracker((wb) => wb.getWorksheet('Pupils')!.mergeCells('A2:C4')),
  'merged-header.xlsx': () => tracker((wb) => wb.getWorksheet('Pupils')!.mergeCells('A1:B1')),
  'hidden-pupils-tab.xlsx': () =>
    tracker((wb) => {
      wb.getWorksheet('Pupils')!.state = 'hidden';
    }),
  'very-hidden-log.xlsx': () =>
    tracker((wb) => {
      wb.getWorksheet('Log')!.state = 'veryHidden';
    }),
  'formula-errors.xlsx': () =>
    tracker((wb) => {
      const ws = wb.getWorksheet('Pupils')!;
      ws.getCell('A3').value = { formula: 'A99/0', result: { error: '#DIV/0!' } } as never;
      ws.getCell('B4').value = { formula: 'VLOOKUP(1,Z:Z,2)', result: { error: '#N/A' } } as never;
    }),
  'formula-no-cache.xlsx': () =>
    tracker((wb) => {
      wb.getWorksheet('Pupils')!.getCell('B2').value = { formula: 'CONCAT("A","B")' } as never;
    }),
  'bom-in-headers.xlsx': () =>
    tracker((wb) => {
      const ws = wb.getWorksheet('Pupils')!;
      ws.getCell('A1').value = '\uFEFFPupil ID';
      ws.getCell('B1').value = 'First name\u200B';
    }),
  'huge-string.xlsx': () =>
    tracker((wb) => {
      wb.getWorksheet('Pupils')!.getCell('B2').value = 'x'.repeat(32_000);
      wb.getWorksheet('Log')!.getCell('J2').value = 'Ü'.repeat(32_000);
    }),
  'header-only.xlsx': () =>
    tracker((wb) => {
      for (const ws of wb.worksheets) ws.spliceRows(2, ws.rowCount);
    }),
  'no-known-tabs.xlsx': async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['Budget', 'Amount']);
    return Buffer.from(await wb.xlsx.writeBuffer());
  },
  'no-sheets-at-all.xlsx': () => handXlsx(sheetXml('')).subarray(0), // one empty sheet, unknown name below
  'duplicate-pupil-ids.xlsx': () =>
    tracker((wb) => void (wb.getWorksheet('Pupils')!.getCell('A3').value = wb.getWorksheet('Pupils')!.getCell('A2').value)),
  'missing-required.xlsx': () => tracker((wb) => void (wb.getWorksheet('Pupils')!.getCell('B2').value = null)),
  'negative-minutes.xlsx': () => tracker((wb) => void (wb.getWorksheet('Log')!.getCell('H2').value = -30)),
  'bad-log-kind.xlsx': () => tracker((wb) => void (wb.getWorksheet('Log')!.getCell('E2').value = 'Gossip')),
  'bad-timestamp.xlsx': () => tracker((wb) => void (wb.getWorksheet('Log')!.getCell('B2').value = 'yesterday-ish')),
  'injection-in-note.xlsx': () =>
    tracker((wb) => void (wb.getWorksheet('Log')!.getCell('J2').value = '=HYPERLINK("http://evil.example","click")')),
  'rtl-and-emoji-names.xlsx': () => tracker((wb) => void (wb.getWorksheet('Pupils')!.getCell('B2').value = '\u202Eevil\u202C 🧒🏽 أمل')),
  'whitespace-only-cells.xlsx': () => tracker((wb) => void (wb.getWorksheet('Pupils')!.getCell('A2').value = '   \t ')),
  'shouting-tab-names.xlsx': () =>
    tracker((wb) => {
      wb.getWorksheet('Pupils')!.name = 'PUPILS ';
    }),
  'widest-column.xlsx': () => tracker((wb) => void (wb.getWorksheet('Pupils')!.getCell('XFD2').value = 'far right')),
  'log-50k-rows.xlsx': async () => {
    const wb = new ExcelJS.Workbook();
    const log = wb.addWorksheet('Log');
    log.addRow(['Log ID', 'Time', 'Pupil ID', 'Target ID', 'Kind', 'Rating', 'Prompt', 'Minutes', 'Staff ID', 'Note', 'Source']);
    for (let i = 0; i < 50_000; i++)
      log.addRow([`L${i}`, '2026-11-02T09:00:00Z', `P${i % 40}`, '', 'Note', '', '', 10, 'GAD', `note ${i}`, '']);
    return Buffer.from(await wb.xlsx.writeBuffer());
  },
  // --- CSVs for import-caseload
  'empty.csv': () => Buffer.alloc(0),
  'bom-only.csv': () => Buffer.from([0xef, 0xbb, 0xbf]),
  'blank-lines.csv': () => Buffer.from('\n\r\n   \n'),
  'binary.csv': () => {
    const r = seeded(11);
    return Buffer.from(Array.from({ length: 5000 }, () => Math.floor(r() * 256)));
  },
  'utf16.csv': () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${CSV_HEAD}P1,Amara,Okafor,5\n`, 'utf16le')]),
  'xlsx-renamed.csv': () => tracker(),
  'header-only.csv': () => Buffer.from(CSV_HEAD),
  'no-id-column.csv': () => Buffer.from('Name,Class\nAmara Okafor,5B\n'),
  'unclosed-quote.csv': () => Buffer.from(`${CSV_HEAD}P1,"Amara,Okafor,5\nP2,Kai,Shaw,6\n`),
  'duplicate-ids.csv': () => Buffer.from(`${CSV_HEAD}P1,Amara,Okafor,5\nP1,Kai,Shaw,6\n`),
  'formula-names.csv': () => Buffer.from(`${CSV_HEAD}P1,=HYPERLINK("http://x"),Okafor,5\nP2,＝1+1,Shaw,6\nP3,\u200B=cmd,Lee,4\n`),
  'semicolon.csv': () => Buffer.from('Pupil ID;First name;Last name;Year\nP1;Amara;Okafor;5\n'),
  'windows-1252.csv': () => Buffer.from(`${CSV_HEAD}P1,Zo\xeb,M\xfcller,5\n`, 'latin1'),
  'bad-year.csv': () => Buffer.from(`${CSV_HEAD}P1,Amara,Okafor,Year 15\n`),
  'huge-field.csv': () => Buffer.from(`${CSV_HEAD}P1,${'a'.repeat(1_000_000)},Okafor,5\n`),
  'crlf-bom.csv': () => Buffer.from(`\uFEFF${CSV_HEAD.replace('\n', '\r\n')}P1,Amara,Okafor,5\r\n`),
  'rows-50k.csv': () => Buffer.from(`${CSV_HEAD + Array.from({ length: 50_000 }, (_, i) => `Q${i},Pupil,Number${i},5`).join('\n')}\n`),
  'nul-in-text.csv': () => Buffer.from(`${CSV_HEAD}P1,Am\0ara,Okafor,5\n`),
};

/** Files too big or too binary to commit: made at test time. */
export const GENERATED_ONLY = new Set([
  'random-bytes.xlsx',
  'zip-bomb-real.xlsx',
  'zip-lying-size.xlsx',
  'many-entries.xlsx',
  'log-50k-rows.xlsx',
  'binary.csv',
  'huge-field.csv',
  'rows-50k.csv',
  'huge-string.xlsx',
]);

export async function writeCorpus(dir: string, only?: (name: string) => boolean): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, make] of Object.entries(MAKERS)) {
    if (only && !only(name)) continue;
    writeFileSync(join(dir, name), await make());
    written.push(name);
  }
  return written;
}

const invokedDirectly = process.argv[1]?.endsWith('bad-corpus.ts');
if (invokedDirectly) {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.length === 0) {
    console.log(
      'Usage: npx jiti tests/support/bad-corpus.ts --out DIR   (every case)\n       npx jiti tests/support/bad-corpus.ts --small      (the committed small cases, into tests/fixtures/bad/)',
    );
    process.exit(args.length === 0 ? 2 : 0);
  }
  const out = args.includes('--small') ? join(import.meta.dirname, '..', 'fixtures', 'bad') : args[args.indexOf('--out') + 1];
  if (!out) {
    console.error('bad-corpus: --out needs a folder.');
    process.exit(2);
  }
  const names = await writeCorpus(out, args.includes('--small') ? (n) => !GENERATED_ONLY.has(n) : undefined);
  console.log(`Wrote ${names.length} files to ${out}.`);
}
