/**
 * "Impact has a number" and which evidence is due for an outcome follow-up
 * (shared/followup.ts, docs/DESIGN.md "Outcome follow-ups").
 */
import { describe, expect, it } from 'vitest';
import {
  dueFollowUps,
  impactHasNumber,
  isFollowUpDue,
  snoozedFollowUp,
  type FollowUpItem,
} from '../../shared/followup';
import { addDays } from '../../shared/case';

describe('impactHasNumber', () => {
  it.each([
    'Duplicate refunds down from 14 a week to 0',
    'Checkout errors down 40%',
    'Builds 3x faster',
    'p99 at 180 ms',
    'Twelve teams adopted the client',
    'Saved two engineers a day of toil each sprint',
    'Page load halved',
    'Twice as fast on cold start',
    'Made builds x faster for everyone',
    'Cut on-call pages by a dozen a month',
    'Ten times fewer alerts',
    'Saved a hundred hours',
    'Reduced cost by 1.5k USD',
    'Latency 2× lower',
  ])('finds a number in %j', (text) => {
    expect(impactHasNumber(text)).toBe(true);
  });

  it.each([
    '',
    '   ',
    'Shipped the Gene page on iOS',
    'No one gets paged for this any more',
    'The team adopted the one true config',
    'Made on-call calmer',
    'Everyone uses it now',
    'Someone else owns it now',
    'Much faster builds',
  ])('finds no number in %j', (text) => {
    expect(impactHasNumber(text)).toBe(false);
  });
});

describe('isFollowUpDue and dueFollowUps', () => {
  const today = '2026-12-06';
  const item = (days: number, over: Partial<FollowUpItem> = {}): FollowUpItem & { id: string } => ({
    id: `id-${days}`,
    kind: 'pull-request',
    occurredOn: addDays(today, -days),
    impact: 'Shipped it',
    deletedAt: null,
    ...over,
  });

  it('is due from 30 to 120 days after the work, both ends included', () => {
    expect(isFollowUpDue(item(29), today)).toBe(false);
    expect(isFollowUpDue(item(30), today)).toBe(true);
    expect(isFollowUpDue(item(120), today)).toBe(true);
    expect(isFollowUpDue(item(121), today)).toBe(false);
  });

  it('asks only about PRs, tickets, design docs and incidents whose impact has no number', () => {
    for (const kind of ['pull-request', 'ticket', 'design-doc', 'incident'] as const)
      expect(isFollowUpDue(item(60, { kind }), today)).toBe(true);
    for (const kind of ['code-review', 'mentoring', 'talk', 'other'] as const)
      expect(isFollowUpDue(item(60, { kind }), today)).toBe(false);
    expect(isFollowUpDue(item(60, { impact: 'Refunds down 40%' }), today)).toBe(false);
    expect(isFollowUpDue(item(60, { deletedAt: '2026-12-01T00:00:00.000Z' }), today)).toBe(false);
  });

  it('skips dismissed items and snoozed ones until the snooze ends', () => {
    expect(isFollowUpDue(item(60, { followUp: { dismissedAt: '2026-12-01T10:00:00.000Z' } }), today)).toBe(false);
    const snooze = snoozedFollowUp(today);
    expect(snooze).toEqual({ snoozedUntil: '2027-01-05' });
    expect(isFollowUpDue(item(60, { followUp: snooze }), today)).toBe(false);
    expect(isFollowUpDue(item(60, { followUp: snooze }), '2027-01-05')).toBe(true);
  });

  it('lists the due items oldest work first', () => {
    const items = [item(40), item(10), item(100), item(60, { impact: '3x faster' }), item(70)];
    expect(dueFollowUps(items, today).map((e) => e.id)).toEqual(['id-100', 'id-70', 'id-40']);
  });
});

describe('the evidence schema', () => {
  it('keeps followUp (so snoozes and dismissals sync) and rejects a malformed one', async () => {
    const { Evidence } = await import('../../shared/schemas');
    const { seedEvidence } = await import('./helpers/seed');
    const item = seedEvidence(1)[0]!;
    const parsed = Evidence.parse({ ...item, followUp: { snoozedUntil: '2027-01-05' } });
    expect(parsed.followUp).toEqual({ snoozedUntil: '2027-01-05' });
    expect(Evidence.safeParse({ ...item, followUp: { snoozedUntil: 'soon' } }).success).toBe(false);
    expect(Evidence.parse(item).followUp).toBeUndefined();
  });
});
