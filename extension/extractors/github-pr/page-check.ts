/**
 * Checks of a PR page beside the extraction itself (page side, zod-free; part of the capture script):
 * - `missingPrFacts`: the facts a PR page should give that a draft lacks (the panel says "state not
 *   found on this page");
 * - `pageShowsPr`: false while the page still shows another PR than its URL names (GitHub changes the URL
 *   first on a soft navigation, then renders the new PR).
 * The structural markers for "Copy diagnostics" are in ./markers.ts (a separate script).
 */
import type { CaptureDraft } from '../../../shared/schemas';
import { GITHUB_PR_PATH } from '../../../shared/url';
import { textOf } from '../dom';
import * as S from './selectors';

/** Facts every PR page shows (the merge time only on a merged PR), as `GithubPrMeta` keys. */
const EXPECTED = ['state', 'author', 'additions', 'deletions', 'changedFiles', 'commits'];

/**
 * The `GithubPrMeta` keys a `github-pr` draft lacks although a PR page shows them, in a fixed order:
 * `state`, `author`, `additions`, `deletions`, `changedFiles`, `commits`, then `mergedAt` for a merged PR
 * without a merge time. `[]` for a complete draft or a draft of another source.
 */
export function missingPrFacts(draft: CaptureDraft): string[] {
  if (draft.source !== 'github-pr') return [];
  const meta = draft.meta;
  const out = EXPECTED.filter((k) => meta[k] == null);
  if (meta['state'] === 'merged' && !meta['mergedAt']) out.push('mergedAt');
  return out;
}

/**
 * False when the page visibly shows another PR than `url` names (its header's hidden `#N` or its
 * `<title>`'s `Pull Request #N · owner/repo` disagree with the URL); true otherwise, including pages
 * that name no PR at all.
 */
export function pageShowsPr(url: URL, doc: Document): boolean {
  const m = GITHUB_PR_PATH.exec(url.pathname);
  if (!m) return true;
  const h1 = /#(\d+)\s*$/.exec(textOf(doc.querySelector(S.HEADER_TITLE)));
  const title = /Pull Request\s+#(\d+)\s+·\s+([^\s·]+\/[^\s·]+)/.exec(textOf(doc.querySelector('title')));
  if ((h1 && h1[1] !== m[3]) || (title && title[1] !== m[3])) return false;
  return !title || title[2]!.toLowerCase() === `${m[1]}/${m[2]}`.toLowerCase();
}
