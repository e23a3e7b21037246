/**
 * The fake GitHub's data: a year of PRs for one user, generated deterministically: `authored` merged
 * PRs by the user and `reviewed` PRs by others that the user reviewed in the range, plus the edge
 * cases an importer must leave out (closed-unmerged and out-of-range PRs, PENDING reviews, reviews
 * before or after the range, the user's own PRs they commented on, deleted users' reviews) and one
 * review list in every 50 longer than a page. `truth()` gives what a correct import must find.
 */
import { seeded } from './http';

/** One review of a PR (`user` null: a deleted account; `submittedAt` absent while PENDING). */
export interface FakeReview {
  id: number;
  user: string | null;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'PENDING';
  submittedAt?: string;
}

/** One PR of the fake. */
export interface FakePr {
  id: number;
  repo: string;
  number: number;
  title: string;
  author: string;
  createdAt: string;
  updatedAt: string;
  mergedAt: string | null;
  closedAt: string | null;
  draft: boolean;
  labels: string[];
  reviews: FakeReview[];
}

/** What the data is generated from. */
export interface FakeDataOptions {
  login: string;
  authored: number;
  reviewed: number;
  /** First and last day of the year of history (`YYYY-MM-DD`); default 2025-12-01..2026-11-30. */
  from?: string;
  to?: string;
  /** Add the edge cases (default true). */
  extras?: boolean;
  seed?: number;
}

/** Other people of the fake organisation. */
export const PEOPLE = ['alice-eng', 'bob-sre', 'carol-pm', 'dmitri-dev', 'eun-qa'];
/** Repositories; `partner-co/*` is the organisation used for SAML SSO cases. */
export const REPOS = [
  'casebook-demo/platform',
  'casebook-demo/web',
  'casebook-demo/billing',
  'casebook-demo/infra',
  'partner-co/gateway',
];
const TOPICS = ['billing API', 'search index', 'sync retries', 'share page', 'digest queue', 'auth tokens', 'CI cache'];
const VERBS = ['Add', 'Fix', 'Refactor', 'Speed up', 'Document', 'Migrate', 'Remove'];
const LABELS: string[][] = [[], [], ['bug'], ['docs'], ['architecture'], ['performance']];

const DAY = 86_400_000;
const iso = (ms: number) => new Date(Math.round(ms / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z');

/** The generated PRs and the range they cover. */
export interface FakeData {
  login: string;
  from: string;
  to: string;
  prs: FakePr[];
}

/** Generates the fake's PRs (same options, same data). */
export function generatePrs(o: FakeDataOptions): FakeData {
  const from = o.from ?? '2025-12-01';
  const to = o.to ?? '2026-11-30';
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T23:59:59Z`);
  const span = end - start;
  const rand = seeded(o.seed ?? 15);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const next = new Map<string, number>();
  let id = 1_000_000;
  let reviewId = 2_000_000_000;
  const prs: FakePr[] = [];
  const make = (repo: string, author: string, createdMs: number, extra: Partial<FakePr> = {}): FakePr => {
    const number = (next.get(repo) ?? 1000) + 1;
    next.set(repo, number);
    return {
      id: id++,
      repo,
      number,
      title: `${pick(VERBS)} ${pick(TOPICS)} (${repo.split('/')[1]} #${number})`,
      author,
      createdAt: iso(createdMs),
      updatedAt: iso(createdMs),
      mergedAt: null,
      closedAt: null,
      draft: false,
      labels: pick(LABELS),
      reviews: [],
      ...extra,
    };
  };
  const review = (user: string | null, state: FakeReview['state'], ms?: number): FakeReview => ({
    id: reviewId++,
    user,
    state,
    ...(ms === undefined ? {} : { submittedAt: iso(ms) }),
  });
  const finish = (pr: FakePr) => {
    const times = [pr.createdAt, pr.mergedAt, pr.closedAt, ...pr.reviews.map((r) => r.submittedAt)]
      .filter((t): t is string => Boolean(t))
      .map(Date.parse);
    pr.updatedAt = iso(Math.max(...times) + 3_600_000);
    pr.reviews.sort((a, b) => (a.submittedAt ?? '9').localeCompare(b.submittedAt ?? '9'));
    prs.push(pr);
  };

  // Authored and merged in range, evenly spread with jitter.
  for (let i = 0; i < o.authored; i++) {
    const merged = start + ((i + 0.2 + rand() * 0.6) * span) / o.authored;
    const pr = make(pick(REPOS.slice(0, 4)), o.login, merged - (1 + rand() * 72) * 3_600_000);
    pr.mergedAt = pr.closedAt = iso(merged);
    pr.reviews.push(review(pick(PEOPLE), 'APPROVED', merged - 1_800_000));
    if (i % 10 === 0) pr.reviews.push(review(o.login, 'COMMENTED', merged - 3_600_000)); // a comment on one's own PR
    finish(pr);
  }
  // Reviewed by the user in range: 1 to 3 reviews each, the first at an evenly spread time.
  for (let j = 0; j < o.reviewed; j++) {
    const first = start + ((j + 0.2 + rand() * 0.6) * span) / o.reviewed;
    const pr = make(REPOS[j % REPOS.length]!, pick(PEOPLE), first - (2 + rand() * 48) * 3_600_000);
    const mine = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < mine; k++) {
      const at = Math.min(first + k * 3_600_000, end);
      pr.reviews.push(
        review(o.login, k === mine - 1 ? 'APPROVED' : pick(['COMMENTED', 'CHANGES_REQUESTED'] as const), at),
      );
    }
    pr.reviews.push(review(pick(PEOPLE.filter((p) => p !== pr.author)), 'COMMENTED', first + 600_000));
    if (j % 7 === 3) pr.reviews.push(review(null, 'APPROVED', first + 900_000)); // a deleted account
    if (j % 9 === 4) pr.reviews.push(review(o.login, 'PENDING')); // a draft review, never counted
    if (j % 50 === 25)
      for (let k = 0; k < 130; k++) pr.reviews.push(review(pick(PEOPLE), 'COMMENTED', first - DAY + k * 60_000));
    const state = rand();
    if (state < 0.8) pr.mergedAt = pr.closedAt = iso(first + (1 + rand() * 48) * 3_600_000);
    else if (state < 0.9) pr.closedAt = iso(first + DAY);
    finish(pr);
  }
  if (o.extras ?? true) {
    for (let k = 0; k < 3; k++) {
      // Closed without merging: not a merged PR.
      const closed = make(REPOS[k]!, o.login, start + (k + 1) * 30 * DAY);
      closed.closedAt = iso(start + (k + 1) * 30 * DAY + DAY);
      finish(closed);
      // Only a PENDING review by the user.
      const pending = make(REPOS[k]!, PEOPLE[k]!, start + (k + 2) * 40 * DAY);
      pending.reviews.push(review(o.login, 'PENDING'));
      finish(pending);
      // Reviewed before the range, updated inside it (a later comment).
      const before = make(REPOS[k]!, PEOPLE[k + 1]!, start - 20 * DAY);
      before.reviews.push(review(o.login, 'APPROVED', start - 10 * DAY));
      before.reviews.push(review(PEOPLE[k]!, 'COMMENTED', start + 15 * DAY));
      finish(before);
    }
    for (let k = 0; k < 2; k++) {
      // Merged before the range.
      const old = make(REPOS[k]!, o.login, start - (k + 2) * 30 * DAY);
      old.mergedAt = old.closedAt = iso(start - (k + 2) * 30 * DAY + DAY);
      finish(old);
      // Reviewed only after the range.
      const after = make(REPOS[k]!, PEOPLE[k]!, end + DAY);
      after.reviews.push(review(o.login, 'APPROVED', end + (k + 2) * DAY));
      finish(after);
    }
  }
  return { login: o.login, from, to, prs };
}

