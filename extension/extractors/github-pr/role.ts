/**
 * The role rule of a GitHub pull request (`deriveGithubRole`) and the competency heuristic
 * behind it: pure functions of a draft's meta and the user's identities, no page code, so
 * the side panel can re-derive a draft's role without loading the extractor (../role.ts).
 */
import type { CaptureDraft, GithubPrMeta, Kind, Role } from '../../../shared/schemas';
import { COMPETENCY_ORDER } from '../suggest';
import type { Identities } from '../types';

/**
 * Suggested competency ids for a PR, by a small explainable heuristic:
 * - a code review → `multiplier` (reviews that change how others work);
 * - a large change (≥ 500 lines or ≥ 20 files), labels such as architecture/design/rfc/adr/refactor/migration,
 *   or RFC/ADR/architecture in the title → `technical-leadership`;
 * - labels such as incident/bug/postmortem/hotfix/outage/regression/security, or incident/postmortem/hotfix/
 *   outage/revert in the title → `ownership`;
 * - documentation/onboarding/tooling labels → `multiplier`;
 * - rfc/adr/proposal/"request for comments" labels → `communication`.
 * Returned in rubric order, without duplicates.
 */
export function suggestCompetencies(kind: Kind, meta: GithubPrMeta, title: string): string[] {
  const labels = (meta.labels ?? []).join(' | ').toLowerCase();
  const lines = (meta.additions ?? 0) + (meta.deletions ?? 0);
  const out = new Set<string>();
  if (kind === 'code-review') out.add('multiplier');
  if (
    lines >= 500 ||
    (meta.changedFiles ?? 0) >= 20 ||
    /architect|design|rfc|adr|refactor|migration|tech[- ]?debt/.test(labels) ||
    /\b(rfc|adr|architecture)\b/i.test(title)
  )
    out.add('technical-leadership');
  if (
    /incident|bug|post-?mortem|hotfix|outage|regression|security|sev\d/.test(labels) ||
    /\b(incident|post-?mortem|hotfix|outage|revert)\b/i.test(title)
  )
    out.add('ownership');
  if (/docs|documentation|onboarding|tooling|developer experience/.test(labels)) out.add('multiplier');
  if (/rfc|adr|proposal|request for comments/.test(labels)) out.add('communication');
  return COMPETENCY_ORDER.filter((c) => out.has(c));
}

/**
 * Role and kind of a PR for the user with `identities`: `author`/`pull-request` when their GitHub login
 * equals the PR author (case-insensitive), `reviewer`/`code-review` when it is a listed reviewer,
 * else `contributor`/`pull-request`.
 */
export function prRoleOf(meta: GithubPrMeta, identities: Identities): { role: Role; kind: Kind } {
  const login = identities.githubLogin?.trim().toLowerCase();
  if (login && meta.author?.toLowerCase() === login) return { role: 'author', kind: 'pull-request' };
  if (login && meta.reviewers?.some((r) => r.toLowerCase() === login)) return { role: 'reviewer', kind: 'code-review' };
  return { role: 'contributor', kind: 'pull-request' };
}

/** True when `meta` has the keys every GitHub PR meta has (`repo`, `number`; `state` when known); a plain check, so the page side needs no zod. */
function isPrMeta(meta: Record<string, unknown>): meta is GithubPrMeta {
  return (
    typeof meta['repo'] === 'string' &&
    typeof meta['number'] === 'number' &&
    (meta['state'] === undefined || typeof meta['state'] === 'string') &&
    (meta['reviewers'] === undefined || Array.isArray(meta['reviewers'])) &&
    (meta['labels'] === undefined || Array.isArray(meta['labels']))
  );
}

/** Re-derives `role`, `kind` and `suggestedCompetencies` of a `github-pr` draft; returns it unchanged when its meta is not GitHub PR meta. */
export function deriveGithubRole(draft: CaptureDraft, identities: Identities): CaptureDraft {
  if (!isPrMeta(draft.meta)) return draft;
  const { role, kind } = prRoleOf(draft.meta, identities);
  return { ...draft, role, kind, suggestedCompetencies: suggestCompetencies(kind, draft.meta, draft.title) };
}
