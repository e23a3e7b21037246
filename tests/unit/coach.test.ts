/**
 * shared/coach.ts: the specificity coach on claims and impact. Good texts
 * are the claims and impact written for the real fixtures in
 * tests/worker/render-fixtures.ts (sourcegraph#3257, github3py#671,
 * artsy/emission#327): they must pass without a hint.
 */
import { describe, expect, it } from 'vitest';
import { coachClaim, coachImpact, type CoachHint } from '../../shared/coach';

/** `[code, flagged phrase]` of each hint (the phrase from start/end, or null). */
function flagged(text: string, hints: CoachHint[]): [CoachHint['code'], string | null][] {
  return hints.map((h) => [h.code, h.start === undefined ? null : text.slice(h.start, h.end)]);
}

const claim = (t: string) => flagged(t, coachClaim(t));
const impact = (t: string) => flagged(t, coachImpact(t));

describe('coachClaim', () => {
  it('passes specific first-person claims', () => {
    for (const t of [
      'I added OpenTracing spans to the gitserver exec endpoint, so a slow git command now shows up in a trace with its arguments and duration.',
      'I reviewed the pull request reviews API support and asked for pagination and a test cassette, which the author added before merge.',
      'I built the Gene view: metadata and trending artists, end to end from API query to native view.',
      'I drove the API versioning decision and wrote the migration guide.',
      "I'm the owner of the billing pipeline and I rewrote its retry logic.",
      'Drove the API versioning decision for the payments team',
      'As part of the launch I wrote the retry budget',
    ])
      expect({ t, hints: claim(t) }).toEqual({ t, hints: [] });
  });

  it('flags each vague phrase of the brief at its position', () => {
    expect(claim('I contributed to architecture discussions')).toEqual([['vague', 'contributed to']]);
    expect(claim('I helped with the migration of the billing service')).toEqual([['vague', 'helped with']]);
    expect(claim('I worked on the search backend for the team')).toEqual([['vague', 'worked on']]);
    expect(claim('I was involved in the incident response last week')).toEqual([['vague', 'was involved in']]);
    expect(claim('I participated in the design review for caching')).toEqual([['vague', 'participated in']]);
    expect(claim('I assisted with the rollout of the new queue')).toEqual([['vague', 'assisted with']]);
    expect(claim('I supported the mobile team during the launch')).toEqual([['vague', 'supported']]);
  });

  it('gives a concrete rewrite pattern with each hint', () => {
    const [hint] = coachClaim('I contributed to architecture discussions');
    expect(hint).toMatchObject({
      code: 'vague',
      start: 2,
      end: 16,
      message: '"contributed to" is vague: it does not say what you did.',
    });
    expect(hint?.suggestion).toContain('I drove the API versioning decision');
  });

  it('flags several phrases in text order, case-insensitively', () => {
    expect(claim('Worked on the API. I also Helped With reviews and participated in planning.')).toEqual([
      ['vague', 'Worked on'],
      ['vague', 'Helped With'],
      ['vague', 'participated in'],
    ]);
  });

  it('flags passive voice, including adverbs, irregular participles and "got"', () => {
    expect(claim('I made sure the billing jobs were migrated to the new queue')).toEqual([
      ['passive', 'were migrated'],
    ]);
    expect(claim('I saw that the cache was quietly rebuilt every night, and fixed it')).toEqual([
      ['passive', 'was quietly rebuilt'],
    ]);
    expect(claim('I wrote the fix and it got merged the same day')).toEqual([['passive', 'got merged']]);
    expect(claim('I found the incident had been caused by a retry storm')).toEqual([['passive', 'been caused']]);
    const [hint] = coachClaim('I made sure the billing jobs were migrated to the new queue');
    expect(hint?.suggestion).toContain('I migrated the billing jobs');
  });

  it('does not call adjectives passive', () => {
    for (const t of [
      'I was interested in the problem and wrote the design doc',
      'I was excited to lead the on-call rotation redesign',
      'I was able to cut the build from 20 to 8 minutes',
      'I am focused on the reliability of the search backend',
    ])
      expect({ t, hints: claim(t) }).toEqual({ t, hints: [] });
  });

  it('flags "we" or "the team" with no "I"', () => {
    expect(claim('We shipped the new API to all customers')).toEqual([['not-first-person', 'We']]);
    expect(claim('The team decided to move to Postgres for billing')).toEqual([['not-first-person', 'The team']]);
    expect(claim('We migrated the service and I wrote the rollout plan')).toEqual([]);
    expect(claim('Launched the new pricing page in the US market')).toEqual([]);
  });

  it('flags a claim that is not about what you did', () => {
    const hints = coachClaim('The new search backend is live for all customers');
    expect(hints).toEqual([
      {
        code: 'not-first-person',
        message: 'The claim does not say what you did.',
        suggestion: expect.stringContaining('I drove the API versioning decision'),
      },
    ]);
  });

  it('flags a very short claim after the phrase hints', () => {
    expect(claim('Fixed bug')).toEqual([['too-short', null]]);
    expect(claim('Worked on search')).toEqual([
      ['vague', 'Worked on'],
      ['too-short', null],
    ]);
    expect(claim('I fixed the flaky login test')).toEqual([]);
  });

  it('says nothing about an empty claim, and never throws', () => {
    expect(coachClaim('')).toEqual([]);
    expect(coachClaim('   \n ')).toEqual([]);
    for (const t of ['((((', '\u0000', 'é'.repeat(10), 'was was was', null as unknown as string])
      expect(() => coachClaim(t)).not.toThrow();
  });

  it('does not overlap hints: a vague phrase wins over the passive it contains', () => {
    expect(claim('I was supported by the platform team on the migration')).toEqual([['vague', 'supported']]);
  });

  it('caps hints per kind and is fast on long text', () => {
    const long = 'I worked on things. '.repeat(500);
    expect(coachClaim(long).filter((h) => h.code === 'vague')).toHaveLength(3);
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) coachClaim(long);
    // Budget: a keystroke is 16 ms; one call on 10,000 characters must stay far below it.
    expect((performance.now() - t0) / 200).toBeLessThan(2);
  });
});

