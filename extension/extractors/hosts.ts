/**
 * The pages each site extractor handles, as WebExtension match patterns, and
 * the host permissions the manifest asks for to capture on them. Data only:
 * wxt.config.ts reads it at build time, so it imports no extractor code (no
 * DOM, no zod). Each extractor's `matches` is its entry here (checked for
 * every registered extractor by tests/unit/extractor-hosts.test.ts).
 */
import type { Source } from '../../shared/schemas';

/** Match patterns of the pages each extractor handles, by extractor id (= evidence source). */
export const EXTRACTOR_MATCHES = {
  'github-pr': ['https://github.com/*/*/pull/*'],
  jira: ['https://*.atlassian.net/browse/*', 'https://*.atlassian.net/jira/*'],
  confluence: ['https://*.atlassian.net/wiki/*'],
  'google-docs': ['https://docs.google.com/document/*'],
  notion: ['https://www.notion.so/*', 'https://*.notion.site/*'],
  // The generic page extractor: every http(s) page, through activeTab only (never a host permission).
  web: ['http://*/*', 'https://*/*'],
} as const satisfies Partial<Record<Source, readonly string[]>>;

/**
 * The host permissions that let Casebook capture on the sites it knows: each
 * site extractor's patterns cut to `scheme://host/*` (host permissions ignore
 * the path), without duplicates, in extractor order; patterns on any host
 * (`https://*` + `/*`, the generic extractor's) are left out, since a page
 * without its own extractor is captured through activeTab alone.
 * `['https://github.com/*', 'https://*.atlassian.net/*', …]`.
 */
export function captureHostPermissions(
  matches: Readonly<Record<string, readonly string[]>> = EXTRACTOR_MATCHES,
): string[] {
  const hosts = new Set<string>();
  for (const patterns of Object.values(matches))
    for (const pattern of patterns) {
      const m = /^(https?|\*):\/\/([^/]+)\//.exec(pattern);
      if (!m || m[2] === '*') continue;
      hosts.add(`${m[1]}://${m[2]}/*`);
    }
  return [...hosts];
}
