/**
 * The role rule of a Jira issue (`deriveJiraRole`): who the user is on the issue (assignee,
 * reporter) and the kind and competencies that follow. Pure functions of a draft's meta and
 * the user's identities, no page or REST code, so the side panel can re-derive a draft's
 * role without loading the extractor (../role.ts).
 */
import type { CaptureDraft, JiraMeta, Kind, Role } from '../../../shared/schemas';
import { inRubricOrder } from '../suggest';
import type { Identities } from '../types';

/** A Jira user object (`{displayName, name, key, emailAddress, accountId}`) reduced to what role matching needs. */
export interface JiraUser {
  displayName?: string;
  name?: string;
  email?: string;
}

/** True when `user` is the person of `identities`: Atlassian name vs display name or username, or e-mail (case-insensitive). */
export function isSameUser(user: JiraUser | undefined, identities: Identities): boolean {
  if (!user) return false;
  const name = identities.atlassianName?.trim().toLowerCase();
  const email = identities.email?.trim().toLowerCase();
  if (name && (user.displayName?.toLowerCase() === name || user.name?.toLowerCase() === name)) return true;
  return Boolean(email && user.email?.toLowerCase() === email);
}

/** Incident-like issue types (Jira Service Management "Incident", "Post-incident review", "Postmortem"). */
const INCIDENT_TYPE = /incident|post-?mortem/i;
/** Labels that mark incident work. */
const INCIDENT_LABEL = /incident|post-?mortem|outage|sev-?\d/i;

/** Role from the issue's people: `assignee`, else `reporter`, else `contributor`. */
export function jiraRoleOf(people: { assignee?: JiraUser; reporter?: JiraUser }, identities: Identities): Role {
  if (isSameUser(people.assignee, identities)) return 'assignee';
  if (isSameUser(people.reporter, identities)) return 'reporter';
  return 'contributor';
}

/**
 * Kind and suggested competencies of an issue for the user's `role`:
 * - an incident or postmortem issue type → kind `incident`, `ownership`; incident labels → `ownership`;
 * - an Epic the user owns (assignee, or reporter of an unassigned epic) → `ownership` + `ambiguity`;
 * - every other issue → kind `ticket`, no suggestion.
 */
export function jiraSuggestions(
  meta: JiraMeta,
  role: Role,
  labels: readonly string[],
): { kind: Kind; competencies: string[] } {
  const out: string[] = [];
  const incidentType = INCIDENT_TYPE.test(meta.issueType ?? '');
  if (incidentType || labels.some((l) => INCIDENT_LABEL.test(l))) out.push('ownership');
  const owns = role === 'assignee' || (role === 'reporter' && !meta.assignee);
  if (/^epic$/i.test(meta.issueType ?? '') && owns) out.push('ownership', 'ambiguity');
  return { kind: incidentType ? 'incident' : 'ticket', competencies: inRubricOrder(out) };
}

/**
 * Re-derives `role`, `kind` and `suggestedCompetencies` of a `jira` draft from its meta (assignee and
 * reporter display names). The extractor also matched e-mail addresses, which meta does not keep
 * (other people's addresses are not stored): when no name matches but the draft already has an
 * assignee/reporter role and an e-mail identity is set, that role is kept.
 */
export function deriveJiraRole(draft: CaptureDraft, identities: Identities): CaptureDraft {
  const meta = draft.meta as Partial<JiraMeta> & Record<string, unknown>;
  if (typeof meta.key !== 'string') return draft;
  const person = (n: unknown) => (typeof n === 'string' && n ? { displayName: n } : undefined);
  const people = {
    ...(person(meta.assignee) ? { assignee: person(meta.assignee) } : {}),
    ...(person(meta.reporter) ? { reporter: person(meta.reporter) } : {}),
  };
  let role = jiraRoleOf(people, { ...identities, email: undefined });
  if (role === 'contributor' && identities.email && (draft.role === 'assignee' || draft.role === 'reporter'))
    role = draft.role;
  const labels = Array.isArray(meta['labels']) ? meta['labels'].filter((l): l is string => typeof l === 'string') : [];
  const { kind, competencies } = jiraSuggestions(meta as JiraMeta, role, labels);
  return { ...draft, role, kind, suggestedCompetencies: competencies };
}
