/** The review period and the coverage target (shared/period.ts). */
import { describe, expect, it } from 'vitest';
import { inPeriod, periodTarget, resolvePeriod } from '../../shared/period';

describe('resolvePeriod', () => {
  it('defaults to the last 12 months', () => {
    expect(resolvePeriod(undefined, '2026-12-06')).toEqual({
      from: '2025-12-07',
      to: '2026-12-06',
      label: 'Last 12 months',
      halves: 2,
    });
  });

  it('resolves halves and quarters of the calendar year', () => {
    expect(resolvePeriod({ preset: 'this-half' }, '2026-12-06')).toMatchObject({
      from: '2026-07-01',
      to: '2026-12-06',
      label: 'H2 2026',
    });
    expect(resolvePeriod({ preset: 'last-half' }, '2026-12-06')).toMatchObject({
      from: '2026-01-01',
      to: '2026-06-30',
      label: 'H1 2026',
    });
    expect(resolvePeriod({ preset: 'last-half' }, '2026-03-01')).toMatchObject({
      from: '2025-07-01',
      to: '2025-12-31',
      label: 'H2 2025',
    });
    expect(resolvePeriod({ preset: 'this-quarter' }, '2026-12-06')).toMatchObject({
      from: '2026-10-01',
      label: 'Q4 2026',
    });
    expect(resolvePeriod({ preset: 'last-quarter' }, '2026-02-10')).toMatchObject({
      from: '2025-10-01',
      to: '2025-12-31',
      label: 'Q4 2025',
    });
    expect(resolvePeriod({ preset: 'last-quarter' }, '2026-05-10')).toMatchObject({
      from: '2026-01-01',
      to: '2026-03-31',
      label: 'Q1 2026',
    });
  });

  it('takes custom dates in either order', () => {
    expect(resolvePeriod({ preset: 'custom', from: '2026-06-30', to: '2026-01-01' }, '2026-12-06')).toMatchObject({
      from: '2026-01-01',
      to: '2026-06-30',
      halves: 1,
    });
    expect(
      inPeriod('2026-01-01', resolvePeriod({ preset: 'custom', from: '2026-01-01', to: '2026-06-30' }, '2026-12-06')),
    ).toBe(true);
    expect(
      inPeriod('2026-07-01', resolvePeriod({ preset: 'custom', from: '2026-01-01', to: '2026-06-30' }, '2026-12-06')),
    ).toBe(false);
  });
});

describe('periodTarget', () => {
  it('scales the per-half target to the period', () => {
    expect(periodTarget(resolvePeriod(undefined, '2026-12-06'))).toBe(6);
    expect(periodTarget(resolvePeriod({ preset: 'this-half' }, '2026-07-02'))).toBe(3);
    expect(periodTarget(resolvePeriod({ preset: 'last-quarter' }, '2026-07-02'))).toBe(2);
    expect(periodTarget(resolvePeriod({ preset: 'last-half' }, '2026-07-02'), 5)).toBe(5);
  });
});
