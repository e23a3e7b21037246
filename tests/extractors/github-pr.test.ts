/**
 * github-pr on the real 2019 pages (facts checked by hand against the pages, independent of the
 * golden files), canonical URLs, title parsing, Enterprise hosts, role derivation and competencies.
 */
import { describe, expect, it } from 'vitest';
import { deriveRole, extractCapture } from '../../extension/extractors';
import { parsePrTitle, suggestCompetencies } from '../../extension/extractors/github-pr';
import type { CaptureDraft } from '../../shared/schemas';
import { loadPage, now, parseDocument } from './helpers';

const merged = () => loadPage('github', 'github-pr--merged-files-tab-2019');
const closed = () => loadPage('github', 'github-pr--closed-unmerged-conversation-2019');

describe('github-pr on real 2019 pages', () => {
  it('reads sourcegraph#3257 (merged, Files tab)', async () => {
    const d = await extractCapture(merged(), { now });
    expect(d.source).toBe('github-pr');
    expect(d.title).toBe('gitserver: Use opentracing for exec endpoint');
    expect(d.occurredOn).toBe('2019-04-08');
    expect(d.meta).toMatchObject({
      repo: 'sourcegraph/sourcegraph',
      number: 3257,
      state: 'merged',
      author: 'keegancsmith',
      mergedBy: 'beyang',
      mergedAt: '2019-04-08T00:40:04.000Z',
      commits: 1,
      changedFiles: 1,
    });
  });

  it('reads sourcegraph#3221 (closed without merging, Conversation tab)', async () => {
    const d = await extractCapture(closed(), { now });
    expect(d.title).toBe('make sourcegraph support redis password');
    expect(d.meta).toMatchObject({
      number: 3221,
      state: 'closed',
      author: 'alexandnpu',
      mergedAt: null,
      commits: 4,
      additions: 183,
      deletions: 2,
      reviewers: ['beyang'],
      labels: [],
    });
    expect(d.metrics).toContainEqual({ label: 'Lines changed', value: 185 });
    expect(d.metrics).toContainEqual({ label: 'Commits', value: 4 });
    expect(d.metrics).toContainEqual({ label: 'Reviewers', value: 1 });
    // No timestamp in the excerpt and not merged: the frozen today.
    expect(d.occurredOn).toBe('2026-11-20');
  });
});

describe('canonical PR URL', () => {
  const variants = [
    'https://github.com/sourcegraph/sourcegraph/pull/3221',
    'https://github.com/sourcegraph/sourcegraph/pull/3221/files',
    'https://github.com/sourcegraph/sourcegraph/pull/3221/changes',
    'https://github.com/sourcegraph/sourcegraph/pull/3221/changes?diff=split#diff-4b1c',
    'https://github.com/sourcegraph/sourcegraph/pull/3221/commits',
    'https://github.com/sourcegraph/sourcegraph/pull/3221/commits/cb632145276dd3e17f03e44b272b611b8107f725',
    'https://github.com/sourcegraph/sourcegraph/pull/3221/files?diff=unified&w=1',
    'https://github.com/sourcegraph/sourcegraph/pull/3221#issuecomment-484100000',
    'https://github.com/sourcegraph/sourcegraph/pull/3221/checks?check_run_id=1#step:1:1',
  ];
  for (const url of variants) {
    it(`folds ${url}`, async () => {
      const d = await extractCapture({ url, document: closed().document }, { now });
      expect(d.url).toBe('https://github.com/sourcegraph/sourcegraph/pull/3221');
    });
  }

  it('keeps a GitHub Enterprise host', async () => {
    const d = await extractCapture(
      {
        url: 'https://github.example.corp/sourcegraph/sourcegraph/pull/3221/files#diff-1',
        document: closed().document,
      },
      { now },
    );
    expect(d.fallbackReason).toBeUndefined();
    expect(d.url).toBe('https://github.example.corp/sourcegraph/sourcegraph/pull/3221');
    expect(d.meta).toMatchObject({ repo: 'sourcegraph/sourcegraph', number: 3221, state: 'closed' });
  });
});

describe('parsePrTitle', () => {
  it('splits title, author, number and repo', () => {
    expect(
      parsePrTitle(
        'make sourcegraph support redis password by alexandnpu · Pull Request #3221 · sourcegraph/sourcegraph',
      ),
    ).toEqual({
      title: 'make sourcegraph support redis password',
      author: 'alexandnpu',
      number: 3221,
      repo: 'sourcegraph/sourcegraph',
    });
  });
  it('accepts the " · GitHub" tail, extra whitespace and titles that contain "by"', () => {
    expect(parsePrTitle('\n  Sort by date by default by ada-l · Pull Request #7 · o/r · GitHub\n')).toEqual({
      title: 'Sort by date by default',
      author: 'ada-l',
      number: 7,
      repo: 'o/r',
    });
  });
  it('accepts a title without author and rejects non-PR titles', () => {
    expect(parsePrTitle('Fix rendering · Pull Request #42 · test-owner/test-repo')).toEqual({
      title: 'Fix rendering',
      number: 42,
      repo: 'test-owner/test-repo',
    });
    expect(parsePrTitle('Defuddle on Cloudflare Workers · Issue #56 · kepano/defuddle')).toBeUndefined();
  });
});

