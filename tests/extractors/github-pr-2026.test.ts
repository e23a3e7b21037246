/**
 * github-pr on the reconstructed September 2026 React pages (tests/fixtures/github/github-pr--react-2026-*,
 * RECONSTRUCTIONS, see tests/fixtures/SOURCES.md): each fact from the source the extraction order names,
 * checked by taking the earlier sources away; the embedded JSON only when it matches the URL; the facts a
 * page misses; the structural markers (no page content); the soft-navigation check; the content script
 * waiting for the page to show its URL's PR.
 */
import { describe, expect, it } from 'vitest';
import { extractCapture } from '../../extension/extractors';
import { embeddedPr } from '../../extension/extractors/github-pr/embedded';
import { prPageMarkers } from '../../extension/extractors/github-pr/markers';
import { missingPrFacts, pageShowsPr } from '../../extension/extractors/github-pr/page-check';
import { runCapture } from '../../extension/capture/run';
import { collectMarkers } from '../../extension/capture/markers';
import { loadPage, now, parseDocument } from './helpers';

const page = (c: string) => loadPage('github', `github-pr--react-2026-${c}`);
const REPO = 'casebook-demo/platform';

/** `page`'s document with every element matching `selector` removed. */
function without(doc: Document, ...selectors: string[]): Document {
  for (const s of selectors) for (const el of doc.querySelectorAll(s)) el.remove();
  return doc;
}

describe('state, in order', () => {
  it('takes the embedded JSON first (its mergedBy is nowhere else on the page)', async () => {
    const p = page('merged');
    const d = await extractCapture(p, { now });
    expect(d.meta).toMatchObject({ state: 'merged', mergedAt: '2026-09-14T16:02:11.000Z', mergedBy: 'mona-merger' });
  });

  it('reads the embedded JSON one level deeper (draft: state OPEN with isDraft)', () => {
    const p = page('draft');
    expect(embeddedPr(p.document, REPO, 1315)).toMatchObject({ state: 'draft', author: 'octo-dev', commits: 1 });
  });

  it('then the StateLabel data-status, then its text, then the legacy badge, then unknown', async () => {
    const p = page('merged');
    const doc = without(p.document, 'script[data-target="react-app.embeddedData"]');
    expect((await extractCapture({ url: p.url, document: doc }, { now })).meta['state']).toBe('merged');
    for (const el of doc.querySelectorAll('[data-status]')) el.removeAttribute('data-status');
    expect((await extractCapture({ url: p.url, document: doc }, { now })).meta['state']).toBe('merged'); // "Merged"
    without(doc, 'span[class*="StateLabel"]');
    doc.body.insertAdjacentHTML(
      'afterbegin',
      '<div class="gh-header-meta"><span class="State State--red">Closed</span></div>',
    );
    expect((await extractCapture({ url: p.url, document: doc }, { now })).meta['state']).toBe('closed');
    without(doc, '.State');
    const d = await extractCapture({ url: p.url, document: doc }, { now });
    expect(d.meta).not.toHaveProperty('state');
    expect(d.meta).not.toHaveProperty('mergedAt');
  });

  it('ignores embedded JSON of another PR (stale after a soft navigation) or of another repository', async () => {
    const stale = page('stale-embedded-json');
    expect(embeddedPr(stale.document, REPO, 1325)).toBeUndefined();
    const d = await extractCapture(stale, { now });
    expect(d.meta).toMatchObject({ number: 1325, state: 'open', mergedAt: null, author: 'lin-qa' });
    expect(d.meta).not.toHaveProperty('mergedBy');
    const merged = page('merged');
    expect(embeddedPr(merged.document, 'someone-else/platform', 1287)).toBeUndefined();
    expect(embeddedPr(merged.document, 'Casebook-Demo/Platform', 1287)).toMatchObject({ state: 'merged' });
  });

  it('keeps a queued PR open, marked as in the merge queue', async () => {
    const d = await extractCapture(page('queued'), { now });
    expect(d.meta).toMatchObject({ state: 'open', inMergeQueue: true });
  });
});

