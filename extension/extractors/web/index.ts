/**
 * `web`: the generic page extractor, last in the registry. It reads what almost
 * every page declares about itself: title (og:title, twitter:title, <title>,
 * h1, else the URL's host), canonical address (<link rel=canonical>, og:url; only
 * of the same site, see `isSameSite`),
 * published/modified dates (Open Graph article tags, schema.org microdata,
 * <time datetime>, schema.org JSON-LD incl. `@graph`), description and site name.
 * It must always produce a draft, so nothing in it throws for a parsable http(s) URL.
 */
import type { CaptureDraft } from '../../../shared/schemas';
import { canonicalizeUrl, isHttpUrl } from '../../../shared/url';
import { clean, firstMatch, firstText, metaContent, textOf, toIsoDate, todayOf, truncate } from '../dom';
import type { DetectExamples, ExtractContext, Extractor } from '../types';
import * as S from './selectors';
import { dropSiteSuffix } from './title';
import { EXTRACTOR_MATCHES } from '../hosts';

/**
 * Example URLs for `detect` (any http(s) page; nothing else can be captured), checked by
 * tests/extractors/detect.test.ts; a separate export, so the content script's bundle leaves them out.
 */
export const examples = {
  match: [
    'https://martinfowler.com/articles/patterns-of-distributed-systems/',
    'http://intranet.example.com/wiki/Runbook?utm_source=slack',
    'https://github.com/kepano/defuddle/issues/56',
  ],
  noMatch: [
    'chrome://extensions/',
    'file:///home/me/notes.html',
    'about:blank',
    'chrome-extension://abc/sidepanel.html',
  ],
} as const satisfies DetectExamples;

/** What schema.org JSON-LD on the page says (first article-like node wins). */
interface JsonLdFacts {
  published?: string;
  modified?: string;
  author?: string;
}

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every JSON object in the page's JSON-LD blocks (top level, arrays, `@graph`, one level of nesting); malformed blocks are skipped. */
function jsonLdNodes(doc: Document): JsonObject[] {
  const out: JsonObject[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 3 || out.length > 200) return;
    if (Array.isArray(v)) for (const item of v) visit(item, depth + 1);
    else if (isObject(v)) {
      out.push(v);
      if (Array.isArray(v['@graph'])) visit(v['@graph'], depth + 1);
      for (const key of ['mainEntity', 'mainEntityOfPage', 'about']) if (isObject(v[key])) visit(v[key], depth + 1);
    }
  };
  for (const script of doc.querySelectorAll(S.JSON_LD)) {
    try {
      visit(JSON.parse(script.textContent ?? ''), 0);
    } catch {
      // Malformed JSON-LD is common in the wild; the page's other metadata still applies.
    }
  }
  return out;
}

/** 0 for article-like schema.org types, 1 for web pages, 2 for everything else (sites, organisations, breadcrumbs). */
function typeRank(node: JsonObject): number {
  const types = ([] as unknown[])
    .concat(node['@type'] ?? [])
    .map(String)
    .join(' ');
  if (/Article|Posting|Report|Blog|Review|Question|HowTo|Recipe|CreativeWork|Chapter|Book/.test(types)) return 0;
  if (/WebPage/.test(types)) return 1;
  return 2;
}

/** The name of a schema.org `author` value: a string, a Person/Organization, or an array of those. */
function authorName(v: unknown): string | undefined {
  if (typeof v === 'string') return clean(v);
  if (Array.isArray(v)) return v.map(authorName).find(Boolean);
  if (isObject(v) && typeof v['name'] === 'string') return clean(v['name']);
  return undefined;
}

