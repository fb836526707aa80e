// The import pipeline: what the preview promises is what is stored; nothing is left out without being named.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describePreview, previewImport, upnProblem, withCheckLetter, type CaseloadSnapshot } from '../../shared';
import { parseTracker } from '../../shared/schema/parse';
import { recordToRow } from '../../shared/schema/serialise';
import { demoSchool } from '../../demo/school';

const TODAY = '2026-11-23';
const EMPTY: CaseloadSnapshot = { pupils: [], targets: [], staff: [], rota: [] };
const MIS = join(import.meta.dirname, '..', 'fixtures', 'mis-exports');
const csv = (name: string) => ({ kind: 'csv' as const, name, text: readFileSync(join(MIS, name), 'utf8') });

const PUPILS_HEADER = ['Pupil ID', 'First name', 'Last name', 'Year', 'SEN status'];
const TARGETS_HEADER = ['Target ID', 'Pupil ID', 'Target', 'Review by'];

function trackerWithCopiedRow() {
  return {
    kind: 'workbook' as const,
    name: 'tracker.xlsx',
    grids: {
      Pupils: [
        PUPILS_HEADER,
        ['P1', 'Amara', 'Okafor', '4', 'E'],
        ['P2', 'Ben', 'Ito', '5', 'K'],
        ['P1', 'Amara', 'Okafor', '4', 'E'],
        ['P3', 'Cara', 'Diaz', 'Y7', 'SEN Support'],
      ],
      Targets: [
        TARGETS_HEADER,
        ['T1', 'P1', 'Read ten words', '01/02/2027'],
        ['T2', 'P2', 'Count to 20', 'next week'],
        ['T3', 'P9', 'Tie laces', ''],
      ],
    },
  };
}

describe('previewImport: refusals are named, counts are what is stored', () => {
  it('refuses both rows of a duplicated Pupil ID and names them, and the targets that hang off them', () => {
    const p = previewImport(trackerWithCopiedRow(), EMPTY, TODAY);
    expect(p.duplicates).toEqual([
      {
        tab: 'pupils',
        id: 'P1',
        rows: [expect.objectContaining({ row: 2, where: 'Pupils!A2' }), expect.objectContaining({ row: 4, where: 'Pupils!A4' })],
      },
    ]);
    const pupilRefusals = p.refused.filter((r) => r.tab === 'pupils');
    expect(pupilRefusals.map((r) => r.cell)).toEqual(['Pupils!A2', 'Pupils!A4']);
    expect(pupilRefusals[0]!.reasons[0]).toContain('Pupils!A2 and Pupils!A4');
    // T1 belongs to the refused P1; T3 to nobody at all.
    expect(p.refused.filter((r) => r.tab === 'targets').map((r) => [r.cell, r.id])).toEqual([
      ['Targets!B2', 'T1'],
      ['Targets!B4', 'T3'],
    ]);
    expect(p.result.pupils.map((x) => x.id)).toEqual(['P2', 'P3']);
    expect(p.counts).toEqual({ pupils: 2, targets: 1, staff: 0, rota: 0 });
    // T2's bad review date: stored without it, and said so.
    expect(p.blanked).toEqual([expect.objectContaining({ cell: 'Targets!D3' })]);
    expect(p.result.targets[0]).not.toHaveProperty('reviewBy');
    const lines = describePreview(p).join('\n');
    expect(lines).toContain('2 pupils, 1 target');
    expect(lines).toContain('Left out: Pupils!A4 (P1)');
  });

  it('keeps the row the person chose for a duplicated ID', () => {
    const p = previewImport(trackerWithCopiedRow(), EMPTY, TODAY, { keep: { 'pupils:P1': 4 } });
    expect(p.duplicates[0]!.kept).toBe(4);
    expect(p.refused.filter((r) => r.tab === 'pupils').map((r) => r.cell)).toEqual(['Pupils!A2']);
    expect(p.result.pupils.map((x) => x.id).sort()).toEqual(['P1', 'P2', 'P3']);
    expect(p.result.targets.map((t) => t.id)).toEqual(['T1', 'T2']);
    expect(p.counts.pupils).toBe(3);
  });

  it('lists a row nothing could be read from rather than skipping it quietly', () => {
    const p = previewImport(
      { kind: 'csv', name: 'p.csv', text: 'Pupil ID,First name,Last name,Notes\nP1,A,B,\n,,,only a note\n' },
      EMPTY,
      TODAY,
    );
    expect(p.refused).toEqual([expect.objectContaining({ where: 'p.csv line 3 (Pupil ID)' })]);
    expect(p.unusedColumns.map((u) => u.header)).toEqual(['Notes']);
  });
});

