// "Provision statement" through the built bundle in a vm over the fake spreadsheet holding the demo school: the
// menu item opens the dialog (the built Statement.html, with its Print button), the dialog's two server calls list
// the pupils and build the core's statement for a pupil and range, and bad input is answered in words.
import { beforeAll, describe, expect, it } from 'vitest';
import { demoSchool } from '../../demo/school';
import type { StatementChoices, StatementView } from '../../sheets-addon/server/api';
import { buildAddon, loadAddon, overTheWire, type Built, type Running } from './harness';
import { trackerWorkbook } from './workbooks';

let built: Built;
beforeAll(() => {
  built = buildAddon();
}, 60_000);

const NOW = new Date('2026-11-23T10:00:00Z'); // the demo school's Monday; last week (16–20/11) has its sessions recorded
const school = (): Running => loadAddon(built, trackerWorkbook(demoSchool()), { now: NOW });

describe('the Provision statement dialog', () => {
  it('is on the menu and opens the built dialog, wide enough for A4, with a Print button and print styles', () => {
    const r = school();
    r.run('onOpen');
    expect(
      r.fake.addonMenus[0]!.some(
        (i) => i !== 'separator' && i.caption === 'Provision statement' && i.functionName === 'showStatementDialog',
      ),
    ).toBe(true);
    r.run('showStatementDialog');
    const d = r.fake.dialogs.at(-1)!;
    expect(d.title).toBe('Provision statement');
    expect(d.width).toBeGreaterThanOrEqual(800);
    expect(d.content).toContain('<title>Caseload provision statement</title>');
    expect(d.content).toContain('statement-print');
    expect(d.content).toContain('window.print()');
    expect(d.content).toContain('@media print');
    expect(d.content).not.toMatch(/<script[^>]+src=/); // everything inlined: no remote code
  });

  it('lists EHCP pupils first and proposes the last six school weeks', () => {
    const c = overTheWire(school().run<StatementChoices>('statementChoices'));
    expect(c.today).toBe('2026-11-23');
    expect(c.from).toBe('2026-10-19');
    expect(c.to).toBe('2026-11-23');
    const firstPlain = c.pupils.findIndex((p) => !p.ehcp);
    expect(firstPlain).toBeGreaterThan(0);
    expect(c.pupils.slice(firstPlain).every((p) => !p.ehcp)).toBe(true);
    expect(c.pupils.find((p) => p.id === 'P004')).toEqual({ id: 'P004', name: 'Maisie-Rose Clarke', ehcp: true });
  });

  it('builds the statement: funded against delivered by week, and the missed session with its reason', () => {
    const r = school();
    const short = overTheWire(r.run<StatementView>('statementFor', 'P004', '2026-11-16', '2026-11-20'));
    expect(short.error).toBeUndefined();
    expect(short.title).toBe('Maisie-Rose Clarke, 16/11/2026 to 20/11/2026');
    expect(short.html).toContain('w/c 16/11/2026');
    expect(short.html).toContain('Redeployed to cover');
    expect(short.html).toContain('class="n short"'); // delivered below funded, marked
    expect(short.html).toContain('@page { size: A4');
    const full = overTheWire(r.run<StatementView>('statementFor', 'P001', '2026-11-16', '2026-11-20'));
    expect(full.html).toContain('No sessions were recorded as missed in this period.');
    expect(full.html).not.toContain('class="n short"');
  });

  it('answers bad input in words, and writes nothing', () => {
    const r = school();
    r.fake.rec.reset();
    expect(r.run<StatementView>('statementFor', '', '2026-11-16', '2026-11-20')).toEqual({ error: 'Choose a pupil.' });
    expect(r.run<StatementView>('statementFor', 'P004', '2026-11-20', '2026-11-16').error).toBe(
      'The end date (16/11/2026) is before the start date (20/11/2026).',
    );
    expect(r.run<StatementView>('statementFor', 'P004', 'soon', '2026-11-16').error).toBe('Choose both dates.');
    expect(r.run<StatementView>('statementFor', 'NOPE', '2026-11-16', '2026-11-20').error).toBe(
      'There is no pupil with ID "NOPE" on the Pupils tab.',
    );
    expect(r.fake.rec.writes()).toEqual([]);
  });
});
