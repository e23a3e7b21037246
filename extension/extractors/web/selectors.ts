/**
 * Selectors and meta keys of the generic page extractor, each with the markup it reads.
 * Fixtures: tests/fixtures/web/web--*.html (see tests/fixtures/SOURCES.md).
 */

/** Meta keys for the title, best first: Open Graph (`<meta property="og:title">`, e.g. the 2025 GitHub issue page), then Twitter cards (`<meta name="twitter:title">`). */
export const TITLE_META = ['og:title', 'twitter:title'] as const;

/** Fallback title elements after `<title>`: the page's first heading (web--bare-page.html). */
export const TITLE_ELEMENTS = ['h1'] as const;

/** Canonical address: `<link rel="canonical" href>` (2025 GitHub issue page, web--article-jsonld-graph.html). */
export const CANONICAL_LINK = 'link[rel="canonical"][href]';

/** Canonical address when there is no canonical link: `<meta property="og:url">` (web--blog-meta-tags.html). */
export const CANONICAL_META = ['og:url'] as const;

/** Publication time meta keys: Open Graph article (`article:published_time`), schema.org microdata (`<meta itemprop="datePublished">`), Dublin Core. */
export const PUBLISHED_META = ['article:published_time', 'datePublished', 'DC.date.issued', 'dcterms.created'] as const;

/** Modification time meta keys: `article:modified_time`, `og:updated_time`, `<meta itemprop="dateModified">`, Dublin Core. */
export const MODIFIED_META = [
  'article:modified_time',
  'og:updated_time',
  'dateModified',
  'DC.date.modified',
  'dcterms.modified',
] as const;

/** Microdata on non-meta elements: `<time itemprop="datePublished" datetime>` (web--blog-meta-tags.html). */
export const PUBLISHED_ITEMPROP = '[itemprop="datePublished"]';
/** Microdata on non-meta elements: `<time itemprop="dateModified" datetime>`. */
export const MODIFIED_ITEMPROP = '[itemprop="dateModified"]';

/** Last-resort publication date: the first `<time datetime>`, inside an `<article>` first (web--bare-page.html). */
export const TIME_ELEMENTS = ['article time[datetime]', 'time[datetime]'] as const;

/** schema.org JSON-LD blocks: `<script type="application/ld+json">` (2025 GitHub issue page: DiscussionForumPosting; web--article-jsonld-graph.html: `@graph`). */
export const JSON_LD = 'script[type="application/ld+json"]';

/** Description meta keys: `og:description`, `<meta name="description">`, `twitter:description`. */
export const DESCRIPTION_META = ['og:description', 'description', 'twitter:description'] as const;

/** Site name meta keys: `og:site_name` (GitHub pages: "GitHub"), `application-name`. */
export const SITE_NAME_META = ['og:site_name', 'application-name'] as const;

/** Author meta keys: `<meta name="author">`, `article:author`. */
export const AUTHOR_META = ['author', 'article:author'] as const;
