// shared/setup.ts: set-up and import plans only ever add, and applying a plan twice changes nothing more.
import { describe, expect, it } from 'vitest';
import { applyChanges, planImport, planSetup } from '../../shared/setup';
import { parseTracker } from '../../shared/schema/parse';
import { gridsOf, type Workbook } from '../../shared/workbook';

const messy: Workbook = {
  sheets: [
    {
      name: 'Caseload',
      values: [
        ['Pupil ID', 'Forename', 'Surname', null, 'Notes'],
        ['P1', 'Zoë', 'Nowak', null, 'keep me'],
      ],
    },
    { name: 'Rota', values: [] },
    { name: 'Log', values: [[], ['data without a header']] },
    {
      name: 'Settings',
      values: [
        ['Setting', 'Value'],
        ['School name', 'Kestrel Lane'],
      ],
    },
  ],
};

describe('planSetup', () => {
  it('adds missing tabs, header cells and settings, to the right of and below existing data', () => {
    const plan = planSetup(messy);
    const after = applyChanges(messy, plan.changes);
    expect(after.sheets.map((s) => s.name)).toEqual([
      'Caseload',
      'Rota',
      'Log',
      'Settings',
      'Targets',
      'Staff',
      'Training',
      'Absence',
      'Reviews',
    ]);
    const pupils = after.sheets[0]!.values;
    expect(pupils[0]!.slice(0, 5)).toEqual(['Pupil ID', 'Forename', 'Surname', null, 'Notes']);
    expect(pupils[0]![5]).toBe('UPN');
    expect(pupils[1]).toEqual(['P1', 'Zoë', 'Nowak', null, 'keep me']);
    expect(after.sheets[1]!.values[0]).toEqual(['Day', 'Start', 'End', 'Staff ID', 'Activity', 'Pupil IDs', 'Location', 'Needs']);
    // A tab with data but no header is not relabelled: it is left for a person, and said so.
    expect(after.sheets[2]!.values).toEqual(messy.sheets[2]!.values);
    expect(plan.skipped.join()).toContain('Log has data but no header row');
    expect(after.sheets[3]!.values.map((r) => r[0])).toEqual([
      'Setting',
      'School name',
      'Evidence window days',
      'Review warning days',
      'Timezone',
      'SENCo covers',
    ]);
    expect(after.sheets[3]!.values[1]).toEqual(['School name', 'Kestrel Lane']);
    // Our tabs are marked, so they are found after a rename.
    expect(after.sheets[0]!.metadata).toEqual({ 'caseload:tab': 'pupils' });

    const again = planSetup(after);
    expect(again.added).toEqual([]);
    expect(applyChanges(after, again.changes)).toEqual(after);
    expect(messy.sheets[0]!.values[0]).toHaveLength(5); // the input was not touched
  });
});

describe('planImport', () => {
  it('appends new pupils under the existing header order and skips IDs already present', () => {
    const wb = applyChanges(messy, planSetup(messy).changes);
    const plan = planImport(wb, 'pupils', [
      { id: 'P1', firstName: 'Someone', lastName: 'Else', areasOfNeed: [], senStatus: 'K', phaseTransfer: false },
      { id: 'P2', firstName: 'Amara', lastName: 'Nwosu', areasOfNeed: ['SEMH'], senStatus: 'E', phaseTransfer: false },
    ] as never);
    expect(plan.imported).toBe(1);
    expect(plan.skipped.join()).toContain('P1 is already in Caseload (Caseload!A2)');
    const after = applyChanges(wb, plan.changes);
    const parsed = parseTracker(gridsOf(after));
    expect(parsed.tracker.pupils.map((p) => [p.id, p.firstName])).toEqual([
      ['P1', 'Zoë'],
      ['P2', 'Amara'],
    ]);
  });
});
