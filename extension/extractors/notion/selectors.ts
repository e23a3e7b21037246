/**
 * Every selector the `notion` extractor uses, each with the page it comes from:
 * - [export] Notion's "Export → HTML" pages (the only real Notion markup available under a permissive
 *            licence: tests/fixtures/notion/notion--*.html, 2022 and 2025 exporters): `article.page`,
 *            `h1.page-title`, `.page-body`, `table.properties` rows (`tr.property-row-person`, `th` name,
 *            `td` value), toggle headings as `<summary style="font-weight:600;font-size:…">`.
 * - [live]   notion.so / *.notion.site React pages: block classes `notion-page-content`,
 *            `notion-header-block`, `notion-sub_header-block`, `notion-sub_sub_header-block`, the title in
 *            `.notion-page-block h1` (no real saved live page exists; see tests/fixtures/SOURCES.md, "Gaps").
 */

/** The page title: [export] `h1.page-title`, [live] the title block. */
export const TITLE = ['h1.page-title', '.notion-page-block h1', '.notion-page-block [placeholder]'] as const;

/** ` | Notion` and similar suffixes of the live `<title>`. */
export const TITLE_SUFFIX = /\s+[|–-]\s+Notion$/;

/** The page's content: [live] `.notion-page-content`, [export] `.page-body`. */
export const BODY = ['.notion-page-content', '.page-body'] as const;

/** Headings inside the content: [live] heading blocks, [export] `h1`–`h3` and toggle-heading summaries. */
export const HEADINGS = [
  '.notion-header-block',
  '.notion-sub_header-block',
  '.notion-sub_sub_header-block',
  'h1',
  'h2',
  'h3',
  'summary[style*="font-weight:600"]',
].join(', ');

/** [export] property rows of a database page: name in `th`, value in `td`. */
export const PROPERTY_ROWS = 'table.properties tr';

/** Property names that name the page's owner. */
export const OWNER_PROPERTY = /^(owner|author|created by|assignee|dri)$/i;
