/**
 * The registry of page extractors (docs/DESIGN.md, "Capture: the extractor entry point"): every
 * extractor in the order they are tried, specific sites before the generic page, and the lookup
 * of the extractor for a URL. Used by `extractCapture` (./index.ts), the side panel (to pick the
 * per-site capture script, ../capture/scripts.ts) and the tests. A capture script never imports
 * this module: each one bundles only its own site extractor and the generic one
 * (../entrypoints/capture-*.ts), which keeps it under the 25 KiB budget.
 */
import { confluence } from './confluence';
import { githubPr } from './github-pr';
import { googleDocs } from './google-docs';
import { jira } from './jira';
import { notion } from './notion';
import { pickExtractor } from './page';
import type { Extractor } from './types';
import { web } from './web';

/**
 * Every extractor, in the order they are tried. Specific sites first; the generic
 * `web` extractor is last and matches every http(s) page.
 */
export const REGISTRY: readonly Extractor[] = [
  // GitHub pull requests, github.com and Enterprise hosts (detected by the /owner/repo/pull/N path).
  githubPr,
  // Jira issues: /browse/KEY and boards with ?selectedIssue=KEY, on *.atlassian.net or any self-hosted origin.
  jira,
  // Confluence pages: /wiki/spaces/…/pages/ID on Cloud, /display/… and viewpage.action on self-hosted servers.
  confluence,
  // Google Docs documents: docs.google.com/document/d/ID.
  googleDocs,
  // Notion pages: notion.so and *.notion.site, by the 32-hex page id at the end of the path.
  notion,
  // Any other http(s) page: title, canonical link, og/meta tags, dates, JSON-LD. Must stay last.
  web,
];

/**
 * The extractor `extractCapture` would use for `url` (the generic one for anything unmatched).
 * @throws TypeError when `url` is not an absolute URL.
 */
export function extractorFor(url: string): Extractor {
  return pickExtractor(REGISTRY, url);
}
