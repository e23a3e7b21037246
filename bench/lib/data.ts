/**
 * Deterministic, realistic evidence for the benchmarks (a seeded PRNG, so
 * every run measures the same records). Records are valid `Evidence`.
 */
import type { Evidence } from '../../shared/schemas';
import { SENIOR_ENGINEER } from '../../shared/rubric';

/** Mulberry32: small seeded PRNG returning floats in [0, 1). */
export function prng(seed: number): () => number {
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
const VERBS = [
  'Migrated',
  'Designed',
  'Reviewed',
  'Drove',
  'Unblocked',
  'Rewrote',
  'Instrumented',
  'Led',
  'Proposed',
  'Cut',
];
const THINGS = [
  'the billing API',
  'search indexing',
  'the deploy pipeline',
  'gitserver exec tracing',
  'the onboarding guide',
  'cache invalidation',
  'the auth service',
  'flaky CI',
  'the on-call runbook',
  'schema versioning',
];
const REPOS = ['acme/api', 'acme/web', 'acme/infra', 'sourcegraph/sourcegraph', 'acme/search'];

/** A ULID-shaped id from a number (stable, sortable). */
export function benchId(i: number): string {
  let s = '';
  let n = i;
  for (let k = 0; k < 10; k++) {
    s = CROCKFORD[n % 32]! + s;
    n = Math.floor(n / 32);
  }
  return `01JD3K8Q2V${'0'.repeat(6)}${s}`.slice(0, 26);
}

/** `n` evidence records spread over the last two years, ids in order. */
export function makeEvidence(n: number, seed = 42, deviceId = 'BENCHDEVICE01'): Evidence[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const ids = SENIOR_ENGINEER.competencies.map((c) => c.id);
  const start = Date.parse('2024-11-01T00:00:00Z');
  const out: Evidence[] = [];
  for (let i = 0; i < n; i++) {
    const t = start + Math.floor(rnd() * 730) * 86400000;
    const day = new Date(t).toISOString().slice(0, 10);
    const repo = pick(REPOS);
    const num = 1000 + i;
    const title = `${pick(VERBS)} ${pick(THINGS)} (#${num})`;
    out.push({
      id: benchId(i),
      source: 'github-pr',
      kind: rnd() < 0.3 ? 'code-review' : 'pull-request',
      role: rnd() < 0.3 ? 'reviewer' : 'author',
      url: `https://github.com/${repo}/pull/${num}`,
      title,
      occurredOn: day,
      capturedAt: new Date(t + 3600000).toISOString(),
      claim: `I ${pick(VERBS).toLowerCase()} ${pick(THINGS)} and wrote the rollout plan the team followed.`,
      impact: `Cut p95 latency by ${Math.floor(rnd() * 60) + 5}% for ${Math.floor(rnd() * 900) + 100} customers.`,
      metrics: [{ label: 'Lines changed', value: Math.floor(rnd() * 2000) }],
      competencies:
        rnd() < 0.1 ? [] : [pick(ids), ...(rnd() < 0.4 ? [pick(ids)] : [])].filter((v, k, a) => a.indexOf(v) === k),
      tags: rnd() < 0.2 ? ['q-planning'] : [],
      people: rnd() < 0.3 ? ['Ada Example'] : [],
      meta: { repo, number: num, state: 'merged', author: 'dev', additions: 120, deletions: 30 },
      privateNote: '',
      updatedAt: `${new Date(t + 3600000).toISOString()}-0000-${deviceId}`,
      deletedAt: null,
    });
  }
  return out;
}
