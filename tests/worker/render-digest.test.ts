/**
 * The weekly digest composer (`composeDigest`), run in workerd on evidence
 * built from the real fixtures; the HTML is parsed back with HTMLRewriter.
 */
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../shared/schemas';
import { composeDigest, DIGEST_HTML_BUDGET } from '../../worker/render/digest';
import { PRIVATE_MARK, sampleDigest, sampleEvidence } from './render-fixtures';
import { fixtures, select } from './render-load';

const input = sampleDigest(fixtures);
const digest = composeDigest(input);
const bytes = (s: string) => new TextEncoder().encode(s).length;

/** `count` items dated in 2019-W15 with long, realistic text, built from the #3257 item. */
function busyWeek(count: number): Evidence[] {
  const base = sampleEvidence(fixtures)[0] as Evidence;
  return Array.from({ length: count }, (_, i) => ({
    ...base,
    id: `01HW${String(i).padStart(22, '0')}`,
    url: `https://github.com/sourcegraph/sourcegraph/pull/${3257 + i}`,
    title: `${base.title} (part ${i + 1}) & follow-up <${i}>`,
    occurredOn: `2019-04-${String(8 + (i % 5)).padStart(2, '0')}`,
    claim: `${base.claim} `.repeat(6),
    impact: `${base.impact} `.repeat(4),
    competencies: [['ownership'], ['multiplier', 'communication'], ['technical-leadership'], [], ['judgment']][
      i % 5
    ] as string[],
  }));
}

