/** Every extractor's detect() against the example URLs listed beside it, and the registry's order. */
import { describe, expect, it } from 'vitest';
import { extractorFor, REGISTRY } from '../../extension/extractors';
import { DETECT_EXAMPLES } from '../../extension/extractors/examples';

const examplesOf = (id: string) => {
  const ex = DETECT_EXAMPLES[id as keyof typeof DETECT_EXAMPLES];
  if (!ex) throw new Error(`no detect examples for ${id}`);
  return ex;
};

describe('detect() on the example URLs kept beside each extractor', () => {
  for (const extractor of REGISTRY) {
    describe(`${extractor.id}`, () => {
      it('lists examples both ways', () => {
        expect(examplesOf(extractor.id).match.length).toBeGreaterThan(0);
        expect(examplesOf(extractor.id).noMatch.length).toBeGreaterThan(0);
      });
      for (const url of examplesOf(extractor.id).match) {
        it(`matches ${url}`, () => expect(extractor.detect(new URL(url))).toBe(true));
      }
      for (const url of examplesOf(extractor.id).noMatch) {
        it(`does not match ${url}`, () => expect(extractor.detect(new URL(url))).toBe(false));
      }
    });
  }
});

describe('registry', () => {
  it('lists the generic web extractor last', () => {
    expect(REGISTRY.at(-1)?.id).toBe('web');
    expect(new Set(REGISTRY.map((e) => e.id)).size).toBe(REGISTRY.length);
  });

  it('routes each site example to its own extractor, not to one listed earlier', () => {
    for (const extractor of REGISTRY) {
      for (const url of examplesOf(extractor.id).match) {
        if (extractor.id === 'web' && REGISTRY.some((e) => e.id !== 'web' && e.detect(new URL(url)))) continue;
        expect({ url, id: extractorFor(url).id }).toEqual({ url, id: extractor.id });
      }
    }
  });

  it('sends non-PR GitHub pages to the generic extractor', () => {
    expect(extractorFor('https://github.com/kepano/defuddle/issues/56').id).toBe('web');
    expect(extractorFor('https://github.com/sourcegraph/sourcegraph/pulls?q=is%3Aopen').id).toBe('web');
  });

  it('declares WebExtension match patterns', () => {
    const pattern = /^(\*|https?):\/\/(\*|(\*\.)?[^/*]+)\/.*$/;
    for (const e of REGISTRY) for (const m of e.matches) expect(m).toMatch(pattern);
  });
});
