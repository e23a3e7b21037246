/**
 * Golden tests (Defuddle style): each saved page tests/fixtures/<dir>/<source>--<case>.html, with
 * its URL and the identities to use in <source>--<case>.page.json, must extract to exactly
 * tests/expected/<source>--<case>.json. Run with UPDATE_FIXTURES=1 to rewrite the expected files
 * (then review the diff: it is the change in behaviour).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { CaptureDraft } from '../../shared/schemas';
import { extractCapture, extractorFor } from '../../extension/extractors';
import { EXPECTED, goldenNames, loadPage, now } from './helpers';

const UPDATE = process.env.UPDATE_FIXTURES === '1';
const CASES = [
  ...goldenNames('github', ['github-pr']).map((name) => ({ dir: 'github', name })),
  ...goldenNames('web', ['web']).map((name) => ({ dir: 'web', name })),
];

describe('golden extraction', () => {
  it('has fixtures for every source it covers', () => {
    expect(CASES.filter((c) => c.name.startsWith('github-pr--')).length).toBeGreaterThanOrEqual(5);
    expect(CASES.filter((c) => c.name.startsWith('web--')).length).toBeGreaterThanOrEqual(4);
  });

  for (const { dir, name } of CASES) {
    it(`${name}`, async () => {
      const page = loadPage(dir, name);
      // The fixture prefix names the extractor that must handle the page.
      expect(extractorFor(page.url).id).toBe(name.split('--')[0]);

      const draft = await extractCapture(page, { now, identities: page.identities });
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
