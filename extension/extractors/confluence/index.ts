/**
 * `confluence`: a Confluence page on Confluence Cloud (`*.atlassian.net/wiki/spaces/KEY/pages/ID/…`)
 * or a self-hosted Confluence (`/display/KEY/Title`, `/pages/viewpage.action?pageId=ID`,
 * `/spaces/KEY/pages/ID`). Reads the page through the page's own session with the injected fetch:
 * `GET {base}/api/v2/pages/ID?body-format=storage` (Cloud; it names people by account id only, so a
 * small `GET {base}/rest/api/content/ID?expand=history,version` follows for the author's name), else
 * `GET {base}/rest/api/content/ID?expand=body.storage,version,history,space` (v1, Server/DC); falls
 * back to the page (./selectors.ts). Word count and headings come from the storage-format body
 * (parsed with DOMParser, ../text.ts). Page side: zod-free; `finishCapture` validates the result with `DocMeta`.
 */
import type { CaptureDraft, Metric, Role } from '../../../shared/schemas';
import {
  clean,
  firstMatch,
  firstText,
  metaContent,
  spacedText,
  textOf,
  toIsoDate,
  toIsoDateTime,
  todayOf,
} from '../dom';
import { at, firstReading, getJson, num, obj, str } from '../json';
import { countWords, markupHeadings, markupText } from '../text';
import type { DetectExamples, ExtractContext, Extractor, Identities } from '../types';
import * as S from './selectors';
import { docDraft, siteExtractor } from '../define';
import { deriveDocRole, isMe, type Person } from './role';

export { deriveDocRole } from './role';

/**
 * Example URLs for `detect`, checked by tests/extractors/detect.test.ts (a separate export, not a
 * field of the extractor, so the content script's bundle leaves them out).
 */
export const examples = {
  match: [
    'https://ctreminiom.atlassian.net/wiki/spaces/DUMMY/pages/64290828/Confluence+Page+Title',
    'https://airbyteio.atlassian.net/wiki/spaces/~5fc9e78d2730d800760becc4/pages/98487',
    'https://acme.atlassian.net/wiki/spaces/ENG/pages/edit-v2/123456',
    'https://acme.atlassian.net/wiki/spaces/ENG/overview',
    'https://confluence.example.corp/display/ENG/Sync+protocol+design',
    'https://wiki.example.org/confluence/pages/viewpage.action?pageId=42',
  ],
  noMatch: [
    'https://acme.atlassian.net/wiki/spaces/ENG',
    'https://acme.atlassian.net/wiki/spaces/ENG/pages',
    'https://acme.atlassian.net/wiki/home',
    'https://confluence.example.corp/pages/viewpage.action',
    'https://ctreminiom.atlassian.net/browse/KP-10',
  ],
} as const satisfies DetectExamples;

/** Where a Confluence URL points: context path (`/wiki` on Cloud), space key and page id when the URL has them. */
export interface ConfluenceUrl {
  contextPath: string;
  spaceKey?: string;
  pageId?: string;
}

const PAGES_PATH = /^(.*?)\/spaces\/([^/]+)\/pages\/(?:edit-v2\/|edit\/)?(\d+)(?:\/.*)?$/;
const OVERVIEW_PATH = /^(.*?)\/spaces\/([^/]+)\/overview\/?$/;
const VIEWPAGE_PATH = /^(.*?)\/pages\/viewpage\.action$/;
const DISPLAY_PATH = /^(.*?)\/display\/([^/]+)\/[^/]+/;

/** Parses a Confluence page URL; `undefined` when it is not one. */
export function parseConfluenceUrl(url: URL): ConfluenceUrl | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const p = url.pathname;
  let m = PAGES_PATH.exec(p);
  if (m) return { contextPath: m[1]!, spaceKey: decodeURIComponent(m[2]!), pageId: m[3]! };
  m = OVERVIEW_PATH.exec(p);
  if (m) return { contextPath: m[1]!, spaceKey: decodeURIComponent(m[2]!) };
  m = VIEWPAGE_PATH.exec(p);
  const id = url.searchParams.get('pageId');
  if (m && id && /^\d+$/.test(id)) return { contextPath: m[1]!, pageId: id };
  m = DISPLAY_PATH.exec(p);
  if (m) return { contextPath: m[1]!, spaceKey: decodeURIComponent(m[2]!) };
  return undefined;
}

function personOf(v: unknown): Person | undefined {
  const o = obj(v);
  const displayName = str(o?.['displayName']) ?? str(o?.['publicName']);
  const email = str(o?.['email']);
  return displayName || email ? { ...(displayName ? { displayName } : {}), ...(email ? { email } : {}) } : undefined;
}

/** What the REST API says about a page. */
export interface PageFacts {
  id: string;
  title: string;
  spaceKey?: string;
  author?: Person;
  lastEditor?: Person;
  createdAt?: string;
  lastEditedAt?: string;
  versions?: number;
  /** Storage-format XHTML body, when the answer carried it. */
  storage?: string;
}

