/**
 * The fake GitHub's search query language, the part importers use: `is:pr`, `is:merged`,
 * `author:LOGIN`, `-author:LOGIN`, `reviewed-by:LOGIN`, `merged:RANGE`, `updated:RANGE`, where RANGE is
 * `A..B`, `>=A`, `>A`, `<=B` or `<B` and A/B are `YYYY-MM-DD` (a whole UTC day) or an ISO datetime.
 * An unknown user answers GitHub's 422 message; an unsupported qualifier is refused too (so a
 * client's query mistakes show up in tests instead of silently matching everything).
 */
import { PEOPLE, type FakeData, type FakePr } from './github-data';

/** A query GitHub would refuse with 422 (the message is GitHub's). */
export class SearchError extends Error {}

/** `[from, to]` epoch ms of a range qualifier value. */
function rangeOf(v: string): [number, number] {
  const at = (s: string, endOfDay: boolean): number => {
    if (s === '*') return endOfDay ? Infinity : -Infinity;
    const t = /^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(`${s}T${endOfDay ? '23:59:59' : '00:00:00'}Z`) : Date.parse(s);
    if (Number.isNaN(t)) throw new SearchError(`Invalid date: ${s}`);
    return t;
  };
  const m = /^(>=|>|<=|<)(.+)$/.exec(v);
  if (m) {
    const op = m[1]!;
    const s = m[2]!;
    if (op === '>=') return [at(s, false), Infinity];
    if (op === '>') return [at(s, true) + 1, Infinity];
    if (op === '<=') return [-Infinity, at(s, true)];
    return [-Infinity, at(s, false) - 1];
  }
  const [a, b] = v.split('..');
  if (b === undefined) return [at(a!, false), at(a!, true)];
  return [at(a!, false), at(b, true)];
}

const within = (t: string | null, [a, b]: [number, number]) => t !== null && Date.parse(t) >= a && Date.parse(t) <= b;

/** The PRs matching `q`, newest first (by number within a repo, then id). */
export function matchSearch(data: FakeData, q: string, opts: { ignoreNegatedAuthor: boolean }): FakePr[] {
  const known = new Set([data.login, ...PEOPLE].map((u) => u.toLowerCase()));
  const filters: ((p: FakePr) => boolean)[] = [];
  const user = (u: string) => {
    if (!known.has(u.toLowerCase()))
      throw new SearchError(
        'The listed users cannot be searched either because the users do not exist or you do not have permission to view the users.',
      );
    return u.toLowerCase();
  };
  for (const token of q.trim().split(/\s+/).filter(Boolean)) {
    const m = /^(-?)([a-z-]+):(.+)$/.exec(token);
    if (!m) throw new SearchError(`fake GitHub: free-text search is not supported (${token})`);
    const [, neg, key, value] = m as unknown as [string, string, string, string];
    if (key === 'is' && value === 'pr' && !neg) continue;
    if (key === 'is' && value === 'merged' && !neg) filters.push((p) => p.mergedAt !== null);
    else if (key === 'author' && !neg) {
      const u = user(value);
      filters.push((p) => p.author.toLowerCase() === u);
    } else if (key === 'author' && neg) {
      const u = user(value);
      if (!opts.ignoreNegatedAuthor) filters.push((p) => p.author.toLowerCase() !== u);
    } else if (key === 'reviewed-by' && !neg) {
      const u = user(value);
      filters.push((p) => p.reviews.some((r) => r.user?.toLowerCase() === u));
    } else if (key === 'merged' && !neg) {
      const r = rangeOf(value);
      filters.push((p) => within(p.mergedAt, r));
    } else if (key === 'updated' && !neg) {
      const r = rangeOf(value);
      filters.push((p) => within(p.updatedAt, r));
    } else throw new SearchError(`fake GitHub: unsupported qualifier ${token}`);
  }
  return data.prs.filter((p) => filters.every((f) => f(p))).sort((a, b) => b.id - a.id);
}
