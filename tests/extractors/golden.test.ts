/**
 * Golden tests (Defuddle style): each case tests/fixtures/<dir>/<source>--<case>.page.json (its URL,
 * the identities to use, the recorded API answers to serve) with its page <source>--<case>.html (or an
 * empty page when the facts come from the API) must extract to exactly
 * tests/expected/<source>--<case>.json. Run with UPDATE_FIXTURES=1 to rewrite the expected files
 * (then review the diff: it is the change in behaviour).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { CaptureDraft } from '../../shared/schemas';
import { extractCapture, extractorFor } from '../../extension/extractors';
import { EXPECTED, goldenNames, loadPage, now, recordedFetch } from './helpers';

const UPDATE = process.env.UPDATE_FIXTURES === '1';
const CASES = [
  ...goldenNames('github', ['github-pr']).map((name) => ({ dir: 'github', name })),
  ...goldenNames('jira', ['jira']).map((name) => ({ dir: 'jira', name })),
  ...goldenNames('confluence', ['confluence']).map((name) => ({ dir: 'confluence', name })),
  ...goldenNames('gdocs', ['google-docs']).map((name) => ({ dir: 'gdocs', name })),
  ...goldenNames('notion', ['notion']).map((name) => ({ dir: 'notion', name })),
  ...goldenNames('web', ['web']).map((name) => ({ dir: 'web', name })),
];

describe('golden extraction', () => {
  it('has fixtures for every source it covers', () => {
    expect(CASES.filter((c) => c.name.startsWith('github-pr--')).length).toBeGreaterThanOrEqual(5);
    expect(CASES.filter((c) => c.name.startsWith('web--')).length).toBeGreaterThanOrEqual(4);
    expect(CASES.filter((c) => c.name.startsWith('jira--')).length).toBe(12); // every real Jira fixture + the page-only case
    expect(CASES.filter((c) => c.name.startsWith('confluence--')).length).toBe(4);
    expect(CASES.filter((c) => c.name.startsWith('google-docs--')).length).toBe(1);
    expect(CASES.filter((c) => c.name.startsWith('notion--')).length).toBe(3);
  });

  for (const { dir, name } of CASES) {
    it(`${name}`, async () => {
      const page = loadPage(dir, name);
      // The fixture prefix names the extractor that must handle the page.
      expect(extractorFor(page.url).id).toBe(name.split('--')[0]);

      // Recorded same-origin API answers (Jira, Confluence, Google Docs export), 404 for anything else.
      const { fetchFn } = recordedFetch(page);
      const draft = await extractCapture(page, { now, identities: page.identities, fetch: fetchFn });
      expect(CaptureDraft.safeParse(draft).success).toBe(true);
      expect(draft.fallbackReason).toBeUndefined();

      const file = resolve(EXPECTED, `${name}.json`);
      if (UPDATE) {
        mkdirSync(EXPECTED, { recursive: true });
        // Written the way `npm run format` would, so an update never fails `format:check`.
        const options = { ...(await resolveConfig(file)), filepath: file };
        writeFileSync(file, await format(JSON.stringify(draft, null, 2), options));
      }
      if (!existsSync(file)) throw new Error(`missing ${file}: run with UPDATE_FIXTURES=1 and review it`);
      expect(draft).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    });
  }
});