describe('composeDigest', () => {
  it('writes a specific subject: the count and the longest-silent competency', () => {
    // One item's work happened in 2019-W15; two were clipped that week for older work (shared/week.ts).
    expect(digest.subject).toBe('1 item this week, nothing on Multiplying others since January');
  });

  it('nudges with a short subject on an empty week, and counts a single item', () => {
    const empty = composeDigest(
      sampleDigest(fixtures, { week: '2019-W20', now: '2019-05-17T16:00:00.000Z', weeklyLog: null }),
    );
    expect(empty.subject).toBe('Nothing clipped this week yet: what did you ship?');
    expect(empty.text).toContain('Nothing clipped this week yet.');
    const one = composeDigest(
      sampleDigest(fixtures, { evidence: sampleEvidence(fixtures).filter((e) => e.occurredOn === '2019-04-08') }),
    );
    expect(one.subject).toBe('1 item this week, nothing on Navigating ambiguity yet');
    const later = composeDigest(sampleDigest(fixtures, { now: '2019-12-20T16:00:00.000Z', week: '2019-W51' }));
    expect(later.subject).toBe('Nothing clipped this week yet: what did you ship?');
  });

  it("groups this week's evidence by competency, with links, and lists untagged items", async () => {
    const headings = (await select(digest.html, 'h3')).map((h) => h.text);
    expect(headings).toEqual(['Ownership and scope']);
    const links = (await select(digest.html, 'a')).map((a) => a.attrs.href);
    // The review (#671) happened before this week: summed up in the imported line, not listed.
    // TES-41 too, but it is untagged, so it is listed under "Still untagged from earlier weeks".
    expect(links).toEqual([
      'https://casebook.example/d/DIGESTTOKEN',
      'https://github.com/sourcegraph/sourcegraph/pull/3257',
      'https://some-instance-test.atlassian.net/browse/TES-41',
      'https://casebook.example/d/DIGESTTOKEN',
      'https://casebook.example/unsubscribe/UNSUBTOKEN',
    ]);
    expect(digest.html).toContain('also Technical leadership');
  });

  it('lists competencies silent for 4+ weeks and a consistency table over the last 4 quarters', async () => {
    expect(digest.html).toContain(
      'Multiplying others</span><span style="color:light-dark(#5f6470,#a3a9b3)">: last evidence 15 Jan 2019',
    );
    const headers = (await select(digest.html, 'th')).map((t) => t.text);
    expect(headers).toEqual(['Competency', 'Q3 2018', 'Q4 2018', 'Q1 2019', 'Q2 2019']);
    const rows = (await select(digest.html, 'tr')).filter((r) => r.text.startsWith('Communication and influence'));
    expect(rows).toHaveLength(1);
    const cells = (await select(digest.html, 'td')).map((t) => t.text);
    const at = cells.indexOf('Communication and influence');
    expect(cells.slice(at, at + 5)).toEqual(['Communication and influence', '0', '2', '1', '0']);
  });

  it("shows the four weekly-log prompts with the user's answers, or the prompts alone", () => {
    for (const prompt of [
      'What did you ship?',
      'What decisions did you make?',
      'Who did you help, and how?',
      'What was the impact?',
    ]) {
      expect(digest.html).toContain(prompt);
      expect(digest.text).toContain(prompt);
    }
    expect(digest.html).toContain('Reviewed the github3.py reviews API PR; paired with the new teammate on search.');
    const noLog = composeDigest(sampleDigest(fixtures, { weeklyLog: null }));
    expect(noLog.html).toContain('Not written yet.');
    expect(noLog.html).not.toContain('Tracing over more logging for gitserver.');
  });

  it('has a plain-text part with the same content and every link', () => {
    const t = digest.text;
    for (const url of [
      'https://github.com/sourcegraph/sourcegraph/pull/3257',
      'https://some-instance-test.atlassian.net/browse/TES-41',
      'View in browser: https://casebook.example/d/DIGESTTOKEN',
      'Unsubscribe: https://casebook.example/unsubscribe/UNSUBTOKEN',
    ]) {
      expect(t).toContain(url);
    }
    expect(t).toContain('- gitserver: Use opentracing for exec endpoint');
    expect(t).toContain('- Multiplying others: last evidence 15 Jan 2019');
    expect(t).toContain('Communication and influence        0       2       1       0');
    expect(t).toContain('1 week in a row with evidence.');
    expect(t).toContain('2 items imported from your history this week.');
    expect(t).toContain('1 item needs a claim (marked Needs claim in your Library).');
    expect(t).not.toMatch(/<[a-z]/i);
  });

  it('escapes user strings, links only http(s) URLs and never shows private notes', async () => {
    const hostile: Evidence = {
      ...(sampleEvidence(fixtures).at(-1) as Evidence),
      occurredOn: '2019-04-09',
      title: '<img src=x onerror=alert(1)> [x](https://evil.example)',
    };
    const leaky = [...sampleEvidence(fixtures), hostile].map((e) => ({ ...e, privateNote: PRIVATE_MARK }));
    const d = composeDigest(
      sampleDigest(fixtures, { evidence: leaky, user: { displayName: '<b>Ada</b>', email: 'ada@example.com' } }),
    );
    expect(d.html).not.toContain(PRIVATE_MARK);
    expect(d.text).not.toContain(PRIVATE_MARK);
    expect(d.html).not.toMatch(/<(img|script|style|link)\b/i);
    expect(d.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(d.html).toContain('Hi &lt;b&gt;Ada&lt;/b&gt;');
    const hrefs = (await select(d.html, 'a')).map((a) => a.attrs.href ?? '');
    for (const h of hrefs)
      expect(h).toMatch(/^https:\/\/(github\.com|some-instance-test\.atlassian\.net|casebook\.example)\//);
    expect(d.text).not.toContain('javascript:');
  });

  it('ignores deleted evidence', () => {
    const evidence = sampleEvidence(fixtures).map((e) =>
      e.occurredOn === '2019-04-08' ? { ...e, deletedAt: '2019-04-10T00:00:00.000Z' } : e,
    );
    const d = composeDigest(sampleDigest(fixtures, { evidence }));
    expect(d.subject).toBe('Nothing clipped this week yet: what did you ship?');
    expect(d.html).not.toContain('gitserver: Use opentracing');
  });

  it('uses inline styles only and is readable in dark mode', () => {
    expect(digest.html.startsWith('<!doctype html>')).toBe(true);
    expect(digest.html).not.toMatch(/<style|<script|<link|class=/i);
    expect(digest.html).toContain('<meta name="color-scheme" content="light dark"/>');
    expect(digest.html).toContain('max-width:600px');
  });

  it('stays under 100 KB for 200 items in one week, listing them all without claims', () => {
    const busy = composeDigest(sampleDigest(fixtures, { evidence: [...sampleEvidence(fixtures), ...busyWeek(200)] }));
    expect(busy.subject).toMatch(/^201 items this week/);
    expect(bytes(busy.html)).toBeLessThan(100 * 1024);
    expect(bytes(busy.html)).toBeLessThanOrEqual(DIGEST_HTML_BUDGET);
    expect(busy.html).toContain('&amp; follow-up &lt;0&gt;');
    // The sample's #3257 plus the 200 busy items, each linked once in the HTML and once in the text.
    const prLinks = /sourcegraph\/sourcegraph\/pull\/\d+/g;
    expect(busy.html.match(prLinks)).toHaveLength(201);
    expect(busy.text.match(prLinks)).toHaveLength(201);
    expect(busy.html).not.toContain('I added OpenTracing spans');
    expect(busy.html).not.toContain('more this week in Casebook');
  });

  it('caps the list of a huge week, and says in both parts how many were left out', () => {
    const huge = composeDigest(sampleDigest(fixtures, { evidence: [...sampleEvidence(fixtures), ...busyWeek(1000)] }));
    expect(bytes(huge.html)).toBeLessThanOrEqual(DIGEST_HTML_BUDGET);
    const hidden = Number(/and (\d+) items more this week in Casebook\./.exec(huge.html)?.[1]);
    expect(hidden).toBeGreaterThan(0);
    expect(huge.text).toContain(`and ${hidden} items more this week in Casebook.`);
    // This week's 1,001 items less the hidden ones, plus TES-41 under "Still untagged from earlier weeks".
    const shown = 1001 - hidden + 1;
    expect(huge.html.match(/<div style="padding:8px 0;border-bottom/g)).toHaveLength(shown);
  });
});
