/**
 * The importers' small helpers: date windows, Link headers, rate-limit waits, the resume cursor and
 * the request schema.
 */
import { describe, expect, it } from 'vitest';
import { ImportRequest } from '../../../shared/import';
import { importHistory } from '../../../extension/importers';
import { decodeCursor, encodeCursor, type CursorState } from '../../../extension/importers/cursor';
import { isUnder, parseLink, rateLimitWait } from '../../../extension/importers/http';
import { dayWindow, partsFor, rangeQualifier, splitWindow } from '../../../extension/importers/windows';

describe('date windows', () => {
  it('covers whole UTC days and splits without gaps or overlaps', () => {
    const w = dayWindow('2025-12-01', '2026-11-30');
    expect(rangeQualifier(w)).toBe('2025-12-01T00:00:00Z..2026-11-30T23:59:59Z');
    const parts = splitWindow(w, 3);
    expect(parts).toHaveLength(3);
    expect(parts[0]!.from).toBe(w.from);
    expect(parts[2]!.to).toBe(w.to);
    expect(parts[1]!.from).toBe(parts[0]!.to + 1);
    expect(parts[2]!.from).toBe(parts[1]!.to + 1);
    expect(splitWindow({ from: 5, to: 5 })).toEqual([{ from: 5, to: 5 }]);
    expect(splitWindow({ from: 5, to: 6 }, 4)).toEqual([
      { from: 5, to: 5 },
      { from: 6, to: 6 },
    ]);
    expect(partsFor(1200)).toBe(2);
    expect(partsFor(4000)).toBe(5);
  });
});

describe('Link and rate limits', () => {
  it('parses GitHub Link headers', () => {
    const h =
      '<https://api.github.com/search/issues?q=a&page=1>; rel="prev", <https://api.github.com/search/issues?q=a&page=3>; rel="next", <https://api.github.com/search/issues?q=a&page=10>; rel="last", <https://api.github.com/search/issues?q=a&page=1>; rel="first"';
    expect(parseLink(h)).toEqual({
      prev: 'https://api.github.com/search/issues?q=a&page=1',
      next: 'https://api.github.com/search/issues?q=a&page=3',
      last: 'https://api.github.com/search/issues?q=a&page=10',
      first: 'https://api.github.com/search/issues?q=a&page=1',
    });
    expect(parseLink(null)).toEqual({});
    expect(parseLink('garbage')).toEqual({});
  });

  it('keeps requests under apiBase', () => {
    expect(isUnder('https://ghe.example.com/api/v3/search/issues', 'https://ghe.example.com/api/v3')).toBe(true);
    expect(isUnder('https://ghe.example.com/api/v30/x', 'https://ghe.example.com/api/v3')).toBe(false);
    expect(isUnder('https://ghe.example.com.evil.test/api/v3/x', 'https://ghe.example.com/api/v3')).toBe(false);
    expect(isUnder('http://api.github.com/user', 'https://api.github.com')).toBe(false);
  });

  it('reads retry-after and x-ratelimit-reset', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const h = (o: Record<string, string>) => new Headers(o);
    expect(rateLimitWait(403, h({ 'retry-after': '42' }), '', now)).toBe(42_000);
    const reset = String(now.getTime() / 1000 + 90);
    expect(rateLimitWait(429, h({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), '', now)).toBe(90_000);
    expect(rateLimitWait(403, h({ 'x-ratelimit-remaining': '12' }), '{"message":"Bad"}', now)).toBeUndefined();
    expect(rateLimitWait(403, h({}), '{"message":"You have exceeded a secondary rate limit."}', now)).toBe(60_000);
    expect(rateLimitWait(401, h({ 'retry-after': '1' }), '', now)).toBeUndefined();
  });
});

describe('resume cursor and request', () => {
  it('round-trips a cursor and refuses anything else', async () => {
    const state: CursorState = {
      v: 1,
      source: 'jira',
      req: 'x',
      tasks: [{ part: 'assigned', startAt: 100 }],
      seen: ['é'],
    };
    const cursor = encodeCursor(state);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(state);
    expect(decodeCursor('not a cursor')).toBeUndefined();
    expect(decodeCursor(encodeCursor({ ...state, tasks: [{ part: 'everything' }] } as never))).toBeUndefined();
    const r = await importHistory({
      source: 'jira',
      origin: 'https://acme.atlassian.net',
      from: '2026-01-01',
      to: '2026-02-01',
      resume: cursor,
    });
    expect(r.errors[0]?.code).toBe('invalid_query');
    expect(r.requests).toBe(0);
  });

  it('validates requests: dates in order, logins without search syntax, origins without paths', () => {
    const base = { source: 'github', login: 'octocat', from: '2026-01-01', to: '2026-12-31' };
    expect(ImportRequest.safeParse(base).success).toBe(true);
    expect(ImportRequest.safeParse({ ...base, from: '2027-01-01' }).success).toBe(false);
    expect(ImportRequest.safeParse({ ...base, login: 'octocat is:issue' }).success).toBe(false);
    expect(ImportRequest.safeParse({ ...base, apiBase: 'https://ghe.example.com/api/v3/' }).data).toMatchObject({
      apiBase: 'https://ghe.example.com/api/v3',
    });
    expect(ImportRequest.safeParse({ ...base, apiBase: 'file:///etc' }).success).toBe(false);
    const jira = { source: 'jira', origin: 'https://acme.atlassian.net', from: '2026-01-01', to: '2026-12-31' };
    expect(ImportRequest.safeParse(jira).success).toBe(true);
    expect(ImportRequest.safeParse({ ...jira, origin: 'https://acme.atlassian.net/browse/X-1' }).success).toBe(false);
    expect(ImportRequest.safeParse({ ...jira, include: ['authored'] }).success).toBe(false);
  });
});