/**
 * Reads a v1 content object (`GET /rest/api/content/{id}`, any expansions) into facts; `undefined`
 * when the body is not a page or blog post with an id and a title (e.g. a children listing).
 */
export function readV1Page(body: unknown): PageFacts | undefined {
  const o = obj(body);
  const id = str(o?.['id']);
  const title = str(o?.['title']);
  const type = str(o?.['type']);
  if (!o || !id || !title || (type !== 'page' && type !== 'blogpost')) return undefined;
  const facts: PageFacts = { id, title };
  const spaceKey = str(at(o, 'space', 'key'));
  const author = personOf(at(o, 'history', 'createdBy'));
  const lastEditor = personOf(at(o, 'version', 'by')) ?? personOf(at(o, 'history', 'lastUpdated', 'by'));
  const createdAt = toIsoDateTime(str(at(o, 'history', 'createdDate')));
  const lastEditedAt =
    toIsoDateTime(str(at(o, 'version', 'when'))) ?? toIsoDateTime(str(at(o, 'history', 'lastUpdated', 'when')));
  const versions = num(at(o, 'version', 'number')) ?? num(at(o, 'history', 'lastUpdated', 'number'));
  const storage = at(o, 'body', 'storage', 'value');
  if (spaceKey) facts.spaceKey = spaceKey;
  if (author) facts.author = author;
  if (lastEditor) facts.lastEditor = lastEditor;
  if (createdAt) facts.createdAt = createdAt;
  if (lastEditedAt) facts.lastEditedAt = lastEditedAt;
  if (versions !== undefined) facts.versions = versions;
  if (typeof storage === 'string') facts.storage = storage;
  return facts;
}

/**
 * Reads a v2 page (`GET /wiki/api/v2/pages/{id}?body-format=storage`: `{id, title, createdAt,
 * authorId, version: {number, createdAt, authorId}, body: {storage: {value}}}`) into facts;
 * `undefined` when the body has no id or title. v2 names people by account id only.
 */
export function readV2Page(body: unknown): PageFacts | undefined {
  const o = obj(body);
  const id = str(o?.['id']);
  const title = str(o?.['title']);
  if (!o || !id || !title || 'type' in o) return undefined;
  const facts: PageFacts = { id, title };
  const createdAt = toIsoDateTime(str(o['createdAt']));
  const lastEditedAt = toIsoDateTime(str(at(o, 'version', 'createdAt')));
  const versions = num(at(o, 'version', 'number'));
  const storage = at(o, 'body', 'storage', 'value');
  if (createdAt) facts.createdAt = createdAt;
  if (lastEditedAt) facts.lastEditedAt = lastEditedAt;
  if (versions !== undefined) facts.versions = versions;
  if (typeof storage === 'string') facts.storage = storage;
  return facts;
}

/** The page over v2, with the author's and last editor's names from v1's history (v2 has none); `undefined` when v2's answer is not a page. */
async function readV2WithNames(fetchFn: typeof fetch, base: string, enc: string): Promise<PageFacts | undefined> {
  const facts = readV2Page(await getJson(fetchFn, `${base}/api/v2/pages/${enc}?body-format=storage`));
  if (!facts) return undefined;
  try {
    const names = readV1Page(await getJson(fetchFn, `${base}/rest/api/content/${enc}?expand=history,version`));
    if (names?.author) facts.author = names.author;
    if (names?.lastEditor) facts.lastEditor = names.lastEditor;
    if (names?.spaceKey) facts.spaceKey = names.spaceKey;
  } catch {
    // Without names the page is still read; only the role cannot be told.
  }
  return facts;
}

/** v2, then v1; the first body that reads as a page wins. */
function fetchPage(
  fetchFn: typeof fetch,
  base: string,
  id: string,
): Promise<{ facts: PageFacts; via: string } | { error: string }> {
  const enc = encodeURIComponent(id);
  const v1 = `${base}/rest/api/content/${enc}?expand=body.storage,version,history,space`;
  return firstReading('a page', [
    { label: 'v2', via: 'rest-api-v2', read: () => readV2WithNames(fetchFn, base, enc) },
    { label: 'v1', via: 'rest-api-v1', read: async () => readV1Page(await getJson(fetchFn, v1)) },
  ]);
}

/** Facts from the page itself: page-data metas, title, and the rendered body's text and headings. */
function pageFacts(
  doc: Document,
  id: string | undefined,
  spaceKey: string | undefined,
): PageFacts & { text?: string; headings?: string[] } {
  const rawTitle = metaContent(doc, ...S.PAGE_TITLE_META) ?? clean(doc.querySelector('title')?.textContent);
  const title = firstText(doc, S.TITLE) ?? rawTitle?.replace(S.TITLE_SUFFIX, '');
  if (!title) throw new Error('no page title on the page');
  const body = firstMatch(doc, S.BODY);
  const facts: PageFacts & { text?: string; headings?: string[] } = { id: id ?? '', title };
  const space = metaContent(doc, S.SPACE_KEY_META) ?? spaceKey;
  if (space) facts.spaceKey = space;
  if (body) {
    facts.text = spacedText(body);
    facts.headings = [...body.querySelectorAll(S.HEADINGS)].map(textOf).filter(Boolean).slice(0, 50);
  }
  return facts;
}

