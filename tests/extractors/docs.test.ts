/** google-docs and notion beyond the golden cases: the export and its heading guesses, peek URLs, roles. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveRole, extractCapture } from '../../extension/extractors';
import { guessHeadings } from '../../extension/extractors/google-docs';
import { FIXTURES, loadPage, now, parseDocument, recordedFetch } from './helpers';

const DOC = '1x2YzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbC';
const EXPORT_TXT = readFileSync(resolve(FIXTURES, 'gdocs/google-docs--design-doc-handwritten.export.txt'), 'utf8');

describe('google-docs', () => {
  it('guesses headings from the text export when the page has no outline', () => {
    expect(guessHeadings(EXPORT_TXT, 'Design: Offline-first capture queue')).toEqual([
      'Context',
      'Goals and non-goals',
      'Design',
      'Outbox and retries',
      'Alternatives',
    ]);
  });

  it('reads the export of the document with the page session, at the canonical /edit URL', async () => {
    const html =
      '<html><head><title>Design: Offline-first capture queue - Google Docs</title></head><body></body></html>';
    const { fetchFn, calls } = recordedFetch({
      dir: 'gdocs',
      routes: {
        [`https://docs.google.com/document/d/${DOC}/export?format=txt`]: {
          file: 'google-docs--design-doc-handwritten.export.txt',
          text: true,
        },
      },
    });
    const d = await extractCapture(
      { url: `https://docs.google.com/document/u/1/d/${DOC}/edit#heading=h.1`, document: parseDocument(html) },
      { now, fetch: fetchFn },
    );
    expect(calls).toEqual([
      { url: `https://docs.google.com/document/d/${DOC}/export?format=txt`, credentials: 'same-origin' },
    ]);
    expect(d).toMatchObject({
      source: 'google-docs',
      url: `https://docs.google.com/document/d/${DOC}/edit`,
      title: 'Design: Offline-first capture queue',
      meta: { docId: DOC, wordCount: 89, readFrom: 'export-txt' },
    });
    expect(d.meta['headings']).toHaveLength(5);
  });

  it('still clips the title when the export is refused', async () => {
    const page = loadPage('gdocs', 'google-docs--design-doc-handwritten');
    const { fetchFn } = recordedFetch({ dir: 'gdocs', routes: {} });
    const d = await extractCapture(page, { now, fetch: fetchFn });
    expect(d).toMatchObject({ title: 'Design: Offline-first capture queue', meta: { readFrom: 'page' }, metrics: [] });
    expect(d.meta['wordCount']).toBeUndefined();
    expect(d.meta['headings']).toEqual([
      'Context',
      'Goals and non-goals',
      'Design',
      'Outbox and retries',
      'Alternatives',
    ]); // the outline
  });
});

describe('notion', () => {
  it('takes the page id of a peeked database page and drops the query', async () => {
    const page = loadPage('notion', 'notion--export-database-page-with-properties');
    const d = await extractCapture(
      {
        url: 'https://www.notion.so/acme/8c1d4f0e2b7a4d3c9e6f5a4b3c2d1e0f?v=1234&p=0e02ba1a5bf1409596a32541ebf3745e&pm=s',
        document: page.document,
      },
      { now },
    );
    expect(d).toMatchObject({
      url: 'https://www.notion.so/0e02ba1a5bf1409596a32541ebf3745e',
      meta: { docId: '0e02ba1a5bf1409596a32541ebf3745e' },
    });
  });

  it('is a contributor on a page someone else owns, author when the owner is the user', async () => {
    const page = loadPage('notion', 'notion--export-database-page-with-properties');
    const other = await extractCapture(page, { now, identities: { atlassianName: 'Dana Okafor' } });
    expect(other).toMatchObject({
      role: 'contributor',
      suggestedCompetencies: [],
      meta: { owner: 'Alexander Alemayhu' },
    });
    expect(deriveRole(other, { atlassianName: 'alexander alemayhu' })).toMatchObject({
      role: 'author',
      suggestedCompetencies: ['technical-leadership', 'communication'],
    });
  });

  it('reads a live-style page: title without " | Notion", heading blocks', async () => {
    const html =
      '<html><head><title>Incident review: sync outage | Notion</title></head><body><div class="notion-page-content">' +
      '<div class="notion-header-block"><h2>Impact</h2></div><div class="notion-text-block">Sync was down for 42 minutes.</div></div></body></html>';
    const d = await extractCapture(
      {
        url: 'https://acme.notion.site/Incident-review-2ce7ab29a11e809998e3d22ed65fc5f2',
        document: parseDocument(html),
      },
      { now },
    );
    expect(d).toMatchObject({
      title: 'Incident review: sync outage',
      meta: { headings: ['Impact'], wordCount: 7 },
      suggestedCompetencies: ['ownership', 'technical-leadership', 'communication'],
    });
  });
});
