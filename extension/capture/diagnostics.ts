/**
 * Capture diagnostics for "Copy diagnostics" in Settings: which extractor read the last page, which
 * facts it expected and missed, and which structural markers the page had (counts and booleans only).
 * Never page content: no title, no names, no full URL (only its origin and the shape of its route,
 * e.g. `/:x/:x/pull/:n/changes`). Kept in memory for the life of the panel.
 */

/** What "Copy diagnostics" copies about the last capture. */
export interface CaptureDiagnostics {
  /** The site extractor for the page's URL (e.g. `github-pr`), also when it gave way to the generic page. */
  extractor: string;
  /** The extractor whose draft was used (`web` after a fallback). */
  usedExtractor: string;
  /** The page's origin, e.g. `https://github.com`. */
  origin: string;
  /** The route's shape: known route words kept, numbers as `:n`, every other segment as `:x`. */
  route: string;
  /** Facts the extractor expected and did not find (meta keys, e.g. `state`). */
  missing: string[];
  /** Structural markers present on the page (counts and booleans). */
  markers: Record<string, number | boolean>;
  /** True when the site extractor failed and the generic page was used. */
  fellBack: boolean;
  /** The extension's version. */
  version: string;
}

/** Path segments kept as they are in a route shape (route words of the supported sites, never user data). */
const ROUTE_WORDS = new Set([
  'pull',
  'files',
  'changes',
  'commits',
  'checks',
  'issues',
  'browse',
  'wiki',
  'spaces',
  'pages',
  'display',
  'document',
  'd',
  'edit',
]);

/**
 * The shape of a URL's route: `https://github.com/o/r/pull/12/changes?x=1#y` gives
 * `/:x/:x/pull/:n/changes`. Query and fragment are dropped. `''` for an invalid URL.
 */
export function routeShape(url: string): string {
  try {
    const segments = new URL(url).pathname.split('/').filter(Boolean);
    return `/${segments.map((s) => (ROUTE_WORDS.has(s) ? s : /^\d+$/.test(s) ? ':n' : ':x')).join('/')}`;
  } catch {
    return '';
  }
}

/** Plain words for missing facts, e.g. `['state', 'mergedAt']` gives `"state and merge time not found on this page"`. */
export function describeMissing(missing: readonly string[]): string {
  const words: Record<string, string> = {
    state: 'state',
    author: 'author',
    additions: 'lines added',
    deletions: 'lines deleted',
    changedFiles: 'files changed',
    commits: 'commits',
    mergedAt: 'merge time',
  };
  const names = missing.map((m) => words[m] ?? m);
  if (names.length === 0) return '';
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${list} not found on this page`;
}

let last: CaptureDiagnostics | null = null;
const listeners = new Set<() => void>();

/** Remembers the diagnostics of the latest capture (replacing the previous one). */
export function recordDiagnostics(d: CaptureDiagnostics): void {
  last = d;
  for (const l of listeners) l();
}

/** The diagnostics of the latest capture in this panel, or null before the first one. */
export function lastDiagnostics(): CaptureDiagnostics | null {
  return last;
}

/** Calls `listener` after each new capture; returns the unsubscribe function. */
export function onDiagnostics(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The text "Copy diagnostics" puts on the clipboard: a JSON report, or a line saying there is none yet. */
export function diagnosticsText(d: CaptureDiagnostics | null): string {
  if (!d) return 'Casebook capture diagnostics: no page read yet in this panel.';
  return JSON.stringify({ casebookCaptureDiagnostics: 1, ...d }, null, 2);
}
