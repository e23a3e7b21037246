/**
 * shared/slug.ts: the one slug function, and the two ids made with it (a
 * competency id from its name, an imported ladder's id).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { slugify } from '../../shared/slug';
import { slugifyCompetencyId } from '../../shared/rubrics/ladder-import';
import { ladderId } from '../../extension/components/account/RubricSettings';
import { CompetencyId } from '../../shared/schemas';

describe('slugify', () => {
  it('removes accents before splitting words, so an accented letter stays one letter', () => {
    expect(slugify('Crème Brûlée L5')).toBe('creme-brulee-l5');
    expect(slugify('Ñandú  Über—Ångström!')).toBe('nandu-uber-angstrom');
    expect(slugify('--a--b--')).toBe('a-b');
  });

  it('cuts to the length given without leaving a dash at the end', () => {
    expect(slugify('abc def', 4)).toBe('abc');
    expect(slugify('x'.repeat(100))).toHaveLength(63);
  });

  it('always gives lower-case letters, digits and single dashes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (text) => {
        const slug = slugify(text);
        expect(slug).toMatch(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/);
        expect(slug.length).toBeLessThanOrEqual(63);
      }),
    );
  });
});

describe('ids made from names', () => {
  it('gives an imported ladder an id without split accents (the "Crème Brûlée" bug)', () => {
    expect(ladderId('Crème Brûlée L5')).toBe('custom-creme-brulee-l5');
    expect(ladderId('日本語')).toBe('custom-ladder');
  });

  it('makes competency ids that the schema accepts', () => {
    expect(slugifyCompetencyId('Crème Brûlée L5')).toBe('creme-brulee-l5');
    expect(CompetencyId.safeParse(slugifyCompetencyId('Qualité & Résilience')).success).toBe(true);
  });
});
