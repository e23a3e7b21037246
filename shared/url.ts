/**
 * URL canonicalisation for evidence: no tracking parameters, no fragment,
 * GitHub PR URLs normalised to `https://host/owner/repo/pull/N`.
 */

const TRACKING = /^(utm_[a-z]+|fbclid|gclid|mc_[a-z]+|ref|ref_src|_hsenc|_hsmi|igshid|si)$/i;

/** Matches a GitHub PR path on any tab: `/owner/repo/pull/N[/files|/commits|...]`. */
export const GITHUB_PR_PATH = /^\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)\/pull\/(\d+)(?:\/.*)?$/;

/**
 * The canonical form of `raw`: http(s) only, fragment and tracking parameters
 * removed, GitHub PR tabs folded to the PR itself.
 * @throws TypeError when `raw` is not an absolute http(s) URL.
 */
export function canonicalizeUrl(raw: string): string {
  const u = new URL(raw);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new TypeError(`not an http(s) URL: ${raw}`);
  u.hash = '';
  const pr = GITHUB_PR_PATH.exec(u.pathname);
  if (pr) return `${u.protocol}//${u.host}/${pr[1]}/${pr[2]}/pull/${pr[3]}`;
  const tracking = Array.from(u.searchParams.keys()).filter((key) => TRACKING.test(key));
  for (const key of tracking) u.searchParams.delete(key);
  u.search = u.searchParams.toString() ? `?${u.searchParams.toString()}` : '';
  return u.toString();
}

/** True when `raw` parses as an absolute http or https URL (safe to render as a link). */
export function isHttpUrl(raw: string): boolean {
  // Cheap refusal first: the URL parser would accept only these schemes anyway
  // (it trims leading C0 controls and spaces, hence the trimStart).
  if (!/^https?:/i.test(raw.trimStart())) return false;
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
