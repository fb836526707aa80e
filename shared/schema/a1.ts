// A1 notation: column letters, cell references and sheet-name quoting as Google Sheets and Excel write them.

/** 0-based column index to letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`Bad column index ${index}`);
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Letters to 0-based column index: A → 0, AA → 26. */
export function columnIndex(letters: string): number {
  const up = letters.toUpperCase();
  if (!/^[A-Z]+$/.test(up)) throw new RangeError(`Bad column letters "${letters}"`);
  let n = 0;
  for (const ch of up) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Sheet names need quotes unless they are plain identifiers; an embedded quote is doubled. */
export function quoteSheetName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}[0-9]+$/.test(name)) return name;
  return `'${name.replace(/'/g, "''")}'`;
}

/** Undo quoteSheetName. */
export function unquoteSheetName(name: string): string {
  if (name.startsWith("'") && name.endsWith("'") && name.length >= 2) return name.slice(1, -1).replace(/''/g, "'");
  return name;
}

/** `Rota!C7` from a sheet name, 0-based column and 1-based row. */
export function a1Cell(sheet: string, column: number, row: number): string {
  return `${quoteSheetName(sheet)}!${columnLetters(column)}${row}`;
}

export interface ParsedRange {
  sheet?: string;
  /** 0-based, inclusive; undefined when the range is open (e.g. `A:C`). */
  startColumn?: number;
  startRow?: number;
  endColumn?: number;
  endRow?: number;
}

function looksLikeCells(text: string): boolean {
  return /^\$?[A-Za-z]{0,3}\$?[0-9]*(:\$?[A-Za-z]{0,3}\$?[0-9]*)?$/.test(text) && (/[0-9]/.test(text) || text.includes(':'));
}

/** Parse `Sheet!A1:B2`, `'My tab'!C:C`, `Log`, `A1`. Rows are 1-based. */
export function parseRange(range: string): ParsedRange {
  let sheet: string | undefined;
  let rest = range;
  const bang = range.lastIndexOf('!');
  if (bang >= 0) {
    sheet = unquoteSheetName(range.slice(0, bang));
    rest = range.slice(bang + 1);
  } else if (!looksLikeCells(range)) {
    // Without "!", Google reads a bare word as a sheet name ("Log") and only cell-shaped text as cells.
    return { sheet: unquoteSheetName(range) };
  }
  const out: ParsedRange = sheet === undefined ? {} : { sheet };
  if (rest === '') return out;
  const [a, b] = rest.split(':');
  const part = (p: string) => {
    const m = /^\$?([A-Za-z]*)\$?([0-9]*)$/.exec(p);
    if (!m) throw new RangeError(`Bad A1 range "${range}"`);
    return {
      col: m[1] ? columnIndex(m[1]) : undefined,
      row: m[2] ? Number(m[2]) : undefined,
    };
  };
  const s = part(a ?? '');
  const e = b === undefined ? s : part(b);
  if (s.col !== undefined) out.startColumn = s.col;
  if (s.row !== undefined) out.startRow = s.row;
  if (e.col !== undefined) out.endColumn = e.col;
  if (e.row !== undefined) out.endRow = e.row;
  return out;
}
