/**
 * Outcome follow-ups in the weekly digest (docs/DESIGN.md "Outcome
 * follow-ups"): up to 5 items due, each linking to `/open/follow-up?id=…`,
 * in both parts; and the page that link opens. Run in workerd.
 */
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../shared/schemas';
import { composeDigest } from '../../worker/render/digest';
import { sampleDigest, sampleEvidence } from './render-fixtures';
import { fixtures, select } from './render-load';
import { call, expectCapabilityHeaders } from './helpers';

const FOLLOW_UP = 'https://casebook.example/open/follow-up';

/** `n` PRs from 2019-01-02 onwards (30 to 120 days before the sample digest's 12 Apr 2019) with no number in their impact. */
function duePrs(n: number): Evidence[] {
  const base = sampleEvidence(fixtures)[0]!;
  return Array.from({ length: n }, (_, i) => ({
    ...base,
    id: `01HW${String(i).padStart(22, '0')}`,
    kind: 'pull-request' as const,
    title: `Old PR ${i + 1} <b>`,
    occurredOn: `2019-01-${String(20 + i).padStart(2, '0')}`,
    capturedAt: `2019-01-${String(20 + i).padStart(2, '0')}T10:00:00.000Z`,
    impact: 'Shipped it',
  }));
}

describe('digest follow-ups', () => {
  it('lists up to 5 items due, oldest first, each linking to the follow-up page, in both parts', async () => {
    const evidence = [...sampleEvidence(fixtures), ...duePrs(7)];
    const base = sampleDigest(fixtures, { evidence });
    const digest = composeDigest({ ...base, links: { ...base.links, followUp: FOLLOW_UP } });
    const headings = (await select(digest.html, 'h2')).map((h) => h.text);
    expect(headings).toContain('What happened after?');
    const links = (await select(digest.html, 'a'))
      .map((a) => a.attrs.href ?? '')
      .filter((h) => h.startsWith(FOLLOW_UP));
    expect(links).toEqual(duePrs(5).map((e) => `${FOLLOW_UP}?id=${e.id}`));
    expect(digest.html).toContain('Old PR 1 &lt;b&gt;');
    expect(digest.html).not.toContain('Old PR 6');
    for (const l of links) expect(digest.text).toContain(l);
    expect(digest.text).toContain('WHAT HAPPENED AFTER?');
  });

  it('leaves the section out when nothing is due or no link base is given', async () => {
    // The sample's Jira ticket (15 Feb 2019, no number in its impact) is due: give it one.
    const answered = sampleEvidence(fixtures).map((e) => ({ ...e, impact: `${e.impact} Saved 2 hours a week.` }));
    const base = sampleDigest(fixtures, { evidence: answered });
    const none = composeDigest({ ...base, links: { ...base.links, followUp: FOLLOW_UP } });
    expect(none.html).not.toContain('What happened after?');
    const noLink = composeDigest(sampleDigest(fixtures, { evidence: [...sampleEvidence(fixtures), ...duePrs(2)] }));
    expect(noLink.html).not.toContain('What happened after?');
  });

  it('skips items answered with a number, snoozed or dismissed', () => {
    const [a, b, c, d] = duePrs(4);
    const evidence = [
      { ...a!, impact: 'Errors down 40%' },
      { ...b!, followUp: { snoozedUntil: '2019-05-01' } },
      { ...c!, followUp: { dismissedAt: '2019-04-01T10:00:00.000Z' } },
      d!,
    ];
    const base = sampleDigest(fixtures, { evidence });
    const digest = composeDigest({ ...base, links: { ...base.links, followUp: FOLLOW_UP } });
    expect(digest.text).toContain(`${FOLLOW_UP}?id=${d!.id}`);
    for (const e of [a, b, c]) expect(digest.text).not.toContain(`?id=${e!.id}`);
  });

  it('/open/follow-up explains how to open the panel on the item', async () => {
    const res = await call('/open/follow-up?id=01HW0000000000000000000001');
    expect(res.status).toBe(200);
    expectCapabilityHeaders(res);
    const html = await res.text();
    expect(html).toContain('What happened after?');
    expect(html).toContain('Alt</kbd>+');
    const hostile = await (await call('/open/follow-up?id=%3Cscript%3E')).text();
    expect(hostile).not.toContain('<script>');
  });
});
