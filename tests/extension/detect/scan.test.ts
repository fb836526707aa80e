// @vitest-environment happy-dom
// The generic detector on small pages: name forms, folding, boundaries, ignored regions, ambiguity, UPN/MIS id.
import { beforeEach, describe, expect, it } from 'vitest';
import { buildCaseloadIndex, type CaseloadPupil, type PupilMatch, scanForPupils } from '../../../extension/detect';

const PUPILS: CaseloadPupil[] = [
  { id: 'P001', firstName: 'Amelia', lastName: 'Hartley', upn: 'H820400124001', misId: '1001' },
  { id: 'P002', firstName: 'Zoë', lastName: 'Brennan', misId: 'ADM1002' },
  { id: 'P003', firstName: 'Oliver', lastName: 'Chukwu', misId: '0000001003' },
  { id: 'P005', firstName: 'Mohammed', lastName: 'Rahman' },
  { id: 'P006', firstName: 'Mohammed', lastName: 'Rahman' },
  { id: 'P007', firstName: 'Freya', lastName: 'O’Connor' },
  { id: 'P012', firstName: 'Leo', lastName: 'Van der Berg' },
  { id: 'P013', firstName: 'Ruby', lastName: 'Patel-Singh' },
  { id: 'P022', firstName: 'Alfie', lastName: 'Hartley' },
  { id: 'P030', firstName: 'Arjun', lastName: 'Sharma' },
];
const index = buildCaseloadIndex(PUPILS);

