/**
 * Page titles without the site's suffix: generic pages append where they are
 * ("Defuddle on Cloudflare Workers · Issue #56 · kepano/defuddle", "Runbook |
 * Example Wiki", "Talk — YouTube"); the evidence title is the part before it.
 */

/** Separators a site puts between the page's own title and its suffix. */
const SEPARATOR = /\s+[·|–—-]\s+/g;
/** Code-host suffixes: `Issue #56`, `Pull Request #12`, `Discussion #3`, `Merge request !4`. */
const CODE_HOST_REF = /^(issue|pull request|discussion|merge request)\s+[#!]\d+$/i;
/** `owner/repo` (a code host's repository suffix). */
const REPO = /^[\w.-]+\/[\w.-]+$/;

function norm(s: string): string {
  return s.trim().toLowerCase();
}

/**
 * `title` with trailing site segments removed: a segment is dropped when it is
 * the page's `siteName`, its host (with or without `www.`), the host's main
 * label ("GitHub" for github.com), a code-host reference (`Issue #56`), or
 * `owner/repo` on a code host. The page's own part is never dropped: at least
 * the first segment stays, and a title with no such suffix comes back as is.
 * `dropSiteSuffix('Defuddle on Cloudflare Workers · Issue #56 · kepano/defuddle', 'https://github.com/kepano/defuddle/issues/56')`
 * -> `'Defuddle on Cloudflare Workers'`.
 */
export function dropSiteSuffix(title: string, url: string, siteName?: string): string {
  let host = '';
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return title;
  }
  const bare = host.replace(/^www\./, '');
  const labels = bare.split('.');
  const main = labels.length >= 2 ? labels[labels.length - 2]! : bare;
  const codeHost = /(^|\.)(github|gitlab|bitbucket|codeberg)\./.test(`${bare}.`) || /^git(hub|lab)\./.test(bare);
  const isSite = (segment: string): boolean => {
    const s = norm(segment);
    if (!s) return false;
    if (siteName && s === norm(siteName)) return true;
    if (s === host || s === bare || s === main) return true;
    if (CODE_HOST_REF.test(s)) return true;
    return codeHost && REPO.test(s);
  };
  let rest = title;
  for (;;) {
    const seps = [...rest.matchAll(SEPARATOR)];
    const last = seps.at(-1);
    if (!last || last.index === undefined || last.index === 0) return rest.trim();
    const tail = rest.slice(last.index + last[0].length);
    if (!isSite(tail)) return rest.trim();
    rest = rest.slice(0, last.index);
  }
}
