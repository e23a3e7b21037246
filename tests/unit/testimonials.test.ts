/**
 * shared/generic-praise.ts (the specificity check the worker runs on every
 * testimonial) and shared/testimonials.ts (schemas, statuses, quotes by
 * evidence, the "What do their peers say?" answer), plus the packet's
 * "What peers say" section.
 */
import { describe, expect, it } from 'vitest';
import {
  checkSpecificity,
  GENERIC_PRAISE,
  genericPhrasesIn,
  specificWords,
  TESTIMONIAL_TEXT_MIN,
} from '../../shared/generic-praise';
import { renderPacketMarkdown } from '../../shared/packet';
import { SENIOR_ENGINEER } from '../../shared/rubric';
import type { Evidence } from '../../shared/schemas';
import {
  attribution,
  peerVoice,
  quotesByEvidence,
  requestStatus,
  shownTestimonials,
  TestimonialRequestCreate,
  type PeerQuote,
} from '../../shared/testimonials';

const SPECIFIC = [
  'She found the retry storm between checkout and billing and wrote the idempotency design doc; duplicate charges went to zero.',
  'During the March outage he ran the incident call, split the work across three teams and we were back up in 40 minutes.',
  'Great engineer! He rewrote our flaky deploy pipeline in two weeks and cut deploy time from 30 minutes to 6.',
  'Mentored two new hires through their first on-call rotation; both handled pages alone by week three.',
];

const GENERIC = [
  'Sam is a great engineer, very smart and a real team player!',
  'Really smart, very helpful, always goes above and beyond. Highly recommend!!',
  'One of the best engineers I have worked with. Great attitude, hard worker, team player.',
  'She is amazing, awesome, brilliant and a pleasure to work with. Deserves a promotion.',
  'GREAT ENGINEER. VERY SMART. TEAM PLAYER. GETS THINGS DONE. RELIABLE AND DEDICATED.',
];

describe('checkSpecificity', () => {
  it('accepts testimonials that say what the peer saw and what changed', () => {
    for (const text of SPECIFIC) expect({ text, r: checkSpecificity(text) }).toEqual({ text, r: { ok: true } });
  });

  it('sends generic praise back with a friendly explanation and the phrases found', () => {
    for (const text of GENERIC) {
      const r = checkSpecificity(text);
      expect({ text, r }).toMatchObject({
        text,
        r: { ok: false, problem: 'generic', message: expect.stringMatching(/what you saw/) },
      });
      expect(r.ok ? [] : r.phrases).not.toHaveLength(0);
    }
    expect(genericPhrasesIn('Sam is a great engineer and a team player')).toEqual([
      'great engineer',
      'team player',
      'great',
    ]);
  });

  it('sends text under 40 characters or over 2,000 back', () => {
    const short = checkSpecificity('x'.repeat(TESTIMONIAL_TEXT_MIN - 1));
    expect(short.ok || short.problem).toBe('too_short');
    expect(checkSpecificity(`  ${'a'.repeat(39)}  `).ok).toBe(false);
    const long = checkSpecificity(`${SPECIFIC[0]} `.repeat(20));
    expect(long.ok || long.problem).toBe('too_long');
  });

  it('keeps the list lower case, single-spaced and free of duplicates', () => {
    expect(new Set(GENERIC_PRAISE).size).toBe(GENERIC_PRAISE.length);
    for (const p of GENERIC_PRAISE) expect(p).toMatch(/^[a-z0-9-]+( [a-z0-9-]+)*$/);
    expect(specificWords('He is a great engineer who cut deploys from 30 to 6 minutes')).toEqual([
      'cut',
      'deploys',
      'from',
      '30',
      '6',
      'minutes',
    ]);
  });
});

