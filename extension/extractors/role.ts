/**
 * `deriveRole` without the extractor registry: the side panel re-derives a draft's role when the
 * user's identities change, and importing only the four role rules (not every extractor's page
 * code through ./page.ts's REGISTRY) keeps the panel's first chunk small. Same contract as the
 * registry's rule: each source's extractor `deriveRole`, generic sources unchanged.
 */
import type { CaptureDraft, Source } from '../../shared/schemas';
import { deriveDocRole } from './confluence/role';
import { deriveGithubRole } from './github-pr/role';
import { deriveJiraRole } from './jira/role';
import { deriveNotionRole } from './notion/role';
import type { Identities } from './types';

/** The role rule of each source that has one (the same functions the extractors register). */
const ROLE_RULES: Partial<Record<Source, (draft: CaptureDraft, identities: Identities) => CaptureDraft>> = {
  'github-pr': deriveGithubRole,
  jira: deriveJiraRole,
  confluence: deriveDocRole,
  notion: deriveNotionRole,
};

/**
 * Re-derives the user's `role` (and with it `kind` and `suggestedCompetencies`) of a draft from
 * `identities`, e.g. after the user changes their GitHub login in Settings. Pure: returns a new draft,
 * or the same draft when its source has no role rule (generic web pages, Google Docs).
 */
export function deriveRole(draft: CaptureDraft, identities: Identities): CaptureDraft {
  const rule = ROLE_RULES[draft.source];
  return rule ? rule(draft, identities) : draft;
}
