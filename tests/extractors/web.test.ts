/** The generic page extractor: title, canonical URL and date fallbacks on small pages. */
import { describe, expect, it } from 'vitest';
import { extractCapture } from '../../extension/extractors';
import { toIsoDate } from '../../extension/extractors/dom';
import { now, parseDocument } from './helpers';

const URL_ = 'https://blog.example.com/posts/42?utm_source=x#top';
const capture = (head: string, body = '') =>
  extractCapture(
    { url: URL_, document: parseDocument(`<html><head>${head}</head><body>${body}</body></html>`) },
    { now },
  );

describe('title', () => {
  it('prefers og:title, then twitter:title, then <title>, then the first h1, then the host', async () => {
    const og = '<meta property="og:title" content="OG">';
    const tw = '<meta name="twitter:title" content="TW">';
    const title = '<title> Doc   title </title>';
    const h1 = '<h1>Heading</h1>';
    expect((await capture(og + tw + title, h1)).title).toBe('OG');
    expect((await capture(tw + title, h1)).title).toBe('TW');
    expect((await capture(title, h1)).title).toBe('Doc title');
    expect((await capture('', h1)).title).toBe('Heading');
    expect((await capture('')).title).toBe('blog.example.com');
  });

  it('caps the title at 500 characters', async () => {
    const d = await capture(`<title>${'x'.repeat(800)}</title>`);
    expect(d.title).toHaveLength(500);
  });
});

describe('canonical URL', () => {
  it('resolves a relative canonical link and strips tracking parameters and the fragment', async () => {
    const d = await capture('<link rel="canonical" href="/posts/42-hlc?utm_medium=rss&amp;lang=en">');
    expect(d.url).toBe('https://blog.example.com/posts/42-hlc?lang=en');
  });
  it('uses og:url without a canonical link, and the page URL without either', async () => {
    expect((await capture('<meta property="og:url" content="http://www.blog.example.com/p?fbclid=1">')).url).toBe(
      'http://www.blog.example.com/p',
    );
    expect((await capture('')).url).toBe('https://blog.example.com/posts/42');
  });
  it('takes a canonical link or og:url only on the same site (same host, www. ignored); else the page URL', async () => {
    const page = 'https://blog.example.com/posts/42';
    for (const other of [
      'https://github.com/acme/api/pull/7',
      'https://example.com/p', // the parent domain is another host: not taken (no public suffix list on the page side)
      'https://evil.blog.example.com/p',
      'https://blog.example.com:8443/p',
      'https://blog.example.com.evil.test/p',
    ]) {
      expect((await capture(`<link rel="canonical" href="${other}">`)).url).toBe(page);
      expect((await capture(`<meta property="og:url" content="${other}">`)).url).toBe(page);
    }
    expect((await capture('<link rel="canonical" href="https://www.blog.example.com/p">')).url).toBe(
      'https://www.blog.example.com/p',
    );
    expect((await capture(`<link rel="canonical" href="https://blog.example.com/${'p'.repeat(3000)}">`)).url).toBe(
      page,
    );
  });
  it('ignores canonical links that are not http(s)', async () => {
    expect((await capture('<link rel="canonical" href="javascript:alert(1)">')).url).toBe(
      'https://blog.example.com/posts/42',
    );
  });
});

describe('dates', () => {
  it('takes the modified date over the published one, and today without either', async () => {
    const pub = '<meta property="article:published_time" content="2026-01-05T10:00:00Z">';
    const mod = '<meta property="article:modified_time" content="2026-02-01T10:00:00Z">';
    expect(await capture(pub + mod)).toMatchObject({
      occurredOn: '2026-02-01',
      meta: { published: '2026-01-05', modified: '2026-02-01' },
    });
    expect((await capture(pub)).occurredOn).toBe('2026-01-05');
    expect((await capture('')).occurredOn).toBe('2026-11-20');
  });

  it('reads microdata and <time datetime>', async () => {
    expect(
      (await capture('', '<span itemprop="dateModified" content="2025-12-24">Christmas Eve</span>')).occurredOn,
    ).toBe('2025-12-24');
    expect(
      (await capture('', '<article><p>Posted <time datetime="2024-02-29T08:00">Feb 29</time></p></article>'))
        .occurredOn,
    ).toBe('2024-02-29');
  });

  it('reads JSON-LD in a top-level array and skips malformed blocks and non-string dates', async () => {
    const ld = (json: string) => `<script type="application/ld+json">${json}</script>`;
    const d = await capture(
      ld('{ "@type": "Article", "datePublished": ') +
        ld(
          '[{"@type":"Organization","name":"Acme"},{"@type":"NewsArticle","datePublished":{"v":1},"dateModified":"2025-07-04"}]',
        ),
    );
    expect(d).toMatchObject({ occurredOn: '2025-07-04', meta: { modified: '2025-07-04' } });
    expect(d.meta['published']).toBeUndefined();
  });

  it('keeps the calendar day the publisher wrote and rejects impossible dates', () => {
    expect(toIsoDate('2026-03-02T18:30:00-08:00')).toBe('2026-03-02');
    expect(toIsoDate('Tue, 05 Mar 2024 10:00:00 GMT')).toBe('2024-03-05');
    expect(toIsoDate('2026-02-30')).toBeUndefined();
    expect(toIsoDate('last Tuesday')).toBeUndefined();
  });
});

describe('meta', () => {
  it('keeps description (at most 500 characters) and site name', async () => {
    const d = await capture(
      `<meta name="description" content="${'d'.repeat(700)}"><meta property="og:site_name" content="Example Blog">`,
    );
    expect((d.meta['description'] as string).length).toBe(500);
    expect(d.meta['siteName']).toBe('Example Blog');
    expect(d).toMatchObject({ source: 'web', kind: 'other', suggestedCompetencies: [], metrics: [] });
    expect(d.role).toBeUndefined();
  });
});
