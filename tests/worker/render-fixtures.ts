/**
 * Real-looking evidence for the renderer tests, built from the real fixtures
 * in tests/fixtures/github and tests/fixtures/jira (see tests/fixtures/SOURCES.md): titles, URLs,
 * dates and numbers come from the fixture files; claims, impact, competencies
 * and the few `manual` items are written for the test. Callers pass the
 * parsed fixtures in, so the same builder serves the workerd tests (which
 * import the files through Vite) and a Node preview script (which reads them).
 */
import type { Evidence, WeeklyLog } from '../../shared/schemas';
import { SENIOR_ENGINEER } from '../../shared/rubric';
import type { DigestInput, ShareCaseInput } from '../../worker/render/types';

/** The fixture files the builder reads. */
export interface RenderFixtures {
  /** github/html-pr-files-tab-merged-sourcegraph-3257-2019.excerpt.html */
  pr3257Html: string;
  /** github/rest-pull-merged-github3py-671.json */
  pr671: PullJson;
  /** github/rest-pull-reviews-github3py-671.json */
  reviews671: { user: { login: string } | null; state: string; submitted_at?: string }[];
  /** github/rest-pull-merged-artsy-emission-327.json */
  pr327: PullJson;
  /** jira/webhook-cloud-issue-updated-story-done-TES-41.json */
  jiraTes41: {
    issue: {
      key: string;
      self: string;
      fields: { summary: string; resolutiondate: string; issuetype: { name: string }; status: { name: string } };
    };
  };
}

/** The fields of GitHub's `GET /repos/{o}/{r}/pulls/{n}` answer the builder uses. */
export interface PullJson {
  number: number;
  title: string;
  html_url: string;
  merged_at: string | null;
  user: { login: string };
  additions: number;
  deletions: number;
  changed_files: number;
  commits: number;
  review_comments: number;
  base: { repo: { full_name: string } };
}

/** The private note text planted on every item; it must never be rendered. */
export const PRIVATE_MARK = 'PRIVATE-NOTE-do-not-share';

let seq = 0;
function ulid(): string {
  seq += 1;
  return `01HV${String(seq).padStart(22, '0')}`;
}

function hlc(at: string): string {
  return `${at.replace(/Z$/, '').padEnd(23, '.000').slice(0, 23)}Z-0000-dev1`;
}

function item(
  fields: Omit<Evidence, 'id' | 'updatedAt' | 'deletedAt' | 'privateNote' | 'tags' | 'people' | 'meta'> &
    Partial<Evidence>,
): Evidence {
  return {
    id: ulid(),
    tags: [],
    people: [],
    meta: {},
    privateNote: `${PRIVATE_MARK}: salary talk, do not share`,
    updatedAt: hlc(fields.capturedAt),
    deletedAt: null,
    ...fields,
  };
}

function fromPull(pr: PullJson): Pick<Evidence, 'url' | 'title' | 'occurredOn'> & { meta: Record<string, unknown> } {
  return {
    url: pr.html_url,
    title: pr.title,
    occurredOn: (pr.merged_at ?? '').slice(0, 10),
    meta: {
      repo: pr.base.repo.full_name,
      number: pr.number,
      state: pr.merged_at ? 'merged' : 'closed',
      author: pr.user.login,
      mergedAt: pr.merged_at,
      additions: pr.additions,
      deletions: pr.deletions,
      changedFiles: pr.changed_files,
      commits: pr.commits,
    },
  };
}

