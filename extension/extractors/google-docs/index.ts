/**
 * `google-docs`: a Google Docs document (`https://docs.google.com/document/d/ID/edit…`, also with a
 * `/u/N/` account prefix). Title from the page (without ` - Google Docs`), doc id from the URL; word
 * count and headings from the same-origin plain-text export (`GET /document/d/ID/export?format=txt`,
 * with the user's session), headings preferably from the Document outline panel (./selectors.ts),
 * else guessed from the text (short title-like lines standing alone). Page side, zod-free.
 */
import type { CaptureDraft } from '../../../shared/schemas';
import { clean, firstText, metaContent, textOf, todayOf } from '../dom';
import { getText } from '../json';
import { countWords } from '../text';
import type { DetectExamples, ExtractContext, Extractor } from '../types';
import * as S from './selectors';
import { docDraft, siteExtractor } from '../define';

/**
 * Example URLs for `detect`, checked by tests/extractors/detect.test.ts (a separate export, not a
 * field of the extractor, so the content script's bundle leaves them out).
 */
export const examples = {
  match: [
    'https://docs.google.com/document/d/1x2YzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbC/edit',
    'https://docs.google.com/document/d/1x2YzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbC/edit?tab=t.0#heading=h.abc',
    'https://docs.google.com/document/u/1/d/1x2YzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbC/view',
    'https://docs.google.com/document/d/1x2YzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbC',
  ],
  noMatch: [
    'https://docs.google.com/spreadsheets/d/1x2YzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbC/edit',
    'https://docs.google.com/document/u/0/',
    'https://drive.google.com/file/d/1x2YzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbC/view',
    'https://docs.example.com/document/d/1x2YzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbC/edit',
  ],
} as const satisfies DetectExamples;

/** `/document(/u/N)/d/ID…`; ids are 25+ URL-safe base64 characters. */
const DOC_PATH = /^\/document(?:\/u\/\d+)?\/d\/([A-Za-z0-9_-]{20,})(?:\/.*)?$/;

/** The document id of a Google Docs URL, `undefined` for anything else. */
export function docIdOf(url: URL): string | undefined {
  if (url.protocol !== 'https:' || url.hostname !== 'docs.google.com') return undefined;
  return DOC_PATH.exec(url.pathname)?.[1];
}

/** Bullets and list marks that start a list item in the text export. */
const LIST_ITEM = /^(?:[*•●○■◦-]|\d+[.)]\s+\S.*[.:;,]$)/;

/**
 * Headings guessed from a plain-text export: a line of 1–12 words and ≤ 80 characters, not a list
 * item, not ending in sentence punctuation, starting with a capital letter or a section number,
 * not a `Label: value` or `a · b` metadata line, with a blank line (or the start) before it and more
 * text after it; the first such line is dropped
 * when it repeats the title. At most 50.
 */
export function guessHeadings(text: string, title?: string): string[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/^\uFEFF/, '')
    .split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length && out.length < 50; i++) {
    const line = lines[i]!.trim();
    const before = i === 0 ? '' : lines[i - 1]!.trim();
    const after = lines
      .slice(i + 1)
      .find((l) => l.trim())
      ?.trim();
    if (!line || before || !after) continue;
    if (line.length > 80 || LIST_ITEM.test(line) || /[.,;:!?…]$/.test(line)) continue;
    if (/^[\p{L}\p{N}]+:\s/u.test(line) || /\s[·|]\s/.test(line)) continue; // "Author: Dana · Status: …" metadata lines
    const words = line.split(/\s+/).length;
    if (words > 12 || !/^(?:\p{Lu}|\d+(?:\.\d+)*\.?\s)/u.test(line)) continue;
    out.push(line);
  }
  if (title && out[0]?.toLowerCase() === title.toLowerCase()) out.shift();
  return out;
}

/**
 * Reads a Google Docs document into a draft: `source: 'google-docs'`, `kind: 'design-doc'`, `url` =
 * `https://docs.google.com/document/d/ID/edit`, `title` without the ` - Google Docs` suffix,
 * `occurredOn` = today (the editor does not expose the last edit in the page), `role: 'author'`
 * (the page does not say who wrote it; the clipper is most often its author, the form lets them
 * change it); `meta` = `DocMeta` (`docId`, `wordCount` and `headings` when the export answered,
 * `owner`/`lastEditedAt` null) + `readFrom` (`export-txt` | `page`).
 * @throws Error when the URL is not a document URL or the page has no title.
 */
export async function extractGoogleDocs(ctx: ExtractContext): Promise<CaptureDraft> {
  const url = new URL(ctx.url);
  const docId = docIdOf(url);
  if (!docId) throw new Error(`not a Google Docs document URL: ${url.pathname}`);
  const doc = ctx.document;
  const rawTitle =
    firstText(doc, S.TITLE) ??
    metaContent(doc, 'og:title') ??
    clean(doc.querySelector('title')?.textContent)?.replace(S.TITLE_SUFFIX, '');
  const title = rawTitle?.replace(S.TITLE_SUFFIX, '');
  if (!title) throw new Error('no document title on the page');

  let text: string | undefined;
  if (ctx.fetch) {
    try {
      text = await getText(ctx.fetch, `${url.origin}/document/d/${docId}/export?format=txt`);
    } catch {
      // The export can be disabled by the owner ("viewers can't download"): the page still gives the title.
    }
  }
  const outline = [...doc.querySelectorAll(S.OUTLINE_ITEMS)].map(textOf).filter(Boolean).slice(0, 50);
  const headings = outline.length > 0 ? outline : text !== undefined ? guessHeadings(text, title) : undefined;

  const meta: Record<string, unknown> = { docId, owner: null, lastEditedAt: null };
  if (text !== undefined) meta['wordCount'] = countWords(text);
  if (headings) meta['headings'] = headings;
  meta['readFrom'] = text !== undefined ? 'export-txt' : 'page';
  const canonical = `https://docs.google.com/document/d/${docId}/edit`;
  return docDraft('google-docs', { url: canonical, title, occurredOn: todayOf(ctx.now), role: 'author' }, meta);
}

/** The Google Docs extractor. */
export const googleDocs: Extractor = /* @__PURE__ */ siteExtractor(
  'google-docs',
  (url) => docIdOf(url) !== undefined,
  extractGoogleDocs,
);
