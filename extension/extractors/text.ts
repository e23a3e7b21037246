/**
 * Plain-text helpers for document extractors: word counts, and text and headings out of
 * markup strings (Confluence storage XHTML) by a small tag scan, with no DOM and no parser
 * dependency (nothing is ever rendered or executed).
 */

/** Words: runs of letters or digits, with inner apostrophes, dots, hyphens or underscores (`don't`, `v2.1`, `e-mail`). */
const WORD = /[\p{L}\p{N}]+(?:['’._-][\p{L}\p{N}]+)*/gu;

/** The number of words in `text` (0 for blank text). */
export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
};

/** Decodes numeric (`&#39;`, `&#x1F4C4;`) and common named entities; unknown ones are kept as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return NAMED_ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** Block-level tags whose boundaries separate words. */
const BLOCK = /<\/?(?:p|div|h[1-6]|li|ul|ol|tr|td|th|table|br|hr|blockquote|pre|section|ac:[a-z-]+)\b[^>]*>/gi;

/**
 * The visible text of a markup string (HTML or Confluence storage XHTML): CDATA kept as text (code
 * blocks), macro parameters and editor placeholders dropped, tags removed, entities decoded,
 * whitespace collapsed.
 */
export function markupText(markup: string): string {
  return decodeEntities(
    markup
      .replace(/<ac:(parameter|placeholder)\b[^>]*>[\s\S]*?<\/ac:\1>/gi, ' ')
      .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, ' $1 ')
      .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ')
      .replace(BLOCK, ' ')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/** The texts of the `<h1>`…`<h6>` elements of a markup string, in order, blank ones skipped (at most `max`, each ≤ 200 chars). */
export function markupHeadings(markup: string, max = 50): string[] {
  const out: string[] = [];
  for (const m of markup.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/gi)) {
    const t = markupText(m[2] ?? '');
    if (t) out.push(t.slice(0, 200));
    if (out.length >= max) break;
  }
  return out;
}