function page(html: string): HTMLElement {
  document.body.innerHTML = html; // test-authored markup only
  return document.body;
}
function found(root: ParentNode = document.body, opts = {}): Array<[string, string, string]> {
  return scanForPupils(root, index, opts).map((m: PupilMatch) => [m.element.textContent!.trim(), m.pupilIds.join('+'), m.via]);
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('name forms', () => {
  it('finds "First Last", "Last, First", "SURNAME First" and "Last First"', () => {
    page(`<ul><li>Amelia Hartley</li><li>Hartley, Amelia</li><li>HARTLEY Amelia</li><li>Hartley Amelia</li></ul>`);
    expect(found().map(([, ids]) => ids)).toEqual(['P001', 'P001', 'P001', 'P001']);
  });

  it('finds an initial and surname only when one pupil could be meant', () => {
    page(`<p id="a">A. Hartley</p><p id="z">Z. Brennan</p><p id="r">Brennan, Z.</p><p id="s">A Sharma</p>`);
    // Amelia and Alfie Hartley share "A. Hartley": no guess. Zoë Brennan and Arjun Sharma are unique.
    expect(found().map(([t, ids]) => `${t}=${ids}`)).toEqual(['Z. Brennan=P002', 'Brennan, Z.=P002', 'A Sharma=P030']);
  });

  it('folds case and diacritics both ways', () => {
    page(`<p>Zoe Brennan</p><p>ZOË BRENNAN</p><p>brennan, zoë</p>`);
    expect(found().map(([, ids]) => ids)).toEqual(['P002', 'P002', 'P002']);
  });

  it('folds letters NFD leaves whole (Ł, ø, ß)', () => {
    const idx = buildCaseloadIndex([{ id: 'L', firstName: 'Łukasz', lastName: 'Søndergaard' }]);
    document.body.innerHTML = '<p>Lukasz Sondergaard</p><p>ŁUKASZ SØNDERGAARD</p>';
    expect(scanForPupils(document.body, idx).map((m) => m.pupilIds.join())).toEqual(['L', 'L']);
  });

  it('keeps multi-word, hyphenated and apostrophe names whole', () => {
    page(`<p>Leo Van der Berg</p><p>Patel-Singh, Ruby</p><p>Freya O'Connor</p><p>Ruby Patel</p><p>Leo Van</p>`);
    expect(found().map(([, ids]) => ids)).toEqual(['P012', 'P013', 'P007']);
  });

  it('matches whole words only and never non-caseload names', () => {
    page(`<p>Amelia Hartleyson</p><p>Amelia Hart</p><p>Jack Hartley</p><p>Hartley Street</p><p>Mohammed Rahmani</p><p>Amelia</p>`);
    expect(found()).toEqual([]);
  });

  it('does not join names across punctuation or separate cells', () => {
    page(`<p>Amelia. Hartley</p><p>Amelia / Hartley</p><table><tr><td>Amelia</td><td>Hartley</td></tr></table><p>Amelia<br>Hartley</p>`);
    expect(found()).toEqual([]);
  });

  it('reads a name split across inline elements and reports their shared parent', () => {
    page(`<table><tr><td id="cell"><b>HARTLEY</b> Amelia</td></tr></table>`);
    const matches = scanForPupils(document.body, index);
    expect(matches).toHaveLength(1);
    expect(matches[0]!.element.id).toBe('cell');
  });

  it('reads a run whose surname comes in a later node, and steps over ignored elements inside it', () => {
    // Only runs mentioning a caseload surname are tokenized: the first name in an earlier node must still count.
    page(
      `<p id="a">Amelia <b>Hartley</b></p><p id="b">Zoë<select><option>Hartley</option></select> <i>Brennan</i></p><p>Amelia <input value="Hartley"></p>`,
    );
    expect(scanForPupils(document.body, index).map((m) => [m.element.id, m.pupilIds.join()])).toEqual([
      ['a', 'P001'],
      ['b', 'P002'],
    ]);
  });

  it('reports the tightest element: a link inside a cell', () => {
    page(`<table><tr><td><a href="#" id="link">Hartley, Amelia</a> (7HN)</td></tr></table>`);
    expect(scanForPupils(document.body, index)[0]!.element.id).toBe('link');
  });

  it('finds a possessive and names inside prose', () => {
    page(`<p>Amelia Hartley's reading has improved; Zoë Brennan joined the group.</p>`);
    expect(found().map(([, ids]) => ids)).toEqual(['P001', 'P002']);
  });
});

describe('middle names', () => {
  it('finds "First Middle Last" and "Last, First Middle" for a pupil recorded without the middle name', () => {
    page(`<p id="a">Amelia Rose Hartley</p><p id="b">Hartley, Amelia Rose</p><p id="c">HARTLEY Amelia Rose</p>
      <p id="d">AMELIA ROSE HARTLEY</p><p id="e">Amelia R. Hartley</p><p id="f">Amelia Rose Grace Hartley</p>
      <p id="g">Zoë Anna-Marie Brennan</p><p id="h">Leo James Van der Berg</p>`);
    expect(found().map(([t, ids, via]) => `${t}=${ids}:${via}`)).toEqual([
      'Amelia Rose Hartley=P001:name',
      'Hartley, Amelia Rose=P001:name',
      'HARTLEY Amelia Rose=P001:name',
      'AMELIA ROSE HARTLEY=P001:name',
      'Amelia R. Hartley=P001:name',
      'Amelia Rose Grace Hartley=P001:name',
      'Zoë Anna-Marie Brennan=P002:name',
      'Leo James Van der Berg=P012:name',
    ]);
  });

  it('finds a middle-named pupil inside prose and across inline elements, reporting the whole name', () => {
    page(`<p>Today <b id="who">Amelia <i>Rose</i> Hartley</b> read aloud; so did Zoë Brennan.</p>`);
    const matches = scanForPupils(document.body, index);
    expect(matches.map((m) => [m.element.id || m.element.localName, m.pupilIds.join()])).toEqual([
      ['who', 'P001'],
      ['p', 'P002'],
    ]);
  });

  it('near misses: a lower-case word, a joining word, punctuation, three middle names or a longer surname are not middle names', () => {
    page(`<p>Amelia told Hartley</p><p>Amelia and Rose Hartley</p><p>Amelia And Rose Hartley</p>
      <p>Amelia, Rose Hartley</p><p>Amelia / Rose / Hartley</p><p>Amelia 2 Hartley</p><p>Amelia's Hartley</p>
      <p>Amelia Rose Grace Lily Hartley</p><p>Amelia Rose Hartleyson</p><p>Amelia Rose-Hartley</p><p>Amelia Rose</p>
      <p>Jack Amelia Rose</p><p>amelia rose hartley</p>`);
    expect(found()).toEqual([]);
  });

  it('a whole caseload name wins over the same words read as first, middle and last', () => {
    const idx = buildCaseloadIndex([...PUPILS, { id: 'P040', firstName: 'Amelia Grace', lastName: 'Hartley' }]);
    document.body.innerHTML = '<p>Amelia Grace Hartley</p><p>Amelia Rose Hartley</p>';
    expect(scanForPupils(document.body, idx).map((m) => m.pupilIds.join('+'))).toEqual(['P040', 'P001']);
  });

  it('is ambiguous, never a guess, when the words also name another caseload pupil', () => {
    const idx = buildCaseloadIndex([...PUPILS, { id: 'P041', firstName: 'Rose', lastName: 'Hartley' }]);
    // Amelia Hartley with a middle name, or Rose Hartley under her legal first name: both are offered.
    document.body.innerHTML = '<p>Amelia Rose Hartley</p><p>Rose Hartley</p><p>Amelia and Rose Hartley</p>';
    expect(scanForPupils(document.body, idx).map((m) => m.pupilIds.join('+'))).toEqual(['P001+P041', 'P041', 'P041']);
  });
});

describe('preferred names in brackets', () => {
  it('finds "First (Preferred) Last" and "Last, First (Preferred)" for the caseload pupil', () => {
    page(`<p id="a">Amelia (Millie) Hartley</p><p id="b">Hartley, Amelia (Millie)</p><p id="c">HARTLEY Amelia (Millie)</p>
      <p id="d">Amelia (Millie) Rose Hartley</p><p id="e">Today <b>Amelia <i>(Millie)</i> Hartley</b> read aloud.</p>`);
    expect(found().map(([text, ids, via]) => `${text}=${ids}:${via}`)).toEqual([
      'Amelia (Millie) Hartley=P001:name',
      'Hartley, Amelia (Millie)=P001:name',
      'HARTLEY Amelia (Millie)=P001:name',
      'Amelia (Millie) Rose Hartley=P001:name',
      'Amelia (Millie) Hartley=P001:name', // the <b>: the whole name, brackets and all
    ]);
  });

  it('near misses: the preferred name alone, other punctuation, an unclosed or empty bracket, two or lower-case words', () => {
    page(`<p>Millie Hartley</p><p>(Millie) Hartley</p><p>Amelia [Millie] Hartley</p><p>Amelia / Millie / Hartley</p>
      <p>Amelia (Millie Hartley</p><p>Amelia () Hartley</p><p>Amelia (Millie Rose) Hartley</p><p>Amelia (and) Hartley</p>
      <p>Amelia (millie) Hartley</p><p>Amelia (Millie) Hartleyson</p><p>Amelia (Millie)</p>`);
    expect(found()).toEqual([]);
  });

  it('is ambiguous, never a guess, when the preferred name and surname are another caseload pupil’s whole name', () => {
    const idx = buildCaseloadIndex([...PUPILS, { id: 'P042', firstName: 'Millie', lastName: 'Hartley' }]);
    document.body.innerHTML = '<p>Amelia (Millie) Hartley</p><p>Millie Hartley</p>';
    expect(scanForPupils(document.body, idx).map((m) => [m.element.textContent, m.pupilIds.join('+')])).toEqual([
      ['Amelia (Millie) Hartley', 'P001+P042'],
      ['Millie Hartley', 'P042'],
    ]);
  });

  it('a caseload first name with a bracketed preferred name is indexed by its words only', () => {
    const idx = buildCaseloadIndex([{ id: 'P050', firstName: 'Oluwaseun (Seun)', lastName: 'Adeyemi' }]);
    document.body.innerHTML = '<p>Oluwaseun Seun Adeyemi</p>';
    expect(scanForPupils(document.body, idx).map((m) => m.pupilIds.join('+'))).toEqual(['P050']);
  });
});

describe('ambiguity', () => {
  it('reports two pupils with the same name as one match with both ids', () => {
    page(`<p>Mohammed Rahman</p>`);
    const matches = scanForPupils(document.body, index);
    expect(matches).toHaveLength(1);
    expect(matches[0]!.pupilIds).toEqual(['P005', 'P006']);
  });
});

describe('identifiers', () => {
  it('finds a caseload UPN as a token and ignores unknown UPN-shaped text', () => {
    page(`<p>UPN: H820400124001</p><p>UPN: H820400124999</p><p>xH820400124001</p>`);
    expect(found()).toEqual([['UPN: H820400124001', 'P001', 'upn']]);
  });

  it('finds a distinctive MIS id only as the whole text of a node', () => {
    page(`<table><tr><td>adm1002</td><td>Ref ADM1002 sent</td><td>0000001003</td></tr></table>`);
    expect(found()).toEqual([
      ['adm1002', 'P002', 'misId'],
      ['0000001003', 'P003', 'misId'],
    ]);
  });

  it('never reads a short number as a MIS id: row numbers and counts look just like them', () => {
    page(`<table><tr><td>1001</td><td>1003</td></tr></table>`);
    expect(found()).toEqual([]);
  });
});

describe('ignored regions', () => {
  it('never reads form fields, scripts, styles, editable regions or our own UI', () => {
    page(`
      <input value="Amelia Hartley"><textarea>Amelia Hartley</textarea>
      <select><option>Amelia Hartley</option></select>
      <script>var n = "Amelia Hartley";</script><style>/* Amelia Hartley */</style>
      <noscript>Amelia Hartley</noscript>
      <div contenteditable="true"><p>Amelia Hartley</p></div>
      <caseload-badge><span>Amelia Hartley</span></caseload-badge>
      <div class="mine"><p>Amelia Hartley</p></div>
      <div contenteditable="false"><p id="kept">Zoë Brennan</p></div>`);
    const matches = scanForPupils(document.body, index, { ignore: (el) => el.classList.contains('mine') });
    expect(matches.map((m) => m.element.id)).toEqual(['kept']);
  });

  it('returns nothing when the subtree itself sits inside an ignored element', () => {
    page(`<div contenteditable><p id="inner">Amelia Hartley</p></div>`);
    expect(scanForPupils(document.getElementById('inner')!, index)).toEqual([]);
  });
});

describe('taught rules', () => {
  it('reads the taught element for this origin only and skips it in the generic pass', () => {
    page(`<div class="pupil-banner"><span class="who">HARTLEY Amelia</span> <span>Year 7</span></div><p>Zoë Brennan</p>`);
    const origin = new URL(document.location.href).origin;
    const matches = scanForPupils(document.body, index, {
      rules: [
        { origin, selector: '.pupil-banner .who' },
        { origin: 'https://elsewhere.example', selector: 'p' },
        { origin, selector: ':::not a selector' },
      ],
    });
    expect(matches.map((m) => [m.element.className, m.pupilIds.join(), m.via])).toEqual([
      ['who', 'P001', 'rule'],
      ['', 'P002', 'name'],
    ]);
  });
});

describe('hostile text', () => {
  it('only reads text: markup-looking text stays text and nothing runs', () => {
    (globalThis as { pwned?: boolean }).pwned = false;
    const p = document.createElement('p');
    p.textContent = 'Amelia Hartley <img src=x onerror="globalThis.pwned=true">';
    document.body.append(p);
    const before = document.body.innerHTML;
    const matches = scanForPupils(document.body, index);
    expect(matches.map((m) => m.pupilIds)).toEqual([['P001']]);
    expect(document.body.innerHTML).toBe(before); // the scan changes nothing
    expect(document.querySelector('img')).toBeNull();
    expect((globalThis as { pwned?: boolean }).pwned).toBe(false);
  });
});

describe('one badge per grid row', () => {
  it('drops an identifier match when the same pupil is named in the same row', () => {
    page(`<table>
      <tr><td>Hartley, Amelia</td><td>H820400124001</td><td>1001</td></tr>
      <tr><td>Jack Hartley</td><td>ADM1002</td></tr>
    </table>`);
    // Row 1: the name carries the badge. Row 2: a classmate's row holding Zoë's admission number still counts.
    expect(found()).toEqual([
      ['Hartley, Amelia', 'P001', 'name'],
      ['ADM1002', 'P002', 'misId'],
    ]);
  });
});
