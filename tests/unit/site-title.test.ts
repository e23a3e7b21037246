/** Generic page titles drop the site's suffix (extension/extractors/web/title.ts). */
import { describe, expect, it } from 'vitest';
import { dropSiteSuffix } from '../../extension/extractors/web/title';

describe('dropSiteSuffix', () => {
  it.each([
    [
      'Defuddle on Cloudflare Workers · Issue #56 · kepano/defuddle',
      'https://github.com/kepano/defuddle/issues/56',
      undefined,
      'Defuddle on Cloudflare Workers',
    ],
    ['Support ESM · Discussion #3 · acme/tool', 'https://github.com/acme/tool/discussions/3', undefined, 'Support ESM'],
    [
      'Fix the cache · Merge request !4 · group/project · GitLab',
      'https://gitlab.com/group/project/-/merge_requests/4',
      'GitLab',
      'Fix the cache',
    ],
    ['Runbook: rotate keys | Example Wiki', 'https://wiki.example.com/runbook', 'Example Wiki', 'Runbook: rotate keys'],
    ['Hybrid logical clocks - Example', 'https://www.example.com/hlc', undefined, 'Hybrid logical clocks'],
    ['Talk on sync — YouTube', 'https://www.youtube.com/watch?v=1', undefined, 'Talk on sync'],
  ])('%j -> the page’s own title', (title, url, site, expected) => {
    expect(dropSiteSuffix(title, url, site)).toBe(expected);
  });

  it.each([
    ['Hybrid logical clocks for offline-first sync', 'https://blog.example.com/hlc'],
    ['Why A - B testing lies', 'https://blog.example.com/ab'],
    ['ADR 0007: Queue the weekly digest · Decisions', 'https://docs.example.com/adr/7'],
    ['GitHub', 'https://github.com/'],
    ['owner/repo · owner/repo', 'https://example.com/x'],
  ])('keeps %j', (title, url) => {
    expect(dropSiteSuffix(title, url)).toBe(title);
  });
});

describe('metricLabel', () => {
  it('reads singular after 1 and as written otherwise', async () => {
    const { metricLabel } = await import('../../extension/components/capture-form');
    expect(metricLabel('Files changed', 1)).toBe('File changed');
    expect(metricLabel('Commits', 1)).toBe('Commit');
    expect(metricLabel('Reviewers', 1)).toBe('Reviewer');
    expect(metricLabel('Lines added', 1)).toBe('Line added');
    expect(metricLabel('Commits', 2)).toBe('Commits');
    expect(metricLabel('Files changed', 0)).toBe('Files changed');
    expect(metricLabel('Status', 1)).toBe('Status');
    expect(metricLabel('Story points', 1)).toBe('Story point');
  });
});