/** Role on a page: `author` (created it), `contributor` (edited it last, or anyone else). */
function confluenceRoleOf(facts: PageFacts, identities: Identities): Role {
  return isMe(facts.author, identities) ? 'author' : 'contributor';
}

/**
 * Reads a Confluence page into a draft: `source: 'confluence'`, `kind: 'design-doc'`, canonical `url`
 * (Cloud: `{origin}/wiki/spaces/KEY/pages/ID`; servers or no space key: `{origin}{context}/pages/viewpage.action?pageId=ID`),
 * `title`, `occurredOn` = last edit day, else today; `meta` = `DocMeta` (`docId`, `owner` = author,
 * `lastEditedAt`, `wordCount`, `headings`) + `createdAt`, `versions`, `spaceKey`, `lastEditor`,
 * `readFrom` (`rest-api-v2` | `rest-api-v1` | `page`); metrics Words and Versions.
 * @throws Error when the URL is not a page URL, the page id cannot be found, or a non-atlassian.net page
 *   answered nothing over REST and shows no Confluence marks.
 */
export async function extractConfluence(ctx: ExtractContext): Promise<CaptureDraft> {
  const url = new URL(ctx.url);
  const parsed = parseConfluenceUrl(url);
  if (!parsed) throw new Error(`not a Confluence page URL: ${url.pathname}`);
  const doc = ctx.document;
  const pageId = parsed.pageId ?? metaContent(doc, ...S.PAGE_ID_META);
  const cloud = url.hostname.endsWith('.atlassian.net');
  const metaContext = cloud ? undefined : metaContent(doc, S.CONTEXT_PATH_META);
  const contextPath =
    metaContext !== undefined && /^(\/[\w.~-]+)*$/.test(metaContext) ? metaContext : parsed.contextPath;
  const base = `${url.protocol}//${url.host}${contextPath}`;

  let facts: (PageFacts & { text?: string; headings?: string[] }) | undefined;
  let readFrom = 'page';
  let restError = pageId ? 'no fetch' : 'no page id';
  if (ctx.fetch && pageId && /^\d+$/.test(pageId)) {
    const r = await fetchPage(ctx.fetch, base, pageId);
    if ('facts' in r) {
      facts = r.facts;
      readFrom = r.via;
    } else restError = r.error;
  }
  if (!facts) {
    const marked = cloud || S.CONFLUENCE_PAGE_MARKS.some((m) => doc.querySelector(m));
    if (!marked) throw new Error(`not a Confluence page: ${url.host} (REST ${restError})`);
    facts = pageFacts(doc, pageId, parsed.spaceKey);
  }
  const docId = facts.id || pageId;
  if (!docId) throw new Error('no page id in the URL or the page');

  const text = facts.storage !== undefined ? markupText(facts.storage, doc) : facts.text;
  const headings = facts.storage !== undefined ? markupHeadings(facts.storage, 50, doc) : facts.headings;
  const spaceKey = facts.spaceKey ?? parsed.spaceKey;
  // Cloud: /wiki/spaces/KEY/pages/ID (the title slug changes on rename); servers: viewpage.action, which every version serves.
  const canonical =
    cloud && spaceKey
      ? `${base}/spaces/${encodeURIComponent(spaceKey)}/pages/${docId}`
      : `${base}/pages/viewpage.action?pageId=${docId}`;

  const meta: Record<string, unknown> = {
    docId,
    owner: facts.author?.displayName ?? null,
    lastEditedAt: facts.lastEditedAt ?? null,
  };
  if (text !== undefined) meta['wordCount'] = countWords(text);
  if (headings) meta['headings'] = headings;
  if (facts.createdAt) meta['createdAt'] = facts.createdAt;
  if (facts.versions !== undefined) meta['versions'] = facts.versions;
  if (spaceKey) meta['spaceKey'] = spaceKey;
  if (facts.lastEditor?.displayName) meta['lastEditor'] = facts.lastEditor.displayName;
  meta['readFrom'] = readFrom;

  const versions: Metric[] = facts.versions !== undefined ? [{ label: 'Versions', value: facts.versions }] : [];
  const occurredOn = toIsoDate(facts.lastEditedAt) ?? toIsoDate(facts.createdAt) ?? todayOf(ctx.now);
  const role = confluenceRoleOf(facts, ctx.identities);
  return docDraft('confluence', { url: canonical, title: facts.title, occurredOn, role }, meta, versions);
}

/** The Confluence page extractor (Cloud match patterns; self-hosted servers are detected by path). */
export const confluence: Extractor = /* @__PURE__ */ siteExtractor(
  'confluence',
  (url) => parseConfluenceUrl(url) !== undefined,
  extractConfluence,
  deriveDocRole,
);
