/**
 * Helpers that build extractors and their drafts the same way in every site module (docs/DESIGN.md,
 * "Capture: the extractor entry point"). Page side: zod-free, bundled into the capture scripts.
 */
import type { CaptureDraft, Metric, Role } from '../../shared/schemas';
import { truncate } from './dom';
import { EXTRACTOR_MATCHES } from './hosts';
import { docCompetencies } from './suggest';
import type { Extractor } from './types';

/**
 * A site extractor whose `matches` are its entry in `EXTRACTOR_MATCHES` (./hosts.ts, which also
 * gives the manifest its capture hosts). Pure: call it with a `@__PURE__` mark at module level, so
 * a bundle that imports only a module's other exports (the panel's role rules) leaves it out.
 */
export function siteExtractor(
  id: keyof typeof EXTRACTOR_MATCHES,
  detect: Extractor['detect'],
  extract: Extractor['extract'],
  deriveRole?: Extractor['deriveRole'],
): Extractor {
  return { id, matches: EXTRACTOR_MATCHES[id], detect, extract, ...(deriveRole ? { deriveRole } : {}) };
}

/** What a document extractor read about its document. */
export interface DocFacts {
  /** Canonical address of the document. */
  url: string;
  /** Its title (clipped to 500 characters in the draft). */
  title: string;
  /** `YYYY-MM-DD`: the last edit, else today. */
  occurredOn: string;
  /** The user's role on it. */
  role: Role;
}

/**
 * The draft of a design doc (`kind: 'design-doc'`) from Confluence, Google Docs or Notion: the
 * competencies `docCompetencies` suggests for the role, a `Words` metric when `meta.wordCount` is a
 * number, then `extraMetrics`.
 */
export function docDraft(
  source: 'confluence' | 'google-docs' | 'notion',
  facts: DocFacts,
  meta: Record<string, unknown>,
  extraMetrics: Metric[] = [],
): CaptureDraft {
  const words = meta['wordCount'];
  return {
    source,
    kind: 'design-doc',
    url: facts.url,
    title: truncate(facts.title, 500),
    occurredOn: facts.occurredOn,
    role: facts.role,
    suggestedCompetencies: docCompetencies(facts.role, facts.title),
    metrics: [...(typeof words === 'number' ? [{ label: 'Words', value: words }] : []), ...extraMetrics],
    meta,
  };
}
