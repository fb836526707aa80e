import { describe, expect, it } from 'vitest';
import { nowAndNext } from '../../extension/entrypoints/popup/now';
import type { RotaBlock } from '../../shared/model';

const block = (day: RotaBlock['day'], start: number, end: number, staffId = 'S1', pupilIds = ['P1']): RotaBlock => ({
  day,
  start,
  end,
  staffId,
  activity: '1:1',
  pupilIds,
  needs: [],
});

describe('who am I with now', () => {
  const rota = [block('Mon', 540, 600), block('Mon', 600, 660, 'S1', ['P2']), block('Mon', 540, 600, 'S2', ['P9']), block('Tue', 540, 600)];
  // 23/11/2026 is a Monday.
  it('finds the current block and the next one for me only', () => {
    const r = nowAndNext(rota, 'S1', new Date(2026, 10, 23, 9, 30));
    expect(r.current.map((b) => b.pupilIds)).toEqual([['P1']]);
    expect(r.next?.pupilIds).toEqual(['P2']);
  });
  it('treats a block end as exclusive', () => {
    const r = nowAndNext(rota, 'S1', new Date(2026, 10, 23, 10, 0));
    expect(r.current.map((b) => b.pupilIds)).toEqual([['P2']]);
    expect(r.next).toBeUndefined();
  });
  it('knows weekends have no rota', () => {
    expect(nowAndNext(rota, 'S1', new Date(2026, 10, 22, 10, 0))).toEqual({ current: [], schoolDay: false });
  });
});