describe('MIS exports as they come', () => {
  const demo = demoSchool({ today: TODAY });
  const current: CaseloadSnapshot = demo;

  it('SIMS: IDs from UPN, code-and-description values, preferred forename, unused columns listed', () => {
    const p = previewImport(csv('sims-student-list.csv'), EMPTY, TODAY);
    expect(p.refused).toEqual([]);
    expect(p.derivedIds).toHaveLength(6);
    expect(p.derivedIds[0]).toMatchObject({ from: 'UPN', where: 'sims-student-list.csv line 2' });
    const mia = p.result.pupils.find((x) => x.lastName === 'Fernández')!;
    expect(mia).toMatchObject({ firstName: 'Mia', year: '8', className: '8N', senStatus: 'K', primaryNeed: 'ASD', misId: '004206' });
    expect(p.result.pupils.find((x) => x.lastName === 'Kowalczyk')).toMatchObject({ senStatus: 'E', primaryNeed: 'SLCN' });
    expect(p.result.pupils.find((x) => x.lastName === 'Adeyemi')).toMatchObject({ senStatus: 'N' });
    expect(p.unusedColumns.map((u) => `${u.header}: ${u.reason}`)).toEqual([
      'Legal Forename: a second "First name" column; "Preferred Forename" is read instead',
      'DOB: not a column Caseload knows',
      'Gender: not a column Caseload knows',
    ]);
    expect(describePreview(p).join('\n')).toContain('There is no Pupil ID column, so 6 pupils were given IDs made from the UPN.');
  });

  it('Arbor: BOM, quoted commas, descriptions; Bromcom: bare year numbers, upper-case codes, EHCP hours, admission-number IDs', () => {
    const a = previewImport(csv('arbor-students.csv'), EMPTY, TODAY);
    expect(a.refused).toEqual([]);
    expect(a.unusedColumns.map((u) => u.header)).toEqual(['Student', 'Date of Birth']);
    expect(a.result.pupils.map((x) => `${x.firstName}:${x.year}:${x.senStatus}:${x.primaryNeed}`)).toEqual([
      'Alfie:1:E:ASD',
      'Oscar:1:K:SLCN',
      'Maisie-Rose:3:E:SEMH',
      'Sophia:2:K:SLCN',
      'Chidi:R:K:MLD',
    ]);
    const b = previewImport(csv('bromcom-students.csv'), EMPTY, TODAY);
    expect(b.refused).toEqual([]);
    expect(b.unusedColumns.map((u) => u.header)).toEqual(['Legal First Name', 'Gender']);
    expect(b.result.pupils.find((x) => x.lastName === 'Nwosu')).toMatchObject({
      firstName: 'Amara',
      year: '7',
      primaryNeed: 'ASD',
      fundedHours: 10,
      senStatus: 'E',
    });
    expect(b.derivedIds.find((d) => d.from === 'admission number')).toMatchObject({ id: 'ADNO-4325' });
  });

  it('ScholarPack: Reception and N2, trailing empty rows ignored, a wrong UPN check letter is a warning not a refusal', () => {
    const p = previewImport(csv('scholarpack-pupils.csv'), EMPTY, TODAY);
    expect(p.refused).toEqual([]);
    expect(p.counts.pupils).toBe(5);
    expect(p.result.pupils.find((x) => x.firstName === 'Freya')).toMatchObject({ year: 'N2' });
    expect(p.result.pupils.find((x) => x.firstName === 'Theo')).toMatchObject({ year: 'R' });
    const upn = p.findings.filter((f) => f.code === 'DATA_BAD_UPN');
    expect(upn).toHaveLength(1);
    expect(upn[0]!.message).toContain('its digits give J');
    expect(p.unusedColumns.map((u) => u.header)).toEqual(['Date of Birth']);
  });

  it('Provision Map: full descriptions with commas, Year 12, Secondary Need listed', () => {
    const p = previewImport(csv('provision-map-pupils.csv'), EMPTY, TODAY);
    expect(p.refused).toEqual([]);
    expect(p.result.pupils.map((x) => `${x.lastName}:${x.year}:${x.senStatus}:${x.primaryNeed}`)).toEqual([
      'Begum:10:E:VI',
      'Harris:10:K:SEMH',
      'Adebayo:10:K:SLCN',
      'Campbell:11:E:SEMH',
      'Pritchard:12:E:ASD',
    ]);
    expect(p.unusedColumns.map((u) => u.header)).toEqual(['Secondary Need', 'DOB']);
  });

  it('merges a newer export over the demo caseload: updates by UPN, adds new pupils, lists leavers, keeps targets', () => {
    const p = previewImport(csv('sims-student-list.csv'), current, TODAY);
    const harvey = p.merge.updated.find((u) => u.id === 'P014')!;
    expect(harvey.matchedBy).toBe('UPN');
    expect(harvey.changes).toEqual(expect.arrayContaining(['class 7N → 8N', 'year 7 → 8']));
    expect(p.merge.added.map((x) => x.name)).toEqual(["Shiv O'Brien", 'Seun Adeyemi']);
    expect(p.merge.leavers).toHaveLength(demo.pupils.length - 4);
    expect(p.result.pupils).toHaveLength(demo.pupils.length + 2); // nobody removed until confirmed
    expect(p.result.targets).toHaveLength(demo.targets.length);
    expect(p.result.pupils.find((x) => x.id === 'P014')).toMatchObject({
      className: '8N',
      year: '8',
      keyWorker: demo.pupils.find((x) => x.id === 'P014')!.keyWorker,
    });

    const confirmed = previewImport(csv('sims-student-list.csv'), current, TODAY, { leavers: ['P001', 'P002'] });
    expect(confirmed.result.pupils.map((x) => x.id)).not.toContain('P001');
    expect(confirmed.result.targets.filter((t) => t.pupilId === 'P001').length).toBe(
      demo.targets.filter((t) => t.pupilId === 'P001').length,
    );
    expect(confirmed.counts.pupils).toBe(demo.pupils.length);
  });
});

