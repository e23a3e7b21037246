/**
 * formatNumber (shared/packets/cards.ts) takes a plain-string path for safe
 * integers; its output must be Intl's, digit for digit, for every number.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatMetric, formatNumber } from '../../shared/packets/cards';
import { isHttpUrl } from '../../shared/url';

const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

describe('formatNumber', () => {
  it('matches Intl en-US for integers, decimals and edge values', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double({ noNaN: true })), (v) => {
        expect(formatNumber(v)).toBe(intl.format(v));
      }),
      { numRuns: 2000 },
    );
    for (const v of [0, -0, 999, 1000, -1000, 1234567, Number.MAX_SAFE_INTEGER, 2 ** 60, 0.125, -12.5])
      expect(formatNumber(v)).toBe(intl.format(v));
  });

  it('formats a metric with its unit', () => {
    expect(formatMetric({ label: 'Lines changed', value: 1234 })).toBe('Lines changed: 1,234');
    expect(formatMetric({ label: 'p99', value: -1500, unit: 'ms' })).toBe('p99: -1,500 ms');
  });
});

describe('isHttpUrl', () => {
  it('takes http and https links and refuses the rest', () => {
    expect(isHttpUrl('https://example.com/a')).toBe(true);
    expect(isHttpUrl('HTTP://example.com')).toBe(true);
    expect(isHttpUrl('  https://example.com')).toBe(true);
    expect(isHttpUrl('javascript:alert(1)')).toBe(false);
    expect(isHttpUrl('ht\ntp://example.com')).toBe(false);
    expect(isHttpUrl('/relative')).toBe(false);
    expect(isHttpUrl('https://')).toBe(false);
  });
});
