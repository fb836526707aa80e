import { describe, expect, it } from 'vitest';
import { checkWorkbook, effectiveLogs } from '../../shared';
import { trackerToGrids } from '../../shared/schema/serialise';
import { TODAY, validTracker } from './fixtures';

describe('checkWorkbook', () => {
  it('is silent on a valid tracker read from its grids', () => {
    const res = checkWorkbook(trackerToGrids(validTracker()), TODAY);
    expect(res.findings).toEqual([]);
    expect(res.summary).toEqual({ error: 0, warning: 0, info: 0 });
    expect(res.tabs).toHaveLength(9);
  });

  it('puts parse findings and check findings in one ordered list, errors first', () => {
    const grids = trackerToGrids(validTracker());
    const rota = grids['Rota']!;
    rota[1]![1] = '#REF!'; // Start of the first block: a broken formula
    grids['Training']!.push(['NOBODY', 'First aid', '01/09/2025', '01/09/2028']);
    const res = checkWorkbook(grids, TODAY);
    const codes = res.findings.map((f) => `${f.severity}:${f.code}@${f.cell}`);
    expect(codes).toContain('error:DATA_FORMULA_ERROR@Rota!B2');
    expect(codes.some((c) => c.startsWith('error:DATA_UNKNOWN_STAFF@Training!A'))).toBe(true);
    const severities = res.findings.map((f) => f.severity);
    expect([...severities].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b))).toEqual(
      severities,
    );
    expect(res.summary.error).toBe(res.findings.filter((f) => f.severity === 'error').length);
  });

  it('recognises nothing in a workbook that is not a tracker', () => {
    expect(checkWorkbook({ Budget: [['Item', 'Cost']] }, TODAY).tabs).toEqual([]);
  });

  it('hands on the Log as the checks counted it: corrections applied once, for the evidence summary', () => {
    const tracker = validTracker();
    const res = checkWorkbook(trackerToGrids(tracker), TODAY);
    expect(res.logs).toEqual(effectiveLogs(res.tracker.logs));
    expect(res.logs.length).toBeGreaterThan(0);
  });
});
