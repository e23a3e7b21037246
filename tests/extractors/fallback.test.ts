/** A capture never fails outright: a failing site extractor falls back to the generic page with a reason. */
import { describe, expect, it } from 'vitest';
import { extractCapture, runExtractors, type Extractor } from '../../extension/extractors';
import { web } from '../../extension/extractors/web';
import { now, parseDocument } from './helpers';

const onExample = (extract: Extractor['extract']): Extractor => ({
  id: 'jira',
  matches: ['https://*.example.net/*'],
  detect: (url) => url.host.endsWith('.example.net'),
  extract,
});

const page = () => ({
  url: 'https://acme.example.net/browse/KEY-1?utm_source=email',
  document: parseDocument('<html><head><title>KEY-1 Fix the flaky sync test</title></head><body></body></html>'),
});

describe('fallback to the generic extractor', () => {
  it('uses the generic draft when a site extractor throws, with the reason', async () => {
    const throwing = onExample(() => {
      throw new Error('selector .issue-key not found');
    });
    const d = await runExtractors([throwing, web], page(), { now });
    expect(d).toEqual({
      source: 'web',
      kind: 'other',
      url: 'https://acme.example.net/browse/KEY-1',
      title: 'KEY-1 Fix the flaky sync test',
      occurredOn: '2026-11-20',
      suggestedCompetencies: [],
      metrics: [],
      meta: {},
      fallbackReason: 'jira: selector .issue-key not found',
    });
  });

  it('falls back when a site extractor rejects or returns an invalid draft', async () => {
    const rejecting = onExample(() => Promise.reject(new TypeError('fetch failed')));
    expect((await runExtractors([rejecting, web], page(), { now })).fallbackReason).toBe('jira: fetch failed');

    const invalid = onExample(() => ({ ...web.extract({ ...page(), now, identities: {} }), title: '' }) as never);
    const d = await runExtractors([invalid, web], page(), { now });
    expect(d.source).toBe('web');
    expect(d.fallbackReason).toMatch(/^jira: .*title/s);
  });

  it('falls back on a github.com PR URL whose page has no PR on it', async () => {
    const document = parseDocument('<html><head></head><body><p>Loading…</p></body></html>');
    const d = await extractCapture({ url: 'https://github.com/o/r/pull/5/files', document }, { now });
    expect(d).toMatchObject({
      source: 'web',
      kind: 'other',
      url: 'https://github.com/o/r/pull/5',
      title: 'github.com',
      occurredOn: '2026-11-20',
      fallbackReason: 'github-pr: no pull request title on the page',
    });
  });

  it('does not pretend a non-GitHub site with a /o/r/pull/N path is a PR', async () => {
    const document = parseDocument(
      '<html><head><title>Pull 3 · Forum</title><meta property="og:site_name" content="Forum"></head><body></body></html>',
    );
    const d = await extractCapture({ url: 'https://forum.example.org/boards/cats/pull/3', document }, { now });
    expect(d).toMatchObject({ source: 'web', title: 'Pull 3', meta: { siteName: 'Forum' } });
    expect(d.fallbackReason).toBe('github-pr: not a GitHub page: forum.example.org');
  });

  it('refuses only pages that cannot be captured at all', async () => {
    await expect(extractCapture({ url: 'chrome://extensions/', document: parseDocument('') })).rejects.toThrow(
      TypeError,
    );
    await expect(extractCapture({ url: 'not a url', document: parseDocument('') })).rejects.toThrow(TypeError);
  });
});
