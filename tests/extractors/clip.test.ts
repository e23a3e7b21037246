/**
 * Clipping of what pages hand to a capture (extension/extractors/clip.ts, issue 16): a
 * hostile page with a 600,000-character og:site_name (or author, canonical link, page
 * address) gives a draft that passes validation and could be stored and synced; the typed
 * meta of site extractors survives clipping.
 */
import { describe, expect, it } from 'vitest';
import { collectCapture, extractCapture, REGISTRY } from '../../extension/extractors';
import { CLIP, clipDraft, clipMeta } from '../../extension/extractors/clip';
import { CaptureDraft, GithubPrMeta } from '../../shared/schemas';
import { now, parseDocument } from './helpers';

const HUGE = 600_000;
const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v)).length;

function hostilePage(extraHead = ''): string {
  return `<html><head><title>Release notes</title>
    <meta property="og:site_name" content="${'S'.repeat(HUGE)}">
    <meta name="author" content="${'A'.repeat(HUGE)}">
    <meta name="description" content="${'d'.repeat(HUGE)}">${extraHead}</head><body><h1>Hi</h1></body></html>`;
}

describe('a page with a 600,000-character og:site_name', () => {
  it('gives a valid draft whose strings are clipped and whose meta stays far below 16 KiB', async () => {
    const url = 'https://news.example.org/releases/7';
    const draft = await extractCapture({ url, document: parseDocument(hostilePage()) }, { now });
    expect(CaptureDraft.safeParse(draft).success).toBe(true);
    expect(draft.url).toBe(url);
    expect(String(draft.meta['siteName']).length).toBeLessThanOrEqual(CLIP.metaString);
    expect(String(draft.meta['siteName']).endsWith('…')).toBe(true);
    expect(bytes(draft.meta)).toBeLessThanOrEqual(CLIP.metaBytes);
    expect(bytes(draft)).toBeLessThan(16 * 1024);
  });

  it('is already clipped on the page side, before the draft leaves the content script', async () => {
    const capture = await collectCapture(
      REGISTRY,
      { url: 'https://news.example.org/releases/7', document: parseDocument(hostilePage()) },
      { now },
    );
    expect(bytes(capture)).toBeLessThan(16 * 1024);
  });

  it('a page address of 600,000 characters is cut to its path, and a huge canonical link is ignored', async () => {
    const url = `https://news.example.org/releases/7?q=${'q'.repeat(HUGE)}`;
    const huge = `<link rel="canonical" href="https://news.example.org/${'c'.repeat(HUGE)}">`;
    const draft = await extractCapture({ url, document: parseDocument(hostilePage(huge)) }, { now });
    expect(draft.url).toBe('https://news.example.org/releases/7');
  });
});

describe('clipDraft', () => {
  it('keeps typed pull request meta valid while clipping its lists and strings', () => {
    const draft: CaptureDraft = {
      source: 'github-pr',
      kind: 'pull-request',
      url: 'https://github.com/acme/api/pull/7',
      title: 'T'.repeat(5_000),
      suggestedCompetencies: [],
      metrics: [{ label: 'L'.repeat(500), value: 3, unit: 'u'.repeat(100) }],
      meta: {
        repo: 'acme/api',
        number: 7,
        state: 'merged',
        labels: Array.from({ length: 10_000 }, (_, i) => `label-${i}-${'x'.repeat(50)}`),
        reviewers: ['a'.repeat(HUGE)],
      },
    };
    const out = clipDraft(draft);
    expect(out.title).toHaveLength(CLIP.title);
    expect(out.metrics[0]!.label).toHaveLength(CLIP.metricLabel);
    expect(out.metrics[0]!.unit).toHaveLength(CLIP.metricUnit);
    expect(GithubPrMeta.safeParse(out.meta).success).toBe(true);
    expect(out.meta).toMatchObject({ repo: 'acme/api', number: 7, state: 'merged' });
    expect(bytes(out.meta)).toBeLessThanOrEqual(CLIP.metaBytes);
    expect(clipDraft(out)).toEqual(out); // idempotent
  });

  it('drops values nested deeper than the limit', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 50; i++) deep = { d: deep };
    expect(JSON.stringify(clipMeta({ deep })).length).toBeLessThan(100);
  });
});