/** Facts read from the 2019 sourcegraph#3257 page: title, canonical URL, merge time, counters. */
export function parsePr3257(html: string): {
  title: string;
  url: string;
  mergedAt: string;
  commits: number;
  files: number;
} {
  const title = /<title>\s*([^<]*?)\s*<\/title>/.exec(html)?.[1] ?? '';
  const url = /og:url" content="([^"]+)"/.exec(html)?.[1] ?? '';
  const mergedAt = /datetime="([^"]+)"/.exec(html)?.[1] ?? '';
  const counter = (id: string) => Number(new RegExp(`id="${id}"[^>]*>\\s*(\\d+)`).exec(html)?.[1] ?? NaN);
  return {
    // "gitserver: Use opentracing for exec endpoint by keegancsmith · Pull Request #3257 · sourcegraph/sourcegraph"
    title: title.replace(/ by \S+ · Pull Request #\d+ · .*$/, ''),
    url,
    mergedAt,
    commits: counter('commits_tab_counter'),
    files: counter('files_tab_counter'),
  };
}

/**
 * Nine evidence items spanning 2016-10 to 2019-04, as a user would have
 * clipped them. Three belong to ISO week 2019-W15 (8 to 14 Apr 2019): the
 * sourcegraph#3257 PR merged that week, and two items clipped that week
 * (the github3py#671 review and the untagged Jira story TES-41). The last
 * item is hostile: `javascript:` URL, Markdown link and HTML in the title,
 * `<script>` in the claim.
 */
export function sampleEvidence(fx: RenderFixtures): Evidence[] {
  seq = 0;
  const p3257 = parsePr3257(fx.pr3257Html);
  const reviewers671 = [...new Set(fx.reviews671.map((r) => r.user?.login).filter((l): l is string => !!l))];
  const pr671 = fromPull(fx.pr671);
  const pr327 = fromPull(fx.pr327);
  const jira = fx.jiraTes41.issue;
  return [
    item({
      source: 'github-pr',
      kind: 'pull-request',
      role: 'author',
      url: p3257.url,
      title: p3257.title,
      occurredOn: p3257.mergedAt.slice(0, 10),
      capturedAt: '2019-04-10T09:12:00.000Z',
      claim:
        'I added OpenTracing spans to the gitserver exec endpoint, so a slow git command now shows up in a trace with its arguments and duration.',
      impact:
        'First step of the gitserver observability plan (#3253): on-call can see which repository and command is slow without ssh-ing into the box.',
      metrics: [
        { label: 'Commits', value: p3257.commits },
        { label: 'Files changed', value: p3257.files },
      ],
      competencies: ['technical-leadership', 'ownership'],
      meta: { repo: 'sourcegraph/sourcegraph', number: 3257, state: 'merged', mergedAt: p3257.mergedAt },
    }),
    item({
      source: 'github-pr',
      kind: 'code-review',
      role: 'reviewer',
      ...pr671,
      capturedAt: '2019-04-09T16:40:00.000Z',
      claim:
        'I reviewed the pull request reviews API support and asked for pagination and a test cassette, which the author added before merge.',
      impact: `${fx.reviews671.length} review rounds with ${reviewers671.length} reviewers; the feature shipped with tests on the first release.`,
      metrics: [
        { label: 'Review comments', value: fx.pr671.review_comments },
        { label: 'Lines added', value: fx.pr671.additions },
      ],
      competencies: ['multiplier'],
      people: [fx.pr671.user.login],
    }),
    item({
      source: 'github-pr',
      kind: 'pull-request',
      role: 'author',
      ...pr327,
      capturedAt: '2019-03-01T08:00:00.000Z',
      claim: 'I built the Gene view: metadata and trending artists, end to end from API query to native view.',
      impact: 'Gene pages became browsable in the app for the autumn launch.',
      metrics: [
        { label: 'Lines added', value: fx.pr327.additions },
        { label: 'Lines deleted', value: fx.pr327.deletions },
        { label: 'Files changed', value: fx.pr327.changed_files },
        { label: 'Commits', value: fx.pr327.commits },
      ],
      competencies: ['ownership'],
    }),
    item({
      source: 'jira',
      kind: 'ticket',
      role: 'assignee',
      url: 'https://some-instance-test.atlassian.net/browse/' + jira.key,
      title: `${jira.key}: ${jira.fields.summary}`,
      occurredOn: jira.fields.resolutiondate.slice(0, 10),
      capturedAt: '2019-04-11T12:00:00.000Z',
      claim: '',
      impact: '',
      metrics: [],
      competencies: [],
      meta: { key: jira.key, issueType: jira.fields.issuetype.name, status: jira.fields.status.name },
    }),
    item({
      source: 'manual',
      kind: 'design-doc',
      role: 'owner',
      url: '',
      title: 'Gitserver observability: one-page problem statement',
      occurredOn: '2019-03-20',
      capturedAt: '2019-03-20T17:00:00.000Z',
      claim:
        'I wrote the one-page problem statement for gitserver observability and drove the team to pick tracing over more logging.\nThe decision record lists the three options and why two were dropped.',
      impact: 'Agreed in one review meeting; became the plan of record for Q2.',
      metrics: [{ label: 'Reviewers', value: 4 }],
      competencies: ['ambiguity', 'communication'],
    }),
    item({
      source: 'manual',
      kind: 'mentoring',
      role: 'mentor',
      url: '',
      title: 'Weekly pairing with a new teammate on the search backend',
      occurredOn: '2019-01-15',
      capturedAt: '2019-01-15T10:00:00.000Z',
      claim:
        'I paired weekly with a new teammate on how the search backend fans out to gitserver, not just on Go syntax.',
      impact: 'They shipped their first on-call fix alone after three weeks.',
      metrics: [{ label: 'Weeks to first solo fix', value: 3 }],
      competencies: ['multiplier'],
      people: ['new teammate'],
    }),
    item({
      source: 'manual',
      kind: 'other',
      role: 'owner',
      url: '',
      title: 'Said no to shipping code intelligence without rate limits',
      occurredOn: '2019-01-30',
      capturedAt: '2019-01-30T10:00:00.000Z',
      claim: 'I pushed back on the launch date with a written risk list; we shipped two weeks later with rate limits.',
      impact: 'No gitserver overload during launch week.',
      metrics: [{ label: 'Delay', value: 14, unit: 'days' }],
      competencies: ['judgment'],
    }),
    item({
      source: 'manual',
      kind: 'talk',
      role: 'owner',
      url: '',
      title: 'Explained the search latency trade-off to product',
      occurredOn: '2018-10-22',
      capturedAt: '2018-10-22T10:00:00.000Z',
      claim: 'I explained why p99 latency and index freshness trade against each other, with a chart.',
      impact: 'Product chose freshness for enterprise customers.',
      metrics: [{ label: 'p99 latency', value: 850, unit: 'ms' }],
      competencies: ['communication'],
    }),
    item({
      source: 'web',
      kind: 'other',
      role: 'contributor',
      url: 'javascript:alert(1)',
      title: 'Evil [click me](https://evil.example) <b>bold</b> https://evil.example/x',
      occurredOn: '2018-11-05',
      capturedAt: '2018-11-05T10:00:00.000Z',
      claim: '<script>alert("pwned")</script> and **not bold**',
      impact: '# not a heading\n- not a list',
      metrics: [],
      competencies: ['communication'],
    }),
  ];
}

/** Two weekly logs (2019-W15 with all four answers, 2019-W14 with one). */
export function sampleWeeklyLogs(): WeeklyLog[] {
  return [
    {
      id: ulid(),
      week: '2019-W15',
      shipped: 'Tracing for the gitserver exec endpoint (#3257).',
      decisions: 'Tracing over more logging for gitserver.',
      helped: 'Reviewed the github3.py reviews API PR; paired with the new teammate on search.',
      impact: 'On-call can see slow git commands in traces.',
      updatedAt: hlc('2019-04-12T16:00:00.000Z'),
      deletedAt: null,
    },
    {
      id: ulid(),
      week: '2019-W14',
      shipped: 'Problem statement reviewed <em>and agreed</em>.',
      decisions: '',
      helped: '',
      impact: '',
      updatedAt: hlc('2019-04-05T16:00:00.000Z'),
      deletedAt: null,
    },
  ];
}

/** A share of the whole sample case, generated 20 Apr 2019. */
export function sampleShare(fx: RenderFixtures, over: Partial<ShareCaseInput> = {}): ShareCaseInput {
  return {
    ownerName: 'Ada Example',
    label: 'H1 2019 calibration',
    scope: { from: '2016-07-01', to: '2019-04-20', includeWeeklyLogs: true },
    rubric: SENIOR_ENGINEER,
    evidence: sampleEvidence(fx),
    weeklyLogs: sampleWeeklyLogs(),
    generatedAt: '2019-04-20T10:00:00.000Z',
    packetUrl: 'https://casebook.example/s/TOKEN123/packet.md',
    ...over,
  };
}

/** The digest of ISO week 2019-W15, composed on Friday 12 Apr 2019 at 16:00 UTC. */
export function sampleDigest(fx: RenderFixtures, over: Partial<DigestInput> = {}): DigestInput {
  return {
    user: { displayName: 'Ada', email: 'ada@example.com' },
    week: '2019-W15',
    now: '2019-04-12T16:00:00.000Z',
    rubric: SENIOR_ENGINEER,
    evidence: sampleEvidence(fx),
    weeklyLog: sampleWeeklyLogs()[0] ?? null,
    links: {
      viewInBrowser: 'https://casebook.example/d/DIGESTTOKEN',
      unsubscribe: 'https://casebook.example/unsubscribe/UNSUBTOKEN',
    },
    ...over,
  };
}