/** The PR's public URL under `htmlBase` (e.g. `https://github.com`). */
export const prUrl = (htmlBase: string, pr: FakePr) => `${htmlBase}/${pr.repo}/pull/${pr.number}`;

/** What a correct import of `data` finds: authored merged PRs and reviewed PRs with their first review day and count. */
export function truth(data: FakeData, htmlBase: string) {
  const start = Date.parse(`${data.from}T00:00:00Z`);
  const end = Date.parse(`${data.to}T23:59:59Z`);
  const me = data.login.toLowerCase();
  const inRange = (t: string | null | undefined) => Boolean(t) && Date.parse(t!) >= start && Date.parse(t!) <= end;
  const authored = data.prs
    .filter((p) => p.author.toLowerCase() === me && inRange(p.mergedAt))
    .map((p) => ({ url: prUrl(htmlBase, p), occurredOn: p.mergedAt!.slice(0, 10) }));
  const reviewed = data.prs
    .filter((p) => p.author.toLowerCase() !== me)
    .map((p) => {
      const mine = p.reviews.filter(
        (r) => r.user?.toLowerCase() === me && r.state !== 'PENDING' && inRange(r.submittedAt),
      );
      const first = mine.map((r) => r.submittedAt!).sort()[0];
      return { url: prUrl(htmlBase, p), occurredOn: first?.slice(0, 10) ?? '', reviews: mine.length };
    })
    .filter((r) => r.reviews > 0);
  return { authored, reviewed };
}

/**
 * The fewest requests an import of `data` can make with 100-item pages: the authored search pages
 * (plus one probe that finds a range over 1,000 results, which must then be split), the reviewed
 * search pages, and every review list page of the PRs that search finds.
 */
export function minimumRequests(data: FakeData): {
  authored: number;
  reviewedSearch: number;
  reviewLists: number;
  total: number;
} {
  const start = Date.parse(`${data.from}T00:00:00Z`);
  const end = Date.parse(`${data.to}T23:59:59Z`);
  const me = data.login.toLowerCase();
  const a = data.prs.filter(
    (p) =>
      p.author.toLowerCase() === me && p.mergedAt && Date.parse(p.mergedAt) >= start && Date.parse(p.mergedAt) <= end,
  ).length;
  const authored = a > 1000 ? 1 + Math.ceil(a / 100) : Math.max(1, Math.ceil(a / 100));
  const found = data.prs.filter(
    (p) =>
      p.author.toLowerCase() !== me &&
      Date.parse(p.updatedAt) >= start &&
      p.reviews.some((r) => r.user?.toLowerCase() === me),
  );
  const s = found.length;
  const reviewedSearch = s > 1000 ? 1 + Math.ceil(s / 100) : Math.max(1, Math.ceil(s / 100));
  const reviewLists = found.reduce(
    (n, p) =>
      n + Math.max(1, Math.ceil(p.reviews.filter((r) => r.state !== 'PENDING' || r.user === data.login).length / 100)),
    0,
  );
  return { authored, reviewedSearch, reviewLists, total: authored + reviewedSearch + reviewLists };
}
