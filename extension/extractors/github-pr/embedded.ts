/**
 * The React app's embedded route data on a pull request page ([2026] in ./selectors.ts):
 * `<script type="application/json" data-target="react-app.embeddedData">` whose
 * `payload.pullRequestsLayoutRoute.pullRequest` (sometimes one level deeper) carries `number`, `title`,
 * `state`, `author.login`, `mergedTime`, `mergedBy` and `commitsCount`. It is GitHub's internal data and
 * may be left over from the previous PR after a soft navigation, so it is used only when its number and
 * repository match the URL. Page side: plain type checks, no zod.
 */
import { clean, toIsoDateTime } from '../dom';
import { EMBEDDED_JSON } from './selectors';

/** What the embedded data says about the PR, each field `undefined` unless present and well-typed. */
export interface EmbeddedPr {
  /** `open`, `closed`, `merged` or `draft` (from `state` `OPEN|CLOSED|MERGED` and `isDraft`). */
  state?: 'open' | 'closed' | 'merged' | 'draft';
  /** True when the data says the PR is in the merge queue (`isInMergeQueue`). */
  inMergeQueue?: boolean;
  title?: string;
  author?: string;
  /** ISO 8601 UTC merge time. */
  mergedAt?: string;
  mergedBy?: string;
  commits?: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? clean(v) : undefined);

/** A login from `"ada"` or `{ login: "ada" }`. */
const loginOf = (v: unknown): string | undefined => str(v) ?? (isObj(v) ? str(v['login']) : undefined);

/** `owner/repo` of a repository object (`nameWithOwner`, or `ownerLogin`/`owner.login` and `name`), lower-cased. */
function repoOf(v: unknown): string | undefined {
  if (!isObj(v)) return undefined;
  const owner = str(v['ownerLogin']) ?? loginOf(v['owner']);
  return (str(v['nameWithOwner']) ?? (owner && str(v['name']) ? `${owner}/${v['name']}` : undefined))?.toLowerCase();
}

/**
 * Every PR object in the page's embedded data with the repository beside it: in each
 * `pullRequestsLayoutRoute` (`payload.pullRequestsLayoutRoute` or one level deeper), its `pullRequest`
 * or one level deeper. Scripts that do not parse are skipped.
 */
export function embeddedCandidates(doc: Document): { pr: Obj; repo?: string }[] {
  const out: { pr: Obj; repo?: string }[] = [];
  for (const script of doc.querySelectorAll(EMBEDDED_JSON)) {
    let payload: unknown;
    try {
      payload = (JSON.parse(script.textContent ?? '') as Obj | null)?.['payload'];
    } catch {
      continue;
    }
    if (!isObj(payload)) continue;
    for (const route of [payload, ...Object.values(payload)].map((v) =>
      isObj(v) ? v['pullRequestsLayoutRoute'] : 0,
    )) {
      if (!isObj(route)) continue;
      for (const holder of [route, ...Object.values(route)]) {
        const pr = isObj(holder) ? holder['pullRequest'] : 0;
        if (isObj(holder) && isObj(pr) && typeof pr['number'] === 'number')
          out.push({
            pr,
            repo: repoOf(pr['repository']) ?? repoOf(holder['repository']) ?? repoOf(route['repository']),
          });
      }
    }
  }
  return out;
}

/**
 * The embedded data of the PR `repo`#`number` (`repo` as `owner/name`, any case), or `undefined` when the
 * page has none, none parses, or none matches both number and repository.
 */
export function embeddedPr(doc: Document, repo: string, number: number): EmbeddedPr | undefined {
  const pr = embeddedCandidates(doc).find((c) => c.pr['number'] === number && c.repo === repo.toLowerCase())?.pr;
  if (!pr) return undefined;
  const s = str(pr['state'])?.toUpperCase();
  const commits = pr['commitsCount'];
  const found: EmbeddedPr = {
    state:
      s === 'MERGED'
        ? 'merged'
        : s === 'CLOSED'
          ? 'closed'
          : s === 'OPEN'
            ? pr['isDraft'] === true
              ? 'draft'
              : 'open'
            : undefined,
    inMergeQueue: pr['isInMergeQueue'] === true || undefined,
    title: str(pr['title']),
    author: loginOf(pr['author']),
    mergedAt: toIsoDateTime(str(pr['mergedTime'])),
    mergedBy: loginOf(pr['mergedBy']),
    commits: Number.isInteger(commits) && (commits as number) >= 0 ? (commits as number) : undefined,
  };
  return found;
}
