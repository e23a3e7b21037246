/**
 * Plain-text helpers for document extractors: word counts, and text and headings out of markup
 * strings (Confluence storage XHTML, as the REST API answers it; docs/DESIGN.md, "Capture"). The
 * markup is parsed with `DOMParser` (inert: nothing in it is rendered, fetched or executed), so
 * every HTML entity (`&eacute;`, `&hellip;`, `&#x1F4C4;`) decodes as a browser decodes it.
 */
import { spacedText } from './dom';

/** Words: runs of letters or digits, with inner apostrophes, dots, hyphens or underscores (`don't`, `v2.1`, `e-mail`). */
const WORD = /[\p{L}\p{N}]+(?:['’._-][\p{L}\p{N}]+)*/gu;

/** The number of words in `text` (0 for blank text). */
export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/** Elements whose boundaries separate words (block-level HTML, and every Confluence `ac:` macro element). */
const BLOCK = /^(?:p|div|h[1-6]|li|ul|ol|tr|td|th|table|br|hr|blockquote|pre|section|ac:[a-z-]+|script|style)$/;
/** Elements dropped with their content: macro parameters, editor placeholders, scripts and styles. */
const DROPPED: ReadonlySet<string> = new Set(['ac:parameter', 'ac:placeholder', 'script', 'style', 'template']);

/** What parses markup: `DOMParser` itself, or one of a DOM library (linkedom's, in Node tests). */
type MarkupParser = new () => { parseFromString(markup: string, type: 'text/html'): Document };

/**
 * `markup` parsed as the body of an HTML document. CDATA sections (code blocks in storage format)
 * become their text, escaped, since an HTML parser would read them as comments; self-closed `ac:` and
 * `ri:` elements (`<ri:page … />`) are closed explicitly, since HTML ignores the slash.
 * @param doc a document whose window lends its `DOMParser` where there is no global one (Node tests
 *   pass the linkedom page); the global `DOMParser` is used when it exists (the browser, the content script).
 * @throws TypeError when neither gives a `DOMParser`.
 */
function parseMarkup(markup: string, doc?: Document): HTMLElement | null {
  const Parser =
    (globalThis as { DOMParser?: MarkupParser }).DOMParser ??
    (doc?.defaultView as { DOMParser?: MarkupParser } | null | undefined)?.DOMParser;
  if (!Parser) throw new TypeError('no DOMParser to read markup with');
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const html = markup
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, text: string) => ` ${escape(text)} `)
    .replace(/<((?:ac|ri):[\w-]+)(\s[^<>]*?)?\/>/gi, '<$1$2></$1>');
  return new Parser().parseFromString(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`, 'text/html')
    .body;
}

/** The visible text of a parsed element: block boundaries separate words, dropped elements removed, whitespace collapsed. */
function visibleText(el: Element | null): string {
  return spacedText(el, (tag) => BLOCK.test(tag), DROPPED);
}

/**
 * The visible text of a markup string (HTML or Confluence storage XHTML): CDATA kept as text (code
 * blocks), macro parameters and editor placeholders dropped, tags removed, entities decoded,
 * whitespace collapsed. `markupText('<p>Cr&egrave;me &amp; caf&eacute;</p>')` is `'Crème & café'`.
 * @param doc see `parseMarkup`: only needed where there is no global `DOMParser`.
 * @throws TypeError when there is no `DOMParser` to use.
 */
export function markupText(markup: string, doc?: Document): string {
  return visibleText(parseMarkup(markup, doc));
}

/**
 * The texts of the `<h1>`…`<h6>` elements of a markup string, in order, blank ones skipped (at most
 * `max`, each ≤ 200 chars). `doc` and errors as for `markupText`.
 */
export function markupHeadings(markup: string, max = 50, doc?: Document): string[] {
  const out: string[] = [];
  for (const h of parseMarkup(markup, doc)?.querySelectorAll('h1, h2, h3, h4, h5, h6') ?? []) {
    const t = visibleText(h);
    if (t) out.push(t.slice(0, 200));
    if (out.length >= max) break;
  }
  return out;
}
