/**
 * Every selector and page marker the `confluence` extractor uses when the REST API cannot be read,
 * each with the page it comes from. No real Confluence page HTML could be found under a permissive
 * licence (see tests/fixtures/SOURCES.md, "Gaps"); these follow Confluence's long-stable page data:
 * - [server] Confluence Server/Data Center page view: `<meta name="ajs-page-id">`, `ajs-page-title`,
 *            `ajs-space-key`, `ajs-context-path`, title `#title-text`, body `#main-content.wiki-content`,
 *            `<title>Page - Space - Confluence</title>`.
 * - [cloud]  Confluence Cloud page view: the same `ajs-page-id`/`ajs-page-title` metas, `og:title`,
 *            title `[data-testid="title-text"]`, body `.ak-renderer-document` or `#content-body`.
 * tests/fixtures/confluence/confluence--page-only-handwritten.html is a HAND-WRITTEN page with these marks.
 */

/** [server]/[cloud] page data metas. */
export const PAGE_ID_META = ['ajs-page-id', 'ajs-content-id'] as const;
export const PAGE_TITLE_META = ['ajs-page-title', 'og:title'] as const;
export const SPACE_KEY_META = 'ajs-space-key';
export const CONTEXT_PATH_META = 'ajs-context-path';

/** `Page title - Space name - Confluence` (also ` - Confluence` alone): the document title of page views. */
export const TITLE_SUFFIX = /\s+-\s+(?:[^-]+\s+-\s+)?Confluence$/i;

/** The page title element: [cloud] `data-testid="title-text"`, [server] `#title-text`. */
export const TITLE = ['[data-testid="title-text"]', '#title-text', 'h1#title-text'] as const;

/** The page body: [server] `#main-content`, [cloud] `.ak-renderer-document`, `#content-body`. */
export const BODY = ['#main-content', '.ak-renderer-document', '#content-body', '.wiki-content'] as const;

/** Headings inside the body. */
export const HEADINGS = 'h1, h2, h3, h4, h5, h6';

/** Marks of a Confluence page, required before using the page on a non-atlassian.net host when REST failed. */
export const CONFLUENCE_PAGE_MARKS = [
  'meta[name="ajs-page-id"]',
  'meta[name="confluence-base-url"]',
  'meta[name="application-name"][content="Confluence" i]',
  '#com-atlassian-confluence',
] as const;
