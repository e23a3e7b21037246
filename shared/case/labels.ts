/**
 * Display names of the evidence's sources, kinds and roles, the same in the
 * panel, the share page, the packet and the digest.
 */
import type { Kind, Role, Source } from '../schemas';

/** Display names of evidence sources, e.g. `github-pr` -> `GitHub PR`. */
export const SOURCE_LABELS: Record<Source, string> = {
  'github-pr': 'GitHub PR',
  jira: 'Jira',
  confluence: 'Confluence',
  'google-docs': 'Google Docs',
  notion: 'Notion',
  web: 'Web page',
  manual: 'Manual entry',
};

/** Display names of evidence kinds, e.g. `design-doc` -> `Design doc`. */
export const KIND_LABELS: Record<Kind, string> = {
  'pull-request': 'Pull request',
  'code-review': 'Code review',
  'design-doc': 'Design doc',
  ticket: 'Ticket',
  incident: 'Incident',
  mentoring: 'Mentoring',
  talk: 'Talk',
  other: 'Other',
};

/** Display names of roles, e.g. `reviewer` -> `Reviewer`. */
export const ROLE_LABELS: Record<Role, string> = {
  author: 'Author',
  reviewer: 'Reviewer',
  approver: 'Approver',
  owner: 'Owner',
  assignee: 'Assignee',
  reporter: 'Reporter',
  contributor: 'Contributor',
  mentor: 'Mentor',
};