describe('role derivation', () => {
  it('is author when the login equals the PR author, case-insensitively', async () => {
    const d = await extractCapture(closed(), { now, identities: { githubLogin: 'AlexandNPU' } });
    expect(d).toMatchObject({ role: 'author', kind: 'pull-request' });
  });

  it('is reviewer (a code review, multiplier) when the login is a listed reviewer', async () => {
    const d = await extractCapture(closed(), { now, identities: { githubLogin: 'beyang' } });
    expect(d).toMatchObject({ role: 'reviewer', kind: 'code-review' });
    expect(d.suggestedCompetencies).toContain('multiplier');
  });

  it('is contributor without a login or with an unrelated one', async () => {
    for (const identities of [{}, { githubLogin: '' }, { githubLogin: 'someone-else' }]) {
      const d = await extractCapture(closed(), { now, identities });
      expect(d).toMatchObject({ role: 'contributor', kind: 'pull-request' });
      expect(d.suggestedCompetencies).not.toContain('multiplier');
    }
  });

  it('re-derives role, kind and competencies when Settings change, without touching the rest', async () => {
    const asNobody = await extractCapture(closed(), { now });
    const asReviewer = deriveRole(asNobody, { githubLogin: 'beyang' });
    expect(asReviewer).toMatchObject({ role: 'reviewer', kind: 'code-review', suggestedCompetencies: ['multiplier'] });
    expect({ ...asReviewer, role: undefined, kind: undefined, suggestedCompetencies: undefined }).toEqual({
      ...asNobody,
      role: undefined,
      kind: undefined,
      suggestedCompetencies: undefined,
    });
    const asAuthor = deriveRole(asReviewer, { githubLogin: 'alexandnpu' });
    expect(asAuthor).toMatchObject({ role: 'author', kind: 'pull-request', suggestedCompetencies: [] });
    expect(asNobody.role).toBe('contributor'); // the input draft is not mutated
  });

  it('leaves drafts of sources without a role rule unchanged', () => {
    const webDraft: CaptureDraft = {
      source: 'web',
      kind: 'other',
      url: 'https://example.com/',
      title: 'Example',
      suggestedCompetencies: [],
      metrics: [],
      meta: {},
    };
    expect(deriveRole(webDraft, { githubLogin: 'beyang' })).toBe(webDraft);
  });
});

describe('suggested competencies', () => {
  const base = { repo: 'o/r', number: 1, state: 'merged' as const };
  it('suggests technical leadership for large PRs and design labels or titles', () => {
    expect(suggestCompetencies('pull-request', { ...base, additions: 480, deletions: 20 }, 'x')).toEqual([
      'technical-leadership',
    ]);
    expect(suggestCompetencies('pull-request', { ...base, additions: 400, deletions: 99 }, 'x')).toEqual([]);
    expect(suggestCompetencies('pull-request', { ...base, changedFiles: 20 }, 'x')).toEqual(['technical-leadership']);
    expect(suggestCompetencies('pull-request', { ...base, labels: ['Architecture'] }, 'x')).toEqual([
      'technical-leadership',
    ]);
    expect(suggestCompetencies('pull-request', base, 'RFC: versioned sync API')).toEqual(['technical-leadership']);
  });
  it('suggests ownership for incident work and communication for RFC labels', () => {
    expect(suggestCompetencies('pull-request', { ...base, labels: ['bug'] }, 'x')).toEqual(['ownership']);
    expect(suggestCompetencies('pull-request', base, 'Hotfix: stop the digest double send')).toEqual(['ownership']);
    expect(suggestCompetencies('pull-request', { ...base, labels: ['Request For Comments'] }, 'x')).toEqual([
      'communication',
    ]);
  });
  it('suggests multiplier for reviews and docs, in rubric order without duplicates', () => {
    expect(suggestCompetencies('code-review', { ...base, labels: ['documentation', 'incident'] }, 'x')).toEqual([
      'ownership',
      'multiplier',
    ]);
  });
});

describe('pages without the usual markup', () => {
  it('reads the real 2025 React header components (issue page DOM served at a PR URL)', async () => {
    const issue = loadPage('web', 'web--github-issue-2025');
    const d = await extractCapture(
      { url: 'https://github.com/kepano/defuddle/pull/56', document: issue.document },
      { now },
    );
    expect(d.fallbackReason).toBeUndefined();
    expect(d.title).toBe('Defuddle on Cloudflare Workers'); // data-testid="issue-title", not the og:title
    expect(d.meta).toMatchObject({ number: 56, state: 'open', author: 'jmorrell', labels: [], mergedAt: null });
    expect(d.occurredOn).toBe('2025-06-17'); // the latest <relative-time> on the page
  });

  it('uses the <title> suffix when there is no title element, today when there is no timestamp, and leaves the state unknown', async () => {
    const document = parseDocument(
      '<html><head><title>Tune the cache by ada-l · Pull Request #9 · o/r · GitHub</title></head><body></body></html>',
    );
    const d = await extractCapture({ url: 'https://github.com/o/r/pull/9/files', document }, { now });
    expect(d).toMatchObject({
      source: 'github-pr',
      title: 'Tune the cache',
      occurredOn: '2026-11-20',
      meta: { repo: 'o/r', number: 9, author: 'ada-l' },
    });
    // No badge, no StateLabel, no embedded data: unknown, not a guessed "open" (and so no merge time either).
    expect(d.meta).not.toHaveProperty('state');
    expect(d.meta).not.toHaveProperty('mergedAt');
    expect(d.metrics).toEqual([]);
  });
});
