/**
 * The role rule of a Confluence page (`deriveDocRole`): `author` when the page's owner is
 * the user, else `contributor`. Pure functions of a draft's meta and the user's identities,
 * no page or REST code, so the side panel can re-derive a draft's role without loading the
 * extractor (../role.ts).
 */
import type { CaptureDraft, Role } from '../../../shared/schemas';
import { docCompetencies } from '../suggest';
import type { Identities } from '../types';

/** A person as the page or the REST API names them. */
export interface Person {
  displayName?: string;
  email?: string;
}

/** True when `p` is the person of `identities` (Atlassian name vs display name, or e-mail; case-insensitive). */
export function isMe(p: Person | undefined, identities: Identities): boolean {
  const name = identities.atlassianName?.trim().toLowerCase();
  const email = identities.email?.trim().toLowerCase();
  return Boolean(p && ((name && p.displayName?.toLowerCase() === name) || (email && p.email?.toLowerCase() === email)));
}

/** Re-derives role and suggestions of a `confluence` draft from its meta (`owner` = the author's display name). */
export function deriveDocRole(draft: CaptureDraft, identities: Identities): CaptureDraft {
  const owner = draft.meta['owner'];
  if (typeof owner !== 'string' || !owner) return draft;
  const author: Person = { displayName: owner };
  let role: Role = isMe(author, { ...identities, email: undefined }) ? 'author' : 'contributor';
  if (role === 'contributor' && identities.email && draft.role === 'author') role = 'author'; // matched by e-mail, which meta does not keep
  return { ...draft, role, suggestedCompetencies: docCompetencies(role, draft.title) };
}
