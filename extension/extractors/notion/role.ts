/**
 * The role rule of a Notion page (`deriveNotionRole`): `author` when the page's Owner
 * property is the user (or names nobody), else `contributor`. Pure, no page code, so the
 * side panel can re-derive a draft's role without loading the extractor (../role.ts).
 */
import type { CaptureDraft, Role } from '../../../shared/schemas';
import { docCompetencies } from '../suggest';
import type { Identities } from '../types';

/** Role from the page's owner: `author` when it is the user (display name, case-insensitive), `contributor` for someone else, `author` when the page names nobody. */
export function notionRoleOf(owner: string | undefined, identities: Identities): Role {
  if (!owner) return 'author';
  return identities.atlassianName && owner.toLowerCase() === identities.atlassianName.trim().toLowerCase()
    ? 'author'
    : 'contributor';
}

/** Re-derives role and suggestions of a `notion` draft from its meta `owner`. */
export function deriveNotionRole(draft: CaptureDraft, identities: Identities): CaptureDraft {
  const owner = typeof draft.meta['owner'] === 'string' ? draft.meta['owner'] : undefined;
  const role = notionRoleOf(owner, identities);
  return { ...draft, role, suggestedCompetencies: docCompetencies(role, draft.title) };
}
