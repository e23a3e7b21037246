/**
 * Every selector the `google-docs` extractor uses, each with the page it comes from. No real saved
 * docs.google.com page exists under a permissive licence (tests/fixtures/SOURCES.md, "Gaps");
 * tests/fixtures/gdocs/google-docs--design-doc-handwritten.html is a HAND-WRITTEN page following the
 * editor's public structure:
 * - `<title>Doc title - Google Docs</title>` and `<meta property="og:title">` (shared docs);
 * - the "Document outline" side panel lists the headings as `.navigation-item-content` (inside
 *   `.navigation-widget-content` / `.outline-refresh`), each with the heading's text;
 * - the editor renders text on a canvas (since 2021), so the body text is read from the same-origin
 *   `export?format=txt` instead of the DOM.
 */

/** The title suffix of every editor page (English UI; other UIs end with ` - Google` + a localised product name). */
export const TITLE_SUFFIX = /\s+-\s+Google\s+\S+$/;

/** The document title element in the editor's header. */
export const TITLE = ['.docs-title-input-label-inner', '#docs-title-widget input'] as const;

/** Headings listed in the Document outline panel. */
export const OUTLINE_ITEMS = '.navigation-item-content';
