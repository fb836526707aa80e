// The 2,000-row register: a generic attendance register page (one row per pupil, a week of AM/PM marks), the
// size the design's speed bar names. It is generated, not stored: `registerPageHtml()` is deterministic, so the
// demo server renders it at request time (see routes.ts) and the tests and bench build the same page.
// The 30 caseload pupils are spread through it; every other row is a made-up name whose surname is not a
// caseload surname, plus a few near misses of caseload names, so only caseload rows can match.

import { DEMO_CASELOAD, DEMO_OTHERS, type DemoMisPupil } from './pupils';
import { mulberry32 } from '../random';

const FIRST = [
  'Aaron',
  'Abigail',
  'Adam',
  'Alice',
  'Archie',
  'Ava',
  'Benjamin',
  'Bella',
  'Caleb',
  'Charlotte',
  'Charlie',
  'Daisy',
  'Dylan',
  'Eleanor',
  'Elijah',
  'Emily',
  'Erin',
  'Felix',
  'Florence',
  'Gabriel',
  'Georgia',
  'Hannah',
  'Henry',
  'Imogen',
  'Isaac',
  'Ivy',
  'Jacob',
  'Jessica',
  'Joshua',
  'Katie',
  'Lewis',
  'Lucy',
  'Luca',
  'Matilda',
  'Max',
  'Megan',
  'Nathan',
  'Niamh',
  'Oscar',
  'Olivia',
  'Phoebe',
  'Rory',
  'Rosie',
  'Samuel',
  'Sienna',
  'Thomas',
  'Tilly',
  'William',
  'Willow',
  'Zara',
];
const LAST_NAMES = [
  'Abbott',
  'Atkinson',
  'Bailey',
  'Barker',
  'Bennett',
  'Booth',
  'Bradley',
  'Carter',
  'Chapman',
  'Collins',
  'Cooper',
  'Davies',
  'Dawson',
  'Edwards',
  'Evans',
  'Fisher',
  'Fletcher',
  'Foster',
  'Gibson',
  'Graham',
  'Hall',
  'Harris',
  'Hughes',
  'Jackson',
  'James',
  'Jenkins',
  'Kelly',
  'Kennedy',
  'Lambert',
  'Lawrence',
  'Marsh',
  'Mason',
  'Mills',
  'Morgan',
  'Norton',
  'Owen',
  'Palmer',
  'Parker',
  'Pearce',
  'Powell',
  'Reid',
  'Richards',
  'Saunders',
  'Shaw',
  'Simpson',
  'Spencer',
  'Stone',
  'Taylor',
  'Walsh',
  'Ward',
  'Webb',
  'Wells',
  'Wilkinson',
  'Wood',
  'Wright',
  'Young',
];
// Made-up rows never use a caseload surname, so no made-up row can name a caseload pupil in any form.
const CASELOAD_SURNAMES = new Set(DEMO_CASELOAD.map((p) => p.lastName.toLowerCase()));
const LAST = LAST_NAMES.filter((name) => !CASELOAD_SURNAMES.has(name.toLowerCase()));
const MARKS = ['/', '\\', '/', '\\', '/', '\\', 'L', 'N', '#', 'M'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];

export interface RegisterRow {
  firstName: string;
  lastName: string;
  form: string;
  /** Tracker Pupil ID for caseload rows. */
  caseloadId?: string;
}

export function registerRows(rowCount = 2000, seed = 2026): RegisterRow[] {
  const next = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const rows: RegisterRow[] = [];
  for (let i = 0; i < rowCount; i++) {
    rows.push({ firstName: pick(FIRST), lastName: pick(LAST), form: `${7 + (i % 5)}${pick(['A', 'B', 'C', 'D'])}` });
  }
  const placed: Array<[DemoMisPupil, string | undefined]> = [
    ...DEMO_CASELOAD.map((p): [DemoMisPupil, string] => [p, p.id]),
    ...DEMO_OTHERS.map((p): [DemoMisPupil, undefined] => [p, undefined]),
  ];
  // Spread the known pupils evenly, so matches appear from the top of the page to the bottom.
  placed.forEach(([p, caseloadId], k) => {
    const at = Math.min(rowCount - 1, Math.floor(((k + 0.5) * rowCount) / placed.length));
    rows[at] = { firstName: p.firstName, lastName: p.lastName, form: p.form, ...(caseloadId ? { caseloadId } : {}) };
  });
  return rows;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** The whole register page as HTML. */
/**
 * `holdRendering`: the page asks the browser not to render it until it is parsed (`blocking="render"` on an
 * expect link, Chromium 124+). Without it, Chromium lays out the growing table again at each frame while it
 * parses, and how many frames fall in the parse varies from load to load (DOMContentLoaded from 0.4 to 1.7 s on
 * the same machine); held, the parse alone is measured (about 0.2 s, within ±15 %). The bench uses it to
 * measure what our content script adds to the parse.
 */
export function registerPageHtml(rowCount = 2000, seed = 2026, opts: { holdRendering?: boolean } = {}): string {
  const next = mulberry32(seed + 1);
  const header = DAYS.flatMap((d) => [`<th>${d} AM</th>`, `<th>${d} PM</th>`]).join('');
  const body = registerRows(rowCount, seed)
    .map((r, i) => {
      const marks = DAYS.flatMap(() => [0, 1]).map(() => `<td class="mark">${escapeHtml(MARKS[Math.floor(next() * MARKS.length)]!)}</td>`);
      return `<tr><td class="n">${i + 1}</td><td class="pupil"><a href="#pupil-${i + 1}">${escapeHtml(r.lastName)}, ${escapeHtml(r.firstName)}</a></td><td>${escapeHtml(r.form)}</td>${marks.join('')}</tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>Whole-school register – week 12</title>
${opts.holdRendering ? '<link rel="expect" href="#register-end" blocking="render">\n' : ''}<style>body{font-family:Arial,sans-serif;margin:8px}table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:2px 6px}.mark{text-align:center}</style>
</head>
<body>
<h1>Whole-school register – week 12</h1>
<p>${rowCount} pupils. Marks: / present AM, \\ present PM, L late, N no reason, # closed, M medical.</p>
<table id="register">
<thead><tr><th>#</th><th>Pupil</th><th>Form</th>${header}</tr></thead>
<tbody>
${body}
</tbody>
</table>
${opts.holdRendering ? '<div id="register-end"></div>\n' : ''}</body>
</html>
`;
}