describe('merge time, diffstat, counters, title, author', () => {
  it('merge time: JSON, then the summary relative-time, then the legacy merged event', async () => {
    const p = page('no-embedded-json');
    expect((await extractCapture(p, { now })).meta['mergedAt']).toBe('2026-09-24T18:40:00.000Z');
    const only = await extractCapture(page('merged-statelabel-only'), { now });
    expect(only.meta['mergedAt']).toBe('2026-09-22T08:30:00.000Z'); // the timeline's "merged commit … into main"
  });

  it('diffstat: sr-only text, then the header navigation, never a per-file diffstat', async () => {
    const p = page('merged');
    // The sr-only text wins over the coloured counts: make them disagree.
    for (const el of p.document.querySelectorAll('[class*="prc-PageHeader-Navigation"] .fgColor-success'))
      el.textContent = '+1';
    expect((await extractCapture(p, { now })).meta).toMatchObject({ additions: 1204, deletions: 388 });
    const changes = await extractCapture(page('changes-route'), { now });
    expect(changes.meta).toMatchObject({ additions: 1204, deletions: 388, changedFiles: 31, commits: 7 });
    const noNav = page('changes-route');
    without(noNav.document, '[class*="prc-PageHeader-Navigation"] [class*="DiffStats"]');
    const d = await extractCapture(noNav, { now });
    expect(d.meta).not.toHaveProperty('additions'); // the file headers' "Lines changed" are not the PR's
  });

  it('canonicalises the /changes route and reads the files tab counter there', async () => {
    const d = await extractCapture(page('changes-route'), { now });
    expect(d.url).toBe(`https://github.com/${REPO}/pull/1287`);
    expect(d.meta).not.toHaveProperty('reviewers'); // no sidebar on the Files tab: unknown, not []
  });

  it('title without the hidden "- #N" and without the sticky header doubling it', async () => {
    const d = await extractCapture(page('sticky-header'), { now });
    expect(d.title).toBe('Show testimonials beside their evidence');
    expect(d.meta).toMatchObject({ state: 'open', additions: 402, deletions: 77, changedFiles: 11, commits: 6 });
  });

  it('author from the summary line when neither JSON nor the title names one', async () => {
    const document = parseDocument(
      `<html><head><title>x</title></head><body><div class="prc-PageHeader-PageHeader-a">
      <h1 class="prc-PageHeader-Title-b"><span class="markdown-title">Fix it</span><span class="sr-only"> - #5</span></h1>
      <div class="prc-PageHeader-Description-c"><span class="prc-StateLabel-StateLabel-d" data-status="pullOpened">Open</span>
      <div class="PullRequestHeaderSummary-module__summary--e"><a data-hovercard-type="user" href="/ada">ada</a> wants to merge 1 commit into main</div></div>
      </div></body></html>`,
    );
    const d = await extractCapture({ url: 'https://github.com/o/r/pull/5', document }, { now });
    expect(d).toMatchObject({ title: 'Fix it', meta: { state: 'open', author: 'ada' } });
  });
});

describe('page checks', () => {
  it('names the facts a page misses', async () => {
    expect(missingPrFacts(await extractCapture(page('merged'), { now }))).toEqual([]);
    expect(missingPrFacts(await extractCapture(page('state-unknown'), { now }))).toEqual(['state']);
    const noTime = page('merged-statelabel-only');
    without(noTime.document, 'relative-time');
    expect(missingPrFacts(await extractCapture(noTime, { now }))).toEqual(['mergedAt']);
    const bare = parseDocument('<html><head><title>Tune · Pull Request #9 · o/r</title></head><body></body></html>');
    const d = await extractCapture({ url: 'https://github.com/o/r/pull/9', document: bare }, { now });
    expect(missingPrFacts(d)).toEqual(['state', 'author', 'additions', 'deletions', 'changedFiles', 'commits']);
  });

  it('reports structural markers as counts and booleans only, with no page content', () => {
    const p = page('stale-embedded-json');
    const markers = prPageMarkers(new URL(p.url), p.document);
    expect(markers).toMatchObject({
      embeddedJson: 1,
      embeddedJsonPr: 1,
      embeddedJsonMatchesUrl: false,
      headerTitle: 1,
      stateLabelWithStatus: 1,
      commitsTab: 1,
      filesTab: 1,
      srOnlyDiffstat: true,
      legacyHeader: 0,
    });
    for (const v of Object.values(markers)) expect(['number', 'boolean']).toContain(typeof v);
    const text = JSON.stringify(collectMarkers({ location: { href: p.url } as Location, document: p.document }));
    for (const secret of ['Document the share link', 'lin-qa', '1325', 'casebook-demo'])
      expect(text).not.toContain(secret);
    expect(collectMarkers({ location: { href: 'https://example.com/' } as Location, document: p.document })).toEqual({
      markers: {},
    });
  });

  it('tells when the page still shows another PR than its URL', () => {
    const p = page('merged');
    expect(pageShowsPr(new URL(`https://github.com/${REPO}/pull/1287/changes`), p.document)).toBe(true);
    expect(pageShowsPr(new URL(`https://github.com/${REPO}/pull/1310`), p.document)).toBe(false);
    expect(pageShowsPr(new URL('https://github.com/other/repo/pull/1287'), p.document)).toBe(false);
    expect(pageShowsPr(new URL('https://github.com/o/r/pull/1'), parseDocument('<html><body></body></html>'))).toBe(
      true,
    );
  });

  it('the content script waits for the soft navigation to render, then reads the new PR', async () => {
    const first = page('merged');
    const second = page('open');
    const win = {
      location: { href: second.url } as Location, // pushState came first: the URL names #1310 already
      document: first.document, // …while the page still shows #1287
      fetch: (async () => new Response('', { status: 404 })) as typeof fetch,
    };
    setTimeout(() => (win.document = second.document), 250); // then the new PR renders
    const result = await runCapture(win);
    expect(result).toMatchObject({
      ok: true,
      draft: { title: 'Add a weekly digest preview to the side panel', meta: { number: 1310, state: 'open' } },
    });
  });

  it('lists missing facts in the content script result', async () => {
    const p = page('state-unknown');
    const result = await runCapture({
      location: { href: p.url } as Location,
      document: p.document,
      fetch: (async () => new Response('', { status: 404 })) as typeof fetch,
    });
    expect(result).toMatchObject({ ok: true, extractor: 'github-pr', missing: ['state'] });
  });
});