describe('SEN status: old trackers keep working', () => {
  it('reads an EHCP Y/N column as E/K and writes Y/N back into it', () => {
    const grid = [
      ['Pupil ID', 'First name', 'Last name', 'EHCP'],
      ['P1', 'A', 'B', 'Y'],
      ['P2', 'C', 'D', 'N'],
      ['P3', 'E', 'F', ''],
    ];
    const { tracker, findings } = parseTracker({ Pupils: grid });
    expect(findings.filter((f) => f.tab === 'Pupils')).toEqual([]);
    expect(tracker.pupils.map((x) => x.senStatus)).toEqual(['E', 'K', 'K']);
    expect(recordToRow('pupils', tracker.pupils[0]!, grid[0])).toEqual(['P1', 'A', 'B', 'Y']);
    expect(recordToRow('pupils', tracker.pupils[1]!, grid[0])).toEqual(['P2', 'C', 'D', 'N']);
  });

  it('accepts the census value forms and refuses what the census does not have', () => {
    const grid = [
      ['Pupil ID', 'First name', 'Last name', 'Year', 'SEN status', 'Primary need'],
      ['P1', 'A', 'B', 'Year 15', 'EHCP', 'Dyslexia'],
      ['P2', 'C', 'D', 'N1', 'K – SEN support', 'spld'],
    ];
    const { tracker, findings } = parseTracker({ Pupils: grid });
    expect(findings.filter((f) => f.tab === 'Pupils').map((f) => f.cell)).toEqual(['Pupils!D2', 'Pupils!F2']);
    expect(tracker.pupils.map((x) => [x.year, x.senStatus, x.primaryNeed])).toEqual([
      [undefined, 'E', undefined],
      ['N1', 'K', 'SpLD'],
    ]);
  });
});

describe('UPN check letter (DfE algorithm)', () => {
  it('accepts the DfE example and a temporary UPN, and says what is wrong otherwise', () => {
    expect(upnProblem('B801200005001')).toBeUndefined();
    expect(upnProblem('b801 2000 05001')).toBeUndefined();
    expect(upnProblem('C801200005001')?.problem).toBe('check-letter');
    expect(upnProblem('B80120000500')?.problem).toBe('shape');
    const temp = withCheckLetter('80120000501A');
    expect(upnProblem(temp)).toBeUndefined();
    expect(upnProblem(`${temp[0] === 'A' ? 'B' : 'A'}${temp.slice(1)}`)?.problem).toBe('check-letter');
  });
});
