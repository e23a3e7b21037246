/**
 * Packet formats (shared/packets/): golden Markdown for the default senior
 * packet, Google-style, Amazon-style and Meta-style, on one case built from
 * the capture fixtures (an RFC, its ticket PLAT-1432 and the PR that shipped
 * it, told as a story; a review and a 2019 ticket outside it; two shown
 * peer testimonials, one with Markdown and HTML in every field). Run with
 * UPDATE_FIXTURES=1 to rewrite tests/unit/__golden__/packet-*.md, then read
 * the diff by eye.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SENIOR_ENGINEER } from '../../shared/rubric';
import type { PacketMarkdownInput } from '../../shared/packet';
import { parsePacketFormat, renderPacket, PACKET_FORMATS } from '../../shared/packets/index';
import { countWords, metaPacket } from '../../shared/packets/meta';
import { principlesOf } from '../../shared/packets/amazon';
import { storiesForShare } from '../../shared/story';
import type { Story } from '../../shared/schemas';
import type { PeerQuote, Testimonial } from '../../shared/testimonials';
import { fromDraft, IDS, syncWork } from './helpers/story-fixtures';

const UPDATE = process.env.UPDATE_FIXTURES === '1';
const NOTE = 'PRIVATE-STORY-NOTE';
const HIDDEN = 'HIDDEN-TESTIMONIAL-TEXT';

/** Shown testimonials: one about the story's PR, one (hostile Markdown) about the review. */
function quotes(): PeerQuote[] {
  return [
    {
      id: 't1',
      evidenceIds: [IDS.pr],
      name: 'Sam Lee',
      relationship: 'Staff engineer, Sync team',
      text: 'She found the clock-skew bug nobody else saw, wrote the RFC, and our lost-edit tickets stopped within a week.',
      competencies: [],
    },
    {
      id: 't2',
      evidenceIds: [IDS.artsy],
      name: 'Min *Lee* <img src=x onerror=alert(1)>',
      relationship: '[Tech lead](javascript:alert(1))',
      text: 'Her review asked for a span per exec call.\n# Not a heading\n<script>alert(1)</script> On-call now sees slow git commands.',
      competencies: [],
    },
  ];
}

function caseInput(): PacketMarkdownInput {
  const { rfc, ticket, pr } = syncWork();
  const review = fromDraft('github-pr--merged-files-tab-2019', IDS.artsy, {
    kind: 'code-review',
    role: 'reviewer',
    occurredOn: '2026-11-02',
    claim: 'Asked for a span per exec call, so on-call can see slow git commands.',
    competencies: ['multiplier'],
    people: ['Min Lee'],
  });
  const old = fromDraft('jira--server-resolved-bug-TST-8', IDS.tst8, {
    occurredOn: '2026-03-10',
    claim: 'I found the root cause of the resolution bug and fixed it.',
    impact: 'Support tickets about it went from 14 a month to 0.',
    competencies: ['ownership'],
  });
  const story: Story = {
    id: '01JD3K8Q2VZ70000000000STRY',
    title: 'Versioned sync API',
    problem: "Two devices overwrote each other's edits; support noticed first, with 12 reports a week.",
    approach: 'I wrote the RFC, chose hybrid logical clocks over CRDTs, and split the rollout into tickets.',
    outcome: 'Lost edits went from 12 a week to 0; two other teams adopted the protocol',
    evidenceIds: [IDS.pr, IDS.rfc, IDS.ticket],
    scope: ['architecture', 'cross-team'],
    privateNote: NOTE,
    updatedAt: '2026-11-20T09:00:00.000Z-0000-01JD3K8Q2VZ7',
    deletedAt: null,
  };
  const evidence = [rfc, ticket, pr, review, old];
  return {
    ownerName: 'Dana Okafor',
    label: 'H2 2026 calibration',
    scope: { from: '2026-01-01', to: '2026-12-31' },
    rubric: SENIOR_ENGINEER,
    evidence,
    weeklyLogs: [],
    generatedAt: '2026-11-20T12:00:00.000Z',
    stories: storiesForShare([story], new Set(evidence.map((e) => e.id))),
    testimonials: quotes(),
  };
}

