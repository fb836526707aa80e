// @vitest-environment happy-dom
// A whole-page scan in slices (extension/detect/watch.ts): the first slice runs at once, only until it has found
// someone (it runs inside the page's DOMContentLoaded) and reports it; later slices go on from where it stopped,
// never inside a row, report nothing, and the last one reports the complete set with the document as its root.
// What the slices find together is exactly what one whole scan finds. A page that re-renders the row the scan
// stopped at is scanned again from the start.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCaseloadIndex, type PupilMatch, type ScanScope, scanForPupils, watchPage } from '../../../extension/detect';

const index = buildCaseloadIndex([
  { id: 'P001', firstName: 'Amelia', lastName: 'Hartley', misId: 'ADM1001' },
  { id: 'P002', firstName: 'Zoë', lastName: 'Brennan' },
  { id: 'P003', firstName: 'Oliver', lastName: 'Chukwu' },
]);

const CASELOAD = ['Hartley, Amelia', 'Brennan, Zoë', 'Chukwu, Oliver'];
/** 300 rows; every 25th names a caseload pupil, and the first of those also shows her admission number. */
function register(): void {
  const rows = Array.from({ length: 300 }, (_, i) => {
    const name = i % 25 === 3 ? CASELOAD[((i / 25) % 3) | 0]! : `Smith, Jo ${i}`;
    const adm = i === 3 ? 'ADM1001' : `X${i}`;
    return `<tr><td>${i + 1}</td><td><a href="#p${i}">${name}</a></td><td>${adm}</td><td>/</td><td>\\</td></tr>`;
  });
  document.body.innerHTML = `<h1>Register</h1><table><tbody id="rows">${rows.join('')}</tbody></table>`;
}

let queue: Array<() => void> = [];
const schedule = (run: () => void) => queue.push(run);
/** Run queued batches until the queue is empty (each slice queues the next). */
function drain(limit = 1000): number {
  let runs = 0;
  while (queue.length > 0 && runs < limit) {
    const job = queue.shift()!;
    job();
    runs++;
  }
  return runs;
}

// A clock that moves one "millisecond" each time it is read: a slice of N ms covers about N rows.
let t = 0;
const now = () => t++;

let controller: AbortController;
let reports: { matches: PupilMatch[]; scope: ScanScope }[];
const start = (sliceMs = { first: 20, later: 40 }) =>
  watchPage(document, index, (matches, scope) => reports.push({ matches, scope }), controller.signal, {
    schedule,
    urlPollMs: 0,
    sliceMs,
    now,
  });
const key = (m: PupilMatch) => `${m.pupilIds.join('+')}:${m.via}:${m.element.closest('tr')?.firstElementChild?.textContent}`;

beforeEach(() => {
  register();
  controller = new AbortController();
  reports = [];
  queue = [];
  t = 0;
});
afterEach(() => controller.abort());

describe('a whole-page scan in slices', () => {
  it('reports the first pupil at once, then nothing until the complete set in the last slice', () => {
    start();
    // The first slice ran synchronously and stopped part-way: a partial report that removes nothing.
    expect(reports).toHaveLength(1);
    expect(reports[0]!.scope).toEqual({ roots: [], full: false });
    expect(reports[0]!.matches.map(key)).toEqual(['P001:name:4']);
    expect(queue.length).toBe(1);

    // Several later slices ran, and only the last reported: each batch of badges put into a big table costs
    // the browser a layout and paint of the whole table, so the rest arrive together.
    expect(drain()).toBeGreaterThan(2);
    expect(reports).toHaveLength(2);
    const last = reports[1]!;
    expect(last.scope.full).toBe(true);
    expect(last.scope.roots).toEqual([document]);
    const whole = scanForPupils(document, index).map(key);
    expect(last.matches.map(key)).toEqual(whole);
    expect(whole).toHaveLength(12);
  });

  it('when the first slice runs out of time before anyone, shows the next slice that finds someone at once', () => {
    // One "millisecond" is about one row: the first slice stops before row 4, the first caseload row.
    start({ first: 2, later: 40 });
    expect(reports).toHaveLength(0);
    drain(1);
    // The second slice found row 4's pupil (and whoever else was in its 40 rows): shown now, not at the end.
    expect(reports).toHaveLength(1);
    expect(reports[0]!.scope).toEqual({ roots: [], full: false });
    expect(reports[0]!.matches.map(key)[0]).toBe('P001:name:4');
    drain();
    // Then nothing more until the complete set.
    expect(reports).toHaveLength(2);
    expect(reports[1]!.scope.full).toBe(true);
    expect(reports[1]!.matches.map(key)).toEqual(scanForPupils(document, index).map(key));
  });

  it('never stops inside a row: a row naming a pupil and showing her id keeps one badge in every slice', () => {
    // Slices of one "millisecond": the scan stops before nearly every row it can.
    start({ first: 1, later: 1 });
    drain();
    const row4 = reports.flatMap((r) => r.matches).filter((m) => m.element.closest('tr')?.firstElementChild?.textContent === '4');
    // The name's badge, never the id's, in whichever reports carry the row.
    expect(row4.length).toBeGreaterThan(0);
    expect(row4.map((m) => m.via).every((via) => via === 'name')).toBe(true);
  });

  it('scans the page again from the start when the row it stopped at is re-rendered', () => {
    start();
    const rows = document.getElementById('rows')!;
    // The page replaces its rows (sorting, paging) between two slices.
    const copy = rows.innerHTML;
    rows.innerHTML = copy;
    drain();
    const last = reports.at(-1)!;
    expect(last.scope.full).toBe(true);
    expect(last.matches.map(key)).toEqual(scanForPupils(document, index).map(key));
    expect(last.matches.every((m) => m.element.isConnected)).toBe(true);
  });

  it('stops its first slice right after the first pupil it finds, however much time is left', () => {
    document.body.innerHTML = '<ul><li>Hartley, Amelia</li><li>Brennan, Zoë</li><li>Smith, Jo</li></ul>';
    start({ first: 1000, later: 1000 });
    expect(reports.map((r) => r.matches.map(key))).toEqual([['P001:name:undefined']]);
    drain();
    expect(reports.at(-1)!.scope.full).toBe(true);
    expect(reports.at(-1)!.matches).toHaveLength(2);
  });

  it('runs in one go when the page names nobody before its last row', () => {
    document.body.innerHTML = '<ul><li>Smith, Jo</li><li>Jones, Al</li><li>Hartley, Amelia</li></ul>';
    start();
    expect(reports.map((r) => r.scope.full)).toEqual([true]);
    expect(queue).toHaveLength(0);
  });

  it('tells the slices and each rescan of what changed apart, each with its own start and end', async () => {
    const slices: number[][] = [];
    const rescans: number[][] = [];
    watchPage(document, index, (matches, scope) => reports.push({ matches, scope }), controller.signal, {
      schedule,
      urlPollMs: 0,
      now,
      onSlice: (a, b) => slices.push([a, b]),
      onRescan: (a, b) => rescans.push([a, b]),
    });
    drain();
    expect(slices.length).toBeGreaterThan(1);
    expect(rescans).toEqual([]);
    const row = document.createElement('tr');
    row.innerHTML = '<td>301</td><td>Hartley, Amelia</td>';
    document.getElementById('rows')!.append(row);
    await Promise.resolve(); // the MutationObserver's records
    const before = slices.length;
    drain();
    expect(rescans).toHaveLength(1);
    expect(rescans[0]![1]!).toBeGreaterThan(rescans[0]![0]!);
    expect(slices).toHaveLength(before);
    expect(reports.at(-1)!.scope.full).toBe(false);
  });
});