describe('coachImpact', () => {
  it('passes impact with numbers', () => {
    for (const t of [
      'First step of the gitserver observability plan (#3253): on-call can see which repository and command is slow without ssh-ing into the box.',
      'Cut p95 latency from 800 ms to 450 ms for the checkout API',
      'Halved the build time for every engineer in the team',
      'They shipped their first on-call fix alone after three weeks.',
    ])
      expect({ t, hints: impact(t) }).toEqual({ t, hints: [] });
  });

  it('flags an impact with no number, with a measured rewrite', () => {
    const hints = coachImpact('Gene pages became browsable in the app for the autumn launch.');
    expect(hints).toEqual([
      {
        code: 'no-number',
        message: 'The impact has no number.',
        suggestion: expect.stringContaining('Cut p95 latency from 800 ms to 450 ms'),
      },
    ]);
  });

  it('flags fuzzy amounts, vague phrasing and passive voice', () => {
    expect(impact('Latency was reduced significantly for many users')).toEqual([
      ['passive', 'was reduced'],
      ['vague', 'significantly'],
      ['vague', 'many'],
      ['no-number', null],
    ]);
    expect(impact('Helped with the 3 teams adopting the new API')).toEqual([['vague', 'Helped with']]);
  });

  it('flags a very short impact', () => {
    expect(impact('Faster')).toEqual([
      ['no-number', null],
      ['too-short', null],
    ]);
    expect(impact('Saved 2 hours')).toEqual([['too-short', null]]);
  });

  it('does not ask for first person in an impact', () => {
    expect(impact('Checkout errors fell from 2% to 0.3% in a month')).toEqual([]);
  });

  it('says nothing about an empty impact', () => {
    expect(coachImpact('')).toEqual([]);
    expect(coachImpact(' ')).toEqual([]);
  });
});