/** Dates and author from JSON-LD, preferring article-like nodes. */
function jsonLdFacts(doc: Document): JsonLdFacts {
  const nodes = jsonLdNodes(doc)
    .map((node, i) => ({ node, i, rank: typeRank(node) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.node);
  const pick = (key: string): string | undefined => {
    for (const n of nodes) if (typeof n[key] === 'string' && toIsoDate(n[key])) return n[key];
    return undefined;
  };
  return {
    published: pick('datePublished') ?? pick('dateCreated'),
    modified: pick('dateModified'),
    author: nodes.map((n) => authorName(n['author'])).find(Boolean),
  };
}

/** The value of a microdata element: `datetime` (time), `content` (meta) or its text. */
function itempropValue(doc: Document, selector: string): string | undefined {
  const el = doc.querySelector(selector);
  if (!el) return undefined;
  return clean(el.getAttribute('datetime') ?? el.getAttribute('content') ?? textOf(el));
}

/** A host name without one leading `www.` (`www.example.com` and `example.com` are the same site here). */
function siteHost(u: URL): string {
  return u.hostname.toLowerCase().replace(/^www\./, '');
}

/**
 * True when `candidate` may stand for the page at `page`: http(s), the same host (a
 * leading `www.` ignored) and the same explicit port (none, for each scheme's default);
 * the scheme may differ (http and https).
 * Deliberately narrower than "same registrable domain": that needs the public suffix
 * list, too large for the capture script, and a narrower rule only ever falls back to
 * the page's own address, which is always true. So a page cannot claim to be another
 * site's page (a hostile page saying it is a GitHub pull request, or a
 * `*.atlassian.net` page naming another tenant).
 */
export function isSameSite(candidate: URL, page: URL): boolean {
  return (
    (candidate.protocol === 'http:' || candidate.protocol === 'https:') &&
    siteHost(candidate) === siteHost(page) &&
    candidate.port === page.port // '' for each scheme's default port
  );
}

/** Longest canonical link or og:url taken from a page (characters); longer ones are ignored. */
const MAX_CANONICAL_LENGTH = 2_048;

/**
 * The canonical URL of the page: its canonical link or og:url when it is an http(s)
 * address of the same site (`isSameSite`) and at most 2,048 characters, else `pageUrl`
 * itself; canonicalised.
 */
function canonicalOf(doc: Document, pageUrl: string): string {
  const page = new URL(pageUrl);
  const candidates = [doc.querySelector(S.CANONICAL_LINK)?.getAttribute('href'), metaContent(doc, ...S.CANONICAL_META)];
  for (const c of candidates) {
    if (!c || c.length > MAX_CANONICAL_LENGTH) continue;
    try {
      const abs = new URL(c.trim(), pageUrl);
      if (isHttpUrl(abs.toString()) && isSameSite(abs, page)) return canonicalizeUrl(abs.toString());
    } catch {
      // An unparsable canonical link: fall through to the page's own URL.
    }
  }
  return canonicalizeUrl(pageUrl);
}

/**
 * Reads a generic page into a draft: `{source: 'web', kind: 'other', url, title, occurredOn,
 * suggestedCompetencies: [], metrics: [], meta: {description?, siteName?, author?, published?, modified?}}`.
 * `occurredOn` = modified date, else published date, else today (by `ctx.now`); `published` and
 * `modified` in `meta` are `YYYY-MM-DD`. The title is at most 500 characters, the description 500.
 * @throws TypeError only when `ctx.url` is not an absolute http(s) URL.
 */
export function extractWeb(ctx: ExtractContext): CaptureDraft {
  const doc = ctx.document;
  const url = canonicalOf(doc, ctx.url);
  const title =
    metaContent(doc, ...S.TITLE_META) ??
    clean(doc.querySelector('title')?.textContent) ??
    firstText(doc, S.TITLE_ELEMENTS) ??
    new URL(ctx.url).host;

  const ld = jsonLdFacts(doc);
  const published = [
    metaContent(doc, ...S.PUBLISHED_META),
    itempropValue(doc, S.PUBLISHED_ITEMPROP),
    ld.published,
    firstMatch(doc, S.TIME_ELEMENTS)?.getAttribute('datetime'),
  ]
    .map(toIsoDate)
    .find(Boolean);
  const modified = [metaContent(doc, ...S.MODIFIED_META), itempropValue(doc, S.MODIFIED_ITEMPROP), ld.modified]
    .map(toIsoDate)
    .find(Boolean);

  const meta: Record<string, unknown> = {};
  const description = metaContent(doc, ...S.DESCRIPTION_META);
  if (description) meta['description'] = truncate(description, 500);
  const siteName = metaContent(doc, ...S.SITE_NAME_META);
  if (siteName) meta['siteName'] = siteName;
  const author = metaContent(doc, ...S.AUTHOR_META) ?? ld.author;
  if (author) meta['author'] = author;
  if (published) meta['published'] = published;
  if (modified) meta['modified'] = modified;

  return {
    source: 'web',
    kind: 'other',
    url,
    title: truncate(dropSiteSuffix(title, ctx.url, siteName), 500),
    occurredOn: modified ?? published ?? todayOf(ctx.now),
    suggestedCompetencies: [],
    metrics: [],
    meta,
  };
}

/** The generic extractor: any http(s) page. */
export const web: Extractor = {
  id: 'web',
  matches: EXTRACTOR_MATCHES.web,
  detect: (url) => url.protocol === 'http:' || url.protocol === 'https:',
  extract: extractWeb,
};
