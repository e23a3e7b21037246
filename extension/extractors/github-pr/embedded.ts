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

/** What the embedded data says about the PR, each field only when present and well-typed. */
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
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A login from `"ada"` or `{ login: "ada" }`. */
const loginOf = (v: unknown): string | undefined =>
  typeof v === 'string' ? clean(v) : isObj(v) && typeof v['login'] === 'string' ? clean(v['login']) : undefined;

/** `owner/repo` of a repository object (`nameWithOwner`, or `ownerLogin`/`owner.login` and `name`), lower-cased. */
function repoOf(v: unknown): string | undefined {
  if (!isObj(v)) return undefined;
  if (typeof v['nameWithOwner'] === 'string') return v['nameWithOwner'].toLowerCase();
  const owner = typeof v['ownerLogin'] === 'string' ? v['ownerLogin'] : loginOf(v['owner']);
  return owner && typeof v['name'] === 'string' ? `${owner}/${v['name']}`.toLowerCase() : undefined;
}

/** The PR objects of one route (`route.pullRequest`, or one level deeper), each with the repository known beside it. */
function candidatesOf(route: Obj): { pr: Obj; repo?: string }[] {
  const outer = repoOf(route['repository']);
  const out: { pr: Obj; repo?: string }[] = [];
  const push = (pr: unknown, repo?: string) => {
    if (isObj(pr) && typeof pr['number'] === 'number') out.push({ pr, repo: repoOf(pr['repository']) ?? repo ?? outer });
  };
  push(route['pullRequest']);
  for (const v of Object.values(route)) if (isObj(v)) push(v['pullRequest'], repoOf(v['repository']));
  return out;
}

/** Every `pullRequestsLayoutRoute` in a parsed payload: `payload.pullRequestsLayoutRoute` or one level deeper. */
function routesOf(data: unknown): Obj[] {
  const payload = isObj(data) ? data['payload'] : undefined;
  if (!isObj(payload)) return [];
  const routes = [payload['pullRequestsLayoutRoute']];
  for (const v of Object.values(payload)) if (isObj(v)) routes.push(v['pullRequestsLayoutRoute']);
  return routes.filter(isObj);
}

/** Maps the embedded `state`/`isDraft` to our state; `undefined` for anything else. */
function stateOf(pr: Obj): EmbeddedPr['state'] {
  const s = typeof pr['state'] === 'string' ? pr['state'].toUpperCase() : '';
  if (s === 'MERGED') return 'merged';
  if (s === 'CLOSED') return 'closed';
  if (s === 'OPEN') return pr['isDraft'] === true ? 'draft' : 'open';
  return undefined;
}

/** Counts of what the embedded data holds, for diagnostics: scripts, PR objects found, PR objects matching the URL. */
export interface EmbeddedCounts {
  scripts: number;
  prs: number;
  matching: number;
}

/**
 * The embedded data of the PR `repo`#`number` (`repo` as `owner/name`, any case), or `undefined` when the
 * page has none, none parses, or none matches both number and repository.
 */
export function embeddedPr(doc: Document, repo: string, number: number, counts?: EmbeddedCounts): EmbeddedPr | undefined {
  const want = repo.toLowerCase();
  let found: EmbeddedPr | undefined;
  for (const script of doc.querySelectorAll(EMBEDDED_JSON)) {
    if (counts) counts.scripts++;
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    for (const route of routesOf(data)) {
      for (const { pr, repo: prRepo } of candidatesOf(route)) {
        if (counts) counts.prs++;
        if (pr['number'] !== number || prRepo !== want) continue;
        if (counts) counts.matching++;
        if (found) continue;
        found = {};
        const state = stateOf(pr);
        if (state) found.state = state;
        if (pr['isInMergeQueue'] === true) found.inMergeQueue = true;
        const title = typeof pr['title'] === 'string' ? clean(pr['title']) : undefined;
        if (title) found.title = title;
        const author = loginOf(pr['author']);
        if (author) found.author = author;
        const mergedAt = typeof pr['mergedTime'] === 'string' ? toIsoDateTime(pr['mergedTime']) : undefined;
        if (mergedAt) found.mergedAt = mergedAt;
        const mergedBy = loginOf(pr['mergedBy']);
        if (mergedBy) found.mergedBy = mergedBy;
        const commits = pr['commitsCount'];
        if (typeof commits === 'number' && Number.isInteger(commits) && commits >= 0) found.commits = commits;
      }
    }
    if (found && !counts) break;
  }
  return found;
}