function golden(name: string, text: string): void {
  const path = fileURLToPath(new URL(`./__golden__/${name}`, import.meta.url));
  if (UPDATE || !existsSync(path)) {
    if (!UPDATE) throw new Error(`missing golden file ${name}: run with UPDATE_FIXTURES=1`);
    writeFileSync(path, text);
  }
  expect(text).toBe(readFileSync(path, 'utf8'));
}

describe('packet formats', () => {
  for (const format of PACKET_FORMATS) {
    it(`${format}: matches its golden file, never carries the private note, leads with the story`, () => {
      const text = renderPacket(format, caseInput());
      golden(`packet-${format}.md`, text);
      expect(text).not.toContain(NOTE);
      expect(text).toContain('Versioned sync API');
      expect(text.endsWith('\n')).toBe(true);
    });
  }

  for (const format of PACKET_FORMATS) {
    it(`${format}: quotes shown testimonials with name and relationship, escaped; a hidden one never`, () => {
      const hidden: Testimonial = {
        ...quotes()[0]!,
        id: 't3',
        requestId: 'r3',
        text: `${HIDDEN} and more words to pass forty characters.`,
        name: 'Hidden Person',
        createdAt: '2026-11-19T10:00:00.000Z',
        hidden: true,
      };
      const input = caseInput();
      const text = renderPacket(format, { ...input, testimonials: [...input.testimonials!, hidden] });
      expect(text).toContain('clock-skew bug nobody else saw');
      expect(text).toContain('Sam Lee, Staff engineer, Sync team');
      expect(text).toContain('span per exec call');
      expect(text).not.toContain(HIDDEN);
      expect(text).not.toContain('Hidden Person');
      // Escaped as the default packet escapes: backslash escapes, so nothing renders as markup.
      expect(text).toContain('Min \\*Lee\\* \\<img src=x onerror=alert(1)\\>, \\[Tech lead\\](javascript\\:alert(1))');
      expect(text).not.toMatch(/(?<!\\)<(script|img)/);
      expect(text).not.toMatch(/javascript:/);
      expect(text).not.toMatch(/^[ >]*# Not a heading/m);
    });
  }

  it('senior: stories come before the calibration summary and the competency sections', () => {
    const text = renderPacket('senior', caseInput());
    expect(text.indexOf('## Stories')).toBeLessThan(text.indexOf('## Calibration summary'));
    expect(text).toContain('- Story: **Versioned sync API** (3 items)');
  });

  it('amazon: maps the story to Leadership Principles from its scope, competencies and numbers', () => {
    expect(principlesOf({ scope: ['incident'], competencyIds: ['ownership'], outcome: 'MTTR down 40%' })).toEqual([
      'Ownership',
      'Insist on the Highest Standards',
      'Deliver Results',
    ]);
    expect(principlesOf({ scope: [], competencyIds: [], outcome: '' })).toEqual(['Ownership']);
  });

  it('meta: stays within the word budget and says what it left out', () => {
    const input = caseInput();
    const full = metaPacket(input);
    expect(countWords(full)).toBeLessThanOrEqual(1000);
    const tight = metaPacket(input, { wordBudget: 120 });
    expect(countWords(tight)).toBeLessThanOrEqual(120);
    expect(tight).toMatch(/left out to stay within 120 words/);
    expect(countWords('**Impact.** Lost edits went from 12 to 0 <https://x.example/a>')).toBe(8);
  });

  it('an unknown format falls back to the default packet', () => {
    expect(parsePacketFormat('google')).toBe('google');
    expect(parsePacketFormat('<script>')).toBe('senior');
    expect(parsePacketFormat(undefined)).toBe('senior');
  });
});
