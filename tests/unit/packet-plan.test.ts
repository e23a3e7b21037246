/**
 * The packet's goals and signals sections (shared/packet-plan.ts), and arrows
 * in packet text (`->` reads as typed, not `-\>`).
 */
import { describe, expect, it } from 'vitest';
import { goalsAndSignalsMarkdown } from '../../shared/packet-plan';
import { escapeMarkdownBlock, escapeMarkdownInline } from '../../shared/packet';
import { SENIOR_ENGINEER } from '../../shared/rubric';
import type { Goal } from '../../shared/schemas';
import { seedEvidence, seedGoals } from './helpers/seed';

describe('goalsAndSignalsMarkdown', () => {
  it('lists live goals in rubric order and each linked signal with its evidence', () => {
    const goals: Goal[] = [
      ...seedGoals(),
      {
        ...seedGoals()[0]!,
        id: '01HW0000000000000000000099',
        description: 'Gone <b>',
        deletedAt: '2026-01-01T00:00:00.000Z',
      },
    ];
    const [a, b] = seedEvidence(2, { asOf: '2026-11-20', spanDays: 30 });
    const evidence = [
      { ...a!, title: 'Wrote the *retry* RFC', occurredOn: '2026-11-02', tags: ['signal:communication:0'] },
      { ...b!, title: 'Ran the incident review', occurredOn: '2026-11-10', tags: ['signal:ownership:2', 'q-goal'] },
    ];
    const md = goalsAndSignalsMarkdown(SENIOR_ENGINEER, goals, evidence);
    expect(md).toContain('## Goals');
    for (const g of seedGoals()) expect(md).toContain(g.description.replace(/[*_[\]<>`|~&\\]/g, (c) => `\\${c}`));
    expect(md).not.toContain('Gone');
    expect(md).toContain('## Signals shown');
    expect(md).toContain(`- **Ownership and scope:** ${SENIOR_ENGINEER.competencies[0]!.signals[2]}`);
    expect(md).toContain('  - Ran the incident review (10 Nov 2026)');
    expect(md).toContain('  - Wrote the \\*retry\\* RFC (2 Nov 2026)');
    expect(md.indexOf('Ownership and scope:')).toBeLessThan(md.indexOf('Communication and influence:'));
  });

  it('is empty with no goals and no linked signals', () => {
    expect(goalsAndSignalsMarkdown(SENIOR_ENGINEER, [], seedEvidence(3))).toBe('');
  });
});

describe('arrows in packet text', () => {
  it('keeps -> and => as typed, and still escapes a tag or a leading quote', () => {
    expect(escapeMarkdownInline('p95 300 ms -> 120 ms => a win')).toBe('p95 300 ms -> 120 ms => a win');
    expect(escapeMarkdownInline('<b>bold</b>')).toBe('\\<b\\>bold\\</b\\>');
    expect(escapeMarkdownBlock('first\n> quoted\n-> arrow', '  ')).toBe('first  \n  \\> quoted  \n  \\-> arrow');
  });
});
