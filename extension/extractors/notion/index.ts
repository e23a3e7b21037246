/**
 * `notion`: a Notion page on notion.so or a published `*.notion.site` page, identified by the
 * 32-hex page id at the end of the path (`/Title-0519bf7e86d84ee4ba710c1b7ff7438e`) or in `?p=`
 * (a page peeked from a database). Title, page id, owner (database pages' Owner/Created by
 * property), word count and headings from the page (./selectors.ts). No network. Page side, zod-free.
 */
import type { CaptureDraft } from '../../../shared/schemas';
import { clean, firstMatch, firstText, spacedText, textOf, todayOf } from '../dom';
import { countWords } from '../text';
import type { DetectExamples, ExtractContext, Extractor } from '../types';
import * as S from './selectors';
import { docDraft, siteExtractor } from '../define';
import { deriveNotionRole, notionRoleOf } from './role';

export { deriveNotionRole } from './role';

/**
 * Example URLs for `detect`, checked by tests/extractors/detect.test.ts (a separate export, not a
 * field of the extractor, so the content script's bundle leaves them out).
 */
export const examples = {
  match: [
    'https://www.notion.so/Colours-0519bf7e86d84ee4ba710c1b7ff7438e',
    'https://www.notion.so/acme/Sync-protocol-RFC-2ce7ab29a11e809998e3d22ed65fc5f2?pvs=4',
    'https://www.notion.so/0e02ba1a5bf1409596a32541ebf3745e',
    'https://www.notion.so/acme/8c1d4f0e2b7a4d3c9e6f5a4b3c2d1e0f?v=1234&p=0e02ba1a5bf1409596a32541ebf3745e',
    'https://acme.notion.site/Engineering-ladder-2ce7ab29a11e809998e3d22ed65fc5f2',
    'https://notion.so/Colours-0519bf7e86d84ee4ba710c1b7ff7438e',
  ],
  noMatch: [
    'https://www.notion.so/',
    'https://www.notion.so/product/ai',
    'https://www.notion.so/Colours-0519bf7e86d84ee4',
    'https://notion.example.com/Colours-0519bf7e86d84ee4ba710c1b7ff7438e',
  ],
} as const satisfies DetectExamples;

const HEX32 = /^[0-9a-f]{32}$/i;

/** True for notion.so hosts and published `*.notion.site` pages. */
const isNotionHost = (url: URL): boolean =>
  url.hostname === 'notion.so' || url.hostname === 'www.notion.so' || url.hostname.endsWith('.notion.site');

/** The page id (32 lower-case hex) of a Notion URL: `?p=` first, else the end of the last path segment. */
export function notionPageId(url: URL): string | undefined {
  if (url.protocol !== 'https:' || !isNotionHost(url)) return undefined;
  const peek = url.searchParams.get('p');
  if (peek && HEX32.test(peek)) return peek.toLowerCase();
  const last = url.pathname.split('/').filter(Boolean).at(-1) ?? '';
  const m = /(?:^|-)([0-9a-f]{32})$/i.exec(last);
  return m ? m[1]!.toLowerCase() : undefined;
}

/** The value of the first property row whose name matches `name` ([export] database pages). */
function property(doc: Document, name: RegExp): string | undefined {
  for (const row of doc.querySelectorAll(S.PROPERTY_ROWS)) {
    if (name.test(textOf(row.querySelector('th')))) return clean(textOf(row.querySelector('td')));
  }
  return undefined;
}

/**
 * Reads a Notion page into a draft: `source: 'notion'`, `kind: 'design-doc'`, `url` = the page URL
 * without query (a peeked page: `{origin}/{id}`), `title`, `occurredOn` = today (pages do not show
 * their last edit), `role` from the Owner property (else `author`, see `notionRoleOf`); `meta` =
 * `DocMeta` (`docId`, `owner`, `wordCount`, `headings`, `lastEditedAt` null).
 * @throws Error when the URL has no page id or the page has no title.
 */
export function extractNotion(ctx: ExtractContext): CaptureDraft {
  const url = new URL(ctx.url);
  const docId = notionPageId(url);
  if (!docId) throw new Error(`not a Notion page URL: ${url.pathname}`);
  const doc = ctx.document;
  const title = firstText(doc, S.TITLE) ?? clean(doc.querySelector('title')?.textContent)?.replace(S.TITLE_SUFFIX, '');
  if (!title) throw new Error('no page title on the page');
  const body = firstMatch(doc, S.BODY);
  const owner = property(doc, S.OWNER_PROPERTY);
  const meta: Record<string, unknown> = { docId, owner: owner ?? null, lastEditedAt: null };
  if (body) {
    meta['wordCount'] = countWords(spacedText(body));
    // A live heading block holds its own <h2>: only the outermost heading element counts.
    const found = [...body.querySelectorAll(S.HEADINGS)]
      .filter((el) => !el.parentElement?.closest(S.HEADINGS))
      .map(textOf)
      .filter(Boolean);
    meta['headings'] = found.slice(0, 50);
  }
  const role = notionRoleOf(owner, ctx.identities);
  const peeked = url.searchParams.get('p') !== null;
  const canonical = peeked ? `${url.origin}/${docId}` : `${url.origin}${url.pathname}`;
  return docDraft('notion', { url: canonical, title, occurredOn: todayOf(ctx.now), role }, meta);
}

/** The Notion page extractor. */
export const notion: Extractor = /* @__PURE__ */ siteExtractor(
  'notion',
  (url) => notionPageId(url) !== undefined,
  extractNotion,
  deriveNotionRole,
);
