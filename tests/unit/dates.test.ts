/**
 * shared/dates.ts and shared/timezone.ts: the helpers it added when it became the one home for dates
 * (day parsing and checks, day differences, running week numbers, local time
 * in a zone), checked against plain UTC arithmetic and known calendars. The
 * older helpers (weeks, quarters, formatDay, the digest's local time, the
 * badge's local day) keep their own tests in case, digest-schedule and
 * panel-db.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayOf,
  daysBetween,
  isDay,
  isoWeekNumber,
  isoWeekOf,
  isoWeekOfNumber,
  isoWeekRange,
  parseDay,
  weekdayOf,
} from '../../shared/dates';
import { localDay, localTime, wallClock } from '../../shared/timezone';
import { weekStreak } from '../../shared/case';

/** A `YYYY-MM-DD` from a day count since 1970-01-01, by UTC arithmetic (the reference). */
const utcDay = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
/** Days 1900-01-01 to 2199-12-31. */
const dayNumber = fc.integer({ min: -25_567, max: 84_005 });

describe('days', () => {
  it('addDays and daysBetween agree with UTC arithmetic for any days 1900-2199', () => {
    fc.assert(
      fc.property(dayNumber, fc.integer({ min: -800, max: 800 }), (n, k) => {
        expect(addDays(utcDay(n), k)).toBe(utcDay(n + k));
        expect(daysBetween(utcDay(n), utcDay(n + k))).toBe(k);
        expect(weekdayOf(utcDay(n))).toBe(new Date(n * 86_400_000).getUTCDay());
      }),
    );
  });

  it('isDay accepts real days only; parseDay rolls a day past the month end over', () => {
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-13-01')).toBe(false);
    expect(isDay('2026-1-01')).toBe(false);
    expect(isDay('')).toBe(false);
    expect(addDays('2026-02-30', 0)).toBe('2026-03-02');
    expect(Number.isNaN(parseDay('2026-00-10').getTime())).toBe(true);
    expect(() => addDays('not a day', 1)).toThrow(RangeError);
    expect(Number.isNaN(daysBetween('2026-01-01', 'nope'))).toBe(true);
  });

  it('dayOf overflows like Date.UTC: day 0 is the last day of the month before', () => {
    expect(dayOf(2026, 12, 0)).toBe('2026-12-31');
    expect(dayOf(2028, 2, 0)).toBe('2028-02-29');
    expect(dayOf(2026, 0, 1)).toBe('2026-01-01');
    expect(dayOf(50, 2, 1)).toBe('0050-03-01');
  });
});

describe('ISO weeks as running numbers', () => {
  it('consecutive weeks differ by one, across year ends, and map back to the same week id', () => {
    fc.assert(
      fc.property(dayNumber, (n) => {
        const day = utcDay(n);
        const week = isoWeekNumber(day);
        expect(isoWeekOfNumber(week)).toBe(isoWeekOf(day));
        expect(isoWeekNumber(addDays(day, 7))).toBe(week + 1);
        expect(isoWeekNumber(isoWeekRange(isoWeekOf(day)).start)).toBe(week);
      }),
    );
  });

  it('is NaN for a day that does not exist, so the streak never counts it', () => {
    expect(isoWeekNumber('2026-02-30')).toBeNaN();
    expect(isoWeekNumber('garbage')).toBeNaN();
    // 2026-02-30 would roll over into the week of 2 March; it is not a day, so that week stays empty.
    expect(weekStreak([{ occurredOn: '2026-02-30' }, { occurredOn: '2026-02-23' }], '2026-03-02')).toEqual({
      weeks: 1,
      throughWeek: '2026-W09',
    });
  });

  it('pads years before 1000 instead of reading them as 19xx', () => {
    expect(isoWeekOf('0050-03-01')).toBe('0050-W09');
    expect(isoWeekRange('0050-W09')).toEqual({ start: '0050-02-28', end: '0050-03-06' });
  });
});

describe('local time in a zone', () => {
  it('localDay, localTime and wallClock read the same local calendar', () => {
    // 2026-03-08 06:30 UTC: 01:30 EST, half an hour before New York springs forward.
    const at = new Date('2026-03-08T06:30:00Z');
    expect(localDay(at, 'America/New_York')).toEqual({ date: '2026-03-08', weekday: 0 });
    expect(wallClock(at, 'America/New_York')).toBe('2026-03-08T01:30');
    expect(localTime(at, 'Asia/Kolkata')).toEqual({ weekday: 0, hour: 12, date: '2026-03-08', isoWeek: '2026-W10' });
    expect(wallClock(new Date('2026-03-08T07:30:00Z'), 'America/New_York')).toBe('2026-03-08T03:30');
  });

  it('falls back to UTC for a zone the runtime does not know', () => {
    const at = new Date('2026-11-20T23:30:00Z');
    expect(localDay(at, 'Not/AZone')).toEqual(localDay(at, 'UTC'));
    expect(wallClock(at, 'Not/AZone')).toBe('2026-11-20T23:30');
  });
});
