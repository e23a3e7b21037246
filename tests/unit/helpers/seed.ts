/**
 * Deterministic, realistic evidence for library, search and end-to-end tests:
 * a year of a mid-level engineer's work (PRs authored and reviewed, design
 * docs, tickets, incidents, mentoring) spread over the weeks before `asOf`.
 * Every record is a valid `Evidence` (checked by the tests that use it).
 */
import type { Evidence, Goal, Kind, Role, Source, WeeklyLog } from '../../../shared/schemas';

/** A small deterministic PRNG (mulberry32) so runs are repeatable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A valid ULID whose time part is `ms` and random part comes from `n`. */
export function fakeUlid(ms: number, n: number): string {
  let time = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let rand = '';
  let r = n;
  for (let i = 0; i < 16; i++) {
    rand = CROCKFORD[r % 32] + rand;
    r = Math.floor(r / 32);
  }
  return time + rand;
}

const REPOS = ['acme/payments-api', 'acme/web-checkout', 'acme/ledger', 'acme/platform-infra', 'acme/mobile-app'];
const PEOPLE = ['Priya Shah', 'Tomás Ortega', 'Mei Chen', 'Jonas Berg', 'Aisha Bello', 'Sam Rivera'];
const TOPICS = [
  'idempotency keys for refunds',
  'retry budget in the payment client',
  'ledger reconciliation job',
  'checkout latency regression',
  'feature flag cleanup',
  'API versioning',
  'on-call runbook',
  'schema migration for invoices',
  'rate limiter for webhooks',
  'currency rounding bug',
  'search indexing pipeline',
  'dead-letter queue alerts',
];

interface Template {
  source: Source;
  kind: Kind;
  role: Role;
  title: (topic: string, n: number) => string;
  claim: (topic: string, person: string) => string;
  impact: (n: number) => string;
  competencies: string[];
}

const TEMPLATES: Template[] = [
  {
    source: 'github-pr',
    kind: 'pull-request',
    role: 'author',
    title: (t) => `Add ${t}`,
    claim: (t) => `I designed and shipped ${t}, splitting the change into three reviewable steps.`,
    impact: (n) => `Cut failed payouts by ${n}% in the first week after release.`,
    competencies: ['ownership', 'technical-leadership'],
  },
  {
    source: 'github-pr',
    kind: 'code-review',
    role: 'reviewer',
    title: (t) => `Review: refactor ${t}`,
    claim: (t, p) => `I reviewed ${p}'s change to ${t} and proposed a simpler state machine that they adopted.`,
    impact: (n) => `Removed ${n} lines of branching logic; the pattern is now in our review checklist.`,
    competencies: ['multiplier'],
  },
  {
    source: 'google-docs',
    kind: 'design-doc',
    role: 'author',
    title: (t) => `Design doc: ${t}`,
    claim: (t) => `I wrote the one-page problem statement for ${t} and drove the decision in the architecture review.`,
    impact: (n) => `Three teams adopted the approach; saved an estimated ${n} engineer-days of rework.`,
    competencies: ['ambiguity', 'communication', 'technical-leadership'],
  },
  {
    source: 'jira',
    kind: 'ticket',
    role: 'assignee',
    title: (t, n) => `PAY-${1000 + n}: ${t}`,
    claim: (t) => `I took ownership of ${t} after noticing it in the error budget report, unassigned.`,
    impact: (n) => `Error rate down from ${n / 10}% to 0.1%.`,
    competencies: ['ownership'],
  },
  {
    source: 'confluence',
    kind: 'incident',
    role: 'owner',
    title: (t) => `Postmortem: ${t} outage`,
    claim: (t) => `I led the incident response for ${t} and wrote the postmortem with five follow-ups.`,
    impact: (n) => `Time to recovery for the same class of failure went from ${n} minutes to 6.`,
    competencies: ['ownership', 'judgment'],
  },
  {
    source: 'manual',
    kind: 'mentoring',
    role: 'mentor',
    title: (_t, n) => `Mentoring session ${n}`,
    claim: (t, p) => `I paired with ${p} on ${t} and let them drive the design while I asked questions.`,
    impact: () => `They shipped their first cross-team change on their own.`,
    competencies: ['multiplier'],
  },
  {
    source: 'web',
    kind: 'talk',
    role: 'author',
    title: (t) => `Tech talk: lessons from ${t}`,
    claim: (t) => `I presented what we learned from ${t} at the engineering all-hands.`,
    impact: (n) => `${n} engineers attended; two teams asked for the runbook.`,
    competencies: ['communication'],
  },
  {
    source: 'github-pr',
    kind: 'pull-request',
    role: 'author',
    title: (t) => `Fix ${t}`,
    claim: (t) => `I pushed back on the timeline for ${t} with a written alternative and fixed the root cause instead.`,
    impact: () => '',
    competencies: [],
  },
];

