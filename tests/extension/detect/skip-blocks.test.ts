// @vitest-environment happy-dom
// The detector steps over whole blocks whose text names nobody on the caseload (extension/detect/scan.ts,
// mayName). That is only safe if the test on a block's whole text never says "nobody" where a node inside would
// have matched: names split over inline tags, padded MIS ids, UPNs, accents, a Greek surname whose sigma is
// final in its own node but not in the block's joined text. And it must actually skip, or the register pays.
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildCaseloadIndex, type CaseloadPupil, scanForPupils } from '../../../extension/detect';

const PUPILS: CaseloadPupil[] = [
  { id: 'P001', firstName: 'Amelia', lastName: 'Hartley', upn: 'H820400124001' },
  { id: 'P002', firstName: 'Zoë', lastName: 'Brennan', misId: 'ADM1002' },
  { id: 'P003', firstName: 'Oliver', lastName: 'Chukwu', misId: '4192' },
  { id: 'P004', firstName: 'Νίκος', lastName: 'Παπάς' },
];
const index = buildCaseloadIndex(PUPILS);

beforeEach(() => {
  document.body.innerHTML = '';
});

const ids = (root: ParentNode = document.body) =>
  scanForPupils(root, index)
    .map((m) => m.pupilIds.join('+'))
    .sort();

describe('skipping blocks that name nobody', () => {
  it('still finds names deep in nested blocks, split over inline tags, and ids that are a node’s whole text', () => {
    document.body.innerHTML = `
      <div><div><section><p>Weekly notes</p><div><p><b>HARTLEY</b> Amelia</p></div></section></div></div>
      <div><table><tbody><tr><td>1</td><td>004192</td></tr><tr><td>2</td><td>adm1002</td></tr></tbody></table></div>
      <div><div><span>UPN</span> <span>H820400124001</span></div></div>`;
    expect(ids()).toEqual(['P001', 'P001', 'P002', 'P003']);
  });

  it('finds a Greek surname whose capital sigma is final alone but not in the block’s joined text', () => {
    // The block's textContent is "Νίκος ΠΑΠΑΣΑθήνα": lower-cased whole, that Σ is a plain σ, not the final ς the
    // node (and the caseload's "Παπάς") fold to.
    document.body.innerHTML = '<div><p>Νίκος ΠΑΠΑΣ</p><p>Αθήνα</p></div>';
    expect(ids()).toEqual(['P004']);
  });

  it('does not visit the elements of rows that name nobody', () => {
    const rows = Array.from({ length: 200 }, (_, i) => `<tr><td>${i + 1}</td><td><a href="#">Smith, Jo</a></td><td>7C</td></tr>`);
    rows.splice(120, 0, '<tr><td>121</td><td><a href="#">Hartley, Amelia</a></td><td>7C</td></tr>');
    document.body.innerHTML = `<table><tbody>${rows.join('')}</tbody></table>`;
    const visited: Element[] = [];
    const matches = scanForPupils(document.body, index, {
      ignore: (el) => {
        visited.push(el);
        return false;
      },
    });
    expect(matches.map((m) => m.pupilIds.join('+'))).toEqual(['P001']);
    // table, tbody, 201 rows, and the one caseload row's three cells and link: not every cell of every row.
    expect(visited.length).toBeLessThan(220);
    expect(visited.filter((el) => el.localName === 'td')).toHaveLength(3);
  });
});

// Random pages: planted caseload mentions in random nests of blocks and inline tags among filler words. Every
// planted mention is found, once, wherever it sits.
const filler = fc.constantFrom('Maths', 'Smith, Jo', 'Year 7', 'present', 'late', '14:05', 'Room 12', 'Ms Reid');
const mention = fc.constantFrom(
  { html: 'Amelia Hartley', id: 'P001' },
  { html: '<b>HARTLEY</b> Amelia', id: 'P001' },
  { html: '<span>H820400124001</span>', id: 'P001' },
  { html: 'Brennan, Zoe', id: 'P002' },
  { html: '<span>ADM1002</span>', id: 'P002' },
  { html: '<span>0004192</span>', id: 'P003' },
  { html: 'Νίκος ΠΑΠΑΣ', id: 'P004' },
);
// No rows (tr, li): a row that names a pupil and shows their id keeps one badge, which this oracle does not model.
const BLOCKS = ['div', 'section', 'article', 'aside', 'blockquote'] as const;
type Node_ = { kind: 'text'; html: string; id?: string } | { kind: 'block'; tag: (typeof BLOCKS)[number]; children: Node_[] };
const tree = fc.letrec<{ node: Node_ }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    filler.map((html): Node_ => ({ kind: 'text', html })),
    mention.map((m): Node_ => ({ kind: 'text', html: m.html, id: m.id })),
    fc.record({
      kind: fc.constant('block' as const),
      tag: fc.constantFrom(...BLOCKS),
      children: fc.array(tie('node'), { maxLength: 4 }),
    }),
  ),
})).node;

// Each text leaf gets a block of its own so two leaves never run together into one line of text.
function render(n: Node_): string {
  if (n.kind === 'text') return `<div>${n.html}</div>`;
  return `<${n.tag}>${n.children.map(render).join('')}</${n.tag}>`;
}
function planted(n: Node_): string[] {
  if (n.kind === 'text') return n.id ? [n.id] : [];
  return n.children.flatMap(planted);
}

describe('skipping blocks (property)', () => {
  it('finds every planted mention in random nested pages', () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 5 }), (nodes) => {
        document.body.innerHTML = nodes.map(render).join('');
        expect(ids()).toEqual(nodes.flatMap(planted).sort());
      }),
      { numRuns: 150 },
    );
  });
});
