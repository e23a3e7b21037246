/**
 * confluence on the real v1 fixtures and the hand-written v2 answer: the v2 → v1 order, the v1
 * readers on every real content object, storage-body text and headings, roles and the page fallback.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveRole, extractCapture } from '../../extension/extractors';
import { readV1Page, readV2Page } from '../../extension/extractors/confluence';
import { markupHeadings, markupText } from '../../extension/extractors/text';
import { FIXTURES, now, parseDocument, recordedFetch, type RecordedRoute } from './helpers';

const json = (file: string): unknown => JSON.parse(readFileSync(resolve(FIXTURES, 'confluence', file), 'utf8'));
const SITE = 'https://acme.atlassian.net/wiki';
const V2 = `${SITE}/api/v2/pages/2031617?body-format=storage`;
const V1_NAMES = `${SITE}/rest/api/content/2031617?expand=history,version`;
const V1 = (id: string) => `${SITE}/rest/api/content/${id}?expand=body.storage,version,history,space`;

async function capture(
  url: string,
  routes: Record<string, RecordedRoute>,
  html = '<html><head></head><body></body></html>',
  identities = {},
) {
  const { fetchFn, calls } = recordedFetch({ routes, dir: 'confluence' });
  const draft = await extractCapture({ url, document: parseDocument(html) }, { now, fetch: fetchFn, identities });
  return { draft, calls: calls.map((c) => c.url) };
}

describe('REST order', () => {
  it('reads v2, then asks v1 only for the names v2 lacks', async () => {
    const { draft, calls } = await capture(
      `${SITE}/spaces/ENG/pages/2031617/RFC`,
      {
        [V2]: { file: 'rest-api-v2-page-handwritten.json' },
        [V1_NAMES]: { file: 'rest-api-v1-history-handwritten.json' },
      },
      undefined,
      { atlassianName: 'Dana Okafor' },
    );
    expect(calls).toEqual([V2, V1_NAMES]);
    expect(draft).toMatchObject({
      role: 'author',
      occurredOn: '2026-10-05',
      meta: { owner: 'Dana Okafor', versions: 7, createdAt: '2026-09-14T08:02:11.000Z', readFrom: 'rest-api-v2' },
      suggestedCompetencies: ['technical-leadership', 'communication'],
    });
  });

  it('keeps the v2 page without names when the v1 call fails (no role can be told)', async () => {
    const { draft } = await capture(
      `${SITE}/spaces/ENG/pages/2031617`,
      { [V2]: { file: 'rest-api-v2-page-handwritten.json' } },
      undefined,
      { atlassianName: 'Dana Okafor' },
    );
    expect(draft).toMatchObject({ role: 'contributor', meta: { owner: null, wordCount: 49 } });
  });

  it('falls back to v1 with body, version and history when v2 is missing (Server/DC, older Cloud)', async () => {
    const { draft, calls } = await capture(`${SITE}/spaces/DUMMY/pages/64290828`, {
      [V1('64290828')]: { file: 'rest-api-content-page-v1-cloud-64290828.json' },
    });
    expect(calls).toEqual([`${SITE}/api/v2/pages/64290828?body-format=storage`, V1('64290828')]);
    expect(draft).toMatchObject({
      title: 'Confluence Page Title',
      meta: { docId: '64290828', readFrom: 'rest-api-v1' },
    });
    expect(draft.meta['wordCount']).toBeUndefined(); // not expanded: no body to count
  });

  it('uses the page when the answer is not a page (the real children listing served by mistake)', async () => {
    const html =
      '<html><head><title>Runbook - Platform - Confluence</title></head><body><div id="main-content"><h2>Steps</h2><p>Restart it.</p></div></body></html>';
    const { draft } = await capture(
      `${SITE}/spaces/PLAT/pages/76513281`,
      { [V1('76513281')]: { file: 'rest-api-content-children-v1-cloud.json' } },
      html,
    );
    expect(draft).toMatchObject({
      source: 'confluence',
      title: 'Runbook',
      meta: { readFrom: 'page', headings: ['Steps'], wordCount: 3 },
    });
  });
});

describe('readers on the real content objects', () => {
  it('reads each page of the real v1 content list', () => {
    const list = json('rest-api-content-list-v1-cloud.json') as { results: unknown[] };
    expect(list.results.map((r) => readV1Page(r)?.title)).toEqual([
      'DUMMY',
      'TEST',
      'Confluence Page Title',
      'new page',
    ]);
  });

  it('reads author, dates and version of the expanded Cloud page (98487)', () => {
    const page = readV1Page(
      (json('rest-api-content-page-v1-expanded-cloud-airbyteio-98487.airbyte-record.json') as { data: unknown }).data,
    );
    expect(page).toMatchObject({
      id: '98487',
      title: 'Overview',
      author: { displayName: 'integration test', email: 'integration-test@airbyte.io' },
      createdAt: '2023-02-17T09:08:30.734Z',
      lastEditedAt: '2023-02-17T09:08:30.734Z',
      versions: 1,
    });
  });

  it('tells v1 and v2 bodies apart', () => {
    expect(readV2Page(json('rest-api-content-page-v1-cloud-64290828.json'))).toBeUndefined();
    expect(readV1Page(json('rest-api-v2-page-handwritten.json'))).toBeUndefined();
    expect(readV1Page(json('rest-api-content-children-v1-cloud.json'))).toBeUndefined();
  });
});

describe('storage format', () => {
  it('counts visible words: CDATA kept, macro parameters and placeholders dropped, entities decoded', () => {
    const storage =
      '<h1>Plan &amp; risks</h1><p>Ship it&nbsp;now</p><ac:structured-macro ac:name="code"><ac:parameter ac:name="language">js</ac:parameter>' +
      '<ac:plain-text-body><![CDATA[run()]]></ac:plain-text-body></ac:structured-macro><p><ac:placeholder>Type here</ac:placeholder></p>';
    const page = parseDocument('<html><body></body></html>'); // Node has no DOMParser: the page's (linkedom's) is used
    expect(markupText(storage, page)).toBe('Plan & risks Ship it now run()');
    expect(markupHeadings(storage, 50, page)).toEqual(['Plan & risks']);
  });
});

describe('role', () => {
  it('is author when the e-mail is the creator, and re-derives from the owner name', async () => {
    const route = {
      [V1('98487')]: {
        file: 'rest-api-content-page-v1-expanded-cloud-airbyteio-98487.airbyte-record.json',
        pick: 'data',
      },
    };
    const { draft } = await capture(`${SITE}/spaces/X/pages/98487`, route, undefined, {
      email: 'INTEGRATION-TEST@airbyte.io',
    });
    expect(draft.role).toBe('author');
    expect(deriveRole(draft, { atlassianName: 'someone else' })).toMatchObject({
      role: 'contributor',
      suggestedCompetencies: [],
    });
    expect(deriveRole(draft, { atlassianName: 'Integration Test' }).role).toBe('author');
  });
});

describe('self-hosted', () => {
  it('does not pretend a /display/ page of another site is Confluence', async () => {
    const { draft } = await capture(
      'https://shop.example.com/display/shoes/red',
      {},
      '<html><head><title>Red shoes</title></head><body></body></html>',
    );
    expect(draft).toMatchObject({ source: 'web', title: 'Red shoes' });
    expect(draft.fallbackReason).toMatch(/^confluence: not a Confluence page: shop\.example\.com/);
  });
});