/** `YYYY-MM-DD` of `asOf` minus `days`. */
function minusDays(asOf: string, days: number): string {
  return new Date(Date.parse(`${asOf}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * `count` evidence items dated over the `spanDays` days ending on `asOf`
 * (newest first in id order is not guaranteed). Deterministic for a given seed.
 */
export function seedEvidence(
  count: number,
  opts: { asOf?: string; spanDays?: number; seed?: number } = {},
): Evidence[] {
  const asOf = opts.asOf ?? '2026-11-20';
  const span = opts.spanDays ?? 365;
  const rand = rng(opts.seed ?? 42);
  const out: Evidence[] = [];
  const base = Date.parse(`${asOf}T18:00:00Z`);
  for (let i = 0; i < count; i++) {
    const tpl = TEMPLATES[Math.floor(rand() * TEMPLATES.length)] as Template;
    const topic = TOPICS[Math.floor(rand() * TOPICS.length)] as string;
    const person = PEOPLE[Math.floor(rand() * PEOPLE.length)] as string;
    const repo = REPOS[Math.floor(rand() * REPOS.length)] as string;
    const n = 10 + Math.floor(rand() * 90);
    const daysAgo = Math.floor(rand() * span);
    const occurredOn = minusDays(asOf, daysAgo);
    const number = 100 + i;
    const captured = base - daysAgo * 86_400_000 + i;
    const capturedAt = new Date(captured).toISOString();
    const url =
      tpl.source === 'github-pr'
        ? `https://github.com/${repo}/pull/${number}`
        : tpl.source === 'jira'
          ? `https://acme.atlassian.net/browse/PAY-${1000 + i}`
          : tpl.source === 'manual'
            ? ''
            : `https://docs.example.com/${tpl.kind}/${i}`;
    const meta: Record<string, unknown> =
      tpl.source === 'github-pr'
        ? {
            repo,
            number,
            state: 'merged',
            author: tpl.role === 'author' ? 'ada' : 'mei-chen',
            additions: n * 7,
            deletions: n * 3,
            reviewers: ['priya-s'],
          }
        : tpl.source === 'jira'
          ? { key: `PAY-${1000 + i}`, project: 'PAY', status: 'Done', storyPoints: 3 }
          : {};
    out.push({
      id: fakeUlid(captured, i),
      source: tpl.source,
      kind: tpl.kind,
      role: tpl.role,
      url,
      title: tpl.title(topic, i),
      occurredOn,
      capturedAt,
      claim: tpl.claim(topic, person),
      impact: tpl.impact(n),
      metrics: tpl.source === 'github-pr' ? [{ label: 'Lines changed', value: n * 10 }] : [],
      competencies: [...tpl.competencies],
      tags: rand() < 0.3 ? ['q-goal'] : [],
      people: tpl.kind === 'mentoring' || tpl.kind === 'code-review' ? [person] : [],
      meta,
      privateNote: '',
      updatedAt: `${capturedAt}-0000-SEEDDEVICE`,
      deletedAt: null,
    });
  }
  return out;
}

/** A weekly log for `week` with realistic answers. */
export function seedWeeklyLog(week: string, n = 1): WeeklyLog {
  return {
    id: fakeUlid(Date.parse('2026-11-20T12:00:00Z') + n, 900_000 + n),
    week,
    shipped: 'Idempotency keys for refunds (payments-api #412); the retry budget for the payment client.',
    decisions: 'Chose a per-merchant token bucket over a global limiter after load-testing both.',
    helped: 'Paired with Mei on the ledger reconciliation job; she now owns the on-call runbook.',
    impact: 'Duplicate refunds down from 14 a week to 0; checkout p95 back under 300 ms.',
    updatedAt: `2026-11-20T12:00:00.000Z-000${n % 10}-SEEDDEVICE`,
    deletedAt: null,
  };
}

/** A few goals agreed with the manager. */
export function seedGoals(): Goal[] {
  const g = (n: number, competency: string, description: string, dueOn: string | null, status: Goal['status']) => ({
    id: fakeUlid(Date.parse('2026-09-01T12:00:00Z') + n, 800_000 + n),
    competency,
    description,
    dueOn,
    status,
    updatedAt: `2026-09-01T12:00:00.00${n}Z-0000-SEEDDEVICE`,
    deletedAt: null,
  });
  return [
    g(1, 'communication', 'Present the payments roadmap at the product review', '2026-12-15', 'in-progress'),
    g(2, 'multiplier', 'Mentor a new hire through their first on-call rotation', '2027-01-31', 'open'),
    g(3, 'technical-leadership', 'Write the design doc for multi-currency settlement', '2026-10-30', 'done'),
  ];
}
