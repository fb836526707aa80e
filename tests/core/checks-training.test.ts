import { describe, expect, it } from 'vitest';
import type { TrainingRecord } from '../../shared/model';
import { brief, findingsOf } from './checks-helpers';
import { validParts, validTracker } from './fixtures';

function firstAidExpires(expires: string): TrainingRecord[] {
  return validParts().training.map((r) => (r.training === 'First aid' ? { ...r, expires } : r));
}

describe('TRAINING_EXPIRED', () => {
  it('fires on the expiry date itself, at the Expires cell', () => {
    const f = findingsOf(validTracker({ training: firstAidExpires('2026-11-23') }), 'TRAINING_EXPIRED');
    expect(brief(f)).toEqual([{ code: 'TRAINING_EXPIRED', severity: 'warning', cell: 'Training!D3', staffId: 'S02' }]);
    expect(f[0]!.message).toBe("Ben Okafor's First aid training expired on 23/11/2026.");
  });

  it('is silent for a renewed certificate and for one expiring tomorrow', () => {
    expect(findingsOf(validTracker({ training: firstAidExpires('2026-11-24') }), 'TRAINING_EXPIRED')).toEqual([]);
    const renewed = [
      ...firstAidExpires('2026-01-01'),
      { staffId: 'S02', training: 'first-aid', completed: '2025-12-15', expires: '2028-12-15' },
    ];
    expect(findingsOf(validTracker({ training: renewed }), 'TRAINING_EXPIRED')).toEqual([]);
  });
});

describe('TRAINING_EXPIRES_SOON', () => {
  it('fires within 30 days', () => {
    const f = findingsOf(validTracker({ training: firstAidExpires('2026-12-23') }), 'TRAINING_EXPIRES_SOON');
    expect(brief(f)).toEqual([{ code: 'TRAINING_EXPIRES_SOON', severity: 'info', cell: 'Training!D3', staffId: 'S02' }]);
    expect(f[0]!.message).toBe("Ben Okafor's First aid training expires on 23/12/2026, in 30 days.");
  });

  it('is silent at 31 days', () => {
    expect(findingsOf(validTracker({ training: firstAidExpires('2026-12-24') }), 'TRAINING_EXPIRES_SOON')).toEqual([]);
  });
});