describe('testimonial helpers', () => {
  const quote = (id: string, evidenceIds: string[], competencies: string[] = []): PeerQuote => ({
    id,
    evidenceIds,
    name: 'Sam',
    relationship: 'Tech lead',
    text: 'x',
    competencies,
  });

  it('validates requests: 1 to 20 distinct ULIDs, 1 to 60 days, default 14, no unknown keys', () => {
    const id = '01JD3K8Q2VZ7AAAAAAAAAAAAAA';
    expect(TestimonialRequestCreate.parse({ peerName: ' Sam ', evidenceIds: [id] })).toEqual({
      peerName: 'Sam',
      evidenceIds: [id],
      expiresInDays: 14,
    });
    expect(TestimonialRequestCreate.safeParse({ peerName: 'Sam', evidenceIds: [id, id] }).success).toBe(false);
    expect(TestimonialRequestCreate.safeParse({ peerName: 'Sam', evidenceIds: [id], expiresInDays: 61 }).success).toBe(
      false,
    );
    expect(TestimonialRequestCreate.safeParse({ peerName: 'Sam', evidenceIds: [id], peerEmail: 'x' }).success).toBe(
      false,
    );
  });

  it('gives request statuses, drops hidden testimonials and groups quotes by evidence', () => {
    const now = Date.parse('2026-11-20T00:00:00Z');
    const r = { expiresAt: '2026-11-25T00:00:00.000Z', revokedAt: null };
    expect(requestStatus(r, false, now)).toBe('waiting');
    expect(requestStatus(r, true, now)).toBe('answered');
    expect(requestStatus({ ...r, expiresAt: '2026-11-19T00:00:00.000Z' }, false, now)).toBe('expired');
    expect(requestStatus({ ...r, revokedAt: '2026-11-19T00:00:00.000Z' }, true, now)).toBe('revoked');
    expect(
      shownTestimonials([
        { id: 'a', hidden: true, createdAt: '2026-11-02T00:00:00.000Z' },
        { id: 'b', hidden: false, createdAt: '2026-11-01T00:00:00.000Z' },
        { id: 'c', hidden: false, createdAt: '2026-11-03T00:00:00.000Z' },
      ]).map((t) => t.id),
    ).toEqual(['c', 'b']);
    const map = quotesByEvidence([quote('q1', ['e1', 'e2']), quote('q2', ['e2'])]);
    expect(map.get('e2')?.map((q) => q.id)).toEqual(['q1', 'q2']);
    expect(attribution({ name: 'Sam', relationship: ' ' })).toBe('Sam');
  });

  it('flags competencies with evidence but no peer voice', () => {
    const evidence = [
      { id: 'e1', competencies: ['ownership'] },
      { id: 'e2', competencies: ['multiplier'] },
      { id: 'e3', competencies: ['judgment'] },
    ];
    const { withoutPeerVoice } = peerVoice(
      evidence,
      [quote('q', ['e1'], ['communication'])],
      ['ownership', 'ambiguity', 'multiplier', 'communication', 'judgment'],
    );
    expect(withoutPeerVoice).toEqual(['multiplier', 'judgment']);
  });
});

describe('the packet quotes peers', () => {
  const e: Evidence = {
    id: '01HV0000000000000000000001',
    source: 'manual',
    kind: 'design-doc',
    role: 'author',
    url: '',
    title: 'Idempotency keys for billing',
    occurredOn: '2026-10-01',
    capturedAt: '2026-10-01T10:00:00.000Z',
    claim: 'I wrote the design.',
    impact: '',
    metrics: [],
    competencies: ['technical-leadership'],
    tags: [],
    people: [],
    meta: {},
    privateNote: '',
    updatedAt: '2026-10-01T10:00:00.000Z-0000-d',
    deletedAt: null,
  };

  it('adds "What peers say" and a quote beside the item, escaped', () => {
    const md = renderPacketMarkdown({
      ownerName: 'Ada',
      scope: {},
      rubric: SENIOR_ENGINEER,
      evidence: [e],
      weeklyLogs: [],
      generatedAt: '2026-11-20T00:00:00.000Z',
      testimonials: [
        {
          id: 't1',
          evidenceIds: [e.id],
          name: '<b>Sam</b>',
          relationship: 'Tech lead',
          text: 'She got [two teams](javascript:alert(1)) to agree.\n# not a heading',
          competencies: [],
        },
      ],
    });
    expect(md).toContain('## What peers say');
    expect(md).toContain('\\<b\\>Sam\\</b\\>, Tech lead');
    expect(md).not.toContain('](javascript:');
    expect(md).not.toMatch(/^# not a heading/m);
    const item = md.indexOf('**Idempotency keys for billing**');
    expect(md.indexOf('**Peer:**', item)).toBeGreaterThan(item);
  });

  it('has no peers section without testimonials', () => {
    const md = renderPacketMarkdown({
      ownerName: 'Ada',
      scope: {},
      rubric: SENIOR_ENGINEER,
      evidence: [e],
      weeklyLogs: [],
      generatedAt: '2026-11-20T00:00:00.000Z',
    });
    expect(md).not.toContain('What peers say');
  });
});
