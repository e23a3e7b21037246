/**
 * The Capture tab's form state and the pure rules behind it: a form from a
 * page's draft (and the evidence already stored for that URL), a blank manual
 * form, the role a kind implies, and what the panel says after a save.
 */
import type { CaptureDraft, Evidence, Kind, Metric, Role, Source } from '../../shared/schemas';
import { canonicalizeUrl, isHttpUrl } from '../../shared/url';
import { isDraft } from '../../shared/draft';
import type { TargetTab } from '../capture/panel';
import { localToday } from './format';

/** What the capture form edits. */
export interface FormState {
  source: Source;
  kind: Kind;
  role: Role;
  title: string;
  url: string;
  occurredOn: string;
  /** True when the page gave no date and `occurredOn` is today's, a guess the form marks. */
  dateGuessed: boolean;
  claim: string;
  impact: string;
  privateNote: string;
  competencies: string[];
  suggested: string[];
  metrics: Metric[];
  meta: Record<string, unknown>;
}

/**
 * Where the tab is: reading the page; a draft read from it; a manual form with
 * the reason the page could not be read (and the one origin that would let
 * it); or a blank manual entry the user asked for ("New entry").
 */
export type Phase =
  | { kind: 'reading' }
  | { kind: 'draft' }
  | { kind: 'manual'; reason: string; grantOrigins: string[] }
  | { kind: 'new' };

/** The role a kind implies where the mapping is obvious (Mentoring → Mentor, Code review → Reviewer). */
export function roleForKind(kind: Kind): Role | undefined {
  if (kind === 'mentoring') return 'mentor';
  if (kind === 'code-review') return 'reviewer';
  return undefined;
}

/**
 * The role after the kind changes from `from` to `to`: the role `to` implies;
 * else, when the current role was only implied by `from`, `author`; else unchanged.
 */
export function roleAfterKindChange(role: Role, from: Kind, to: Kind): Role {
  const implied = roleForKind(to);
  if (implied) return implied;
  return roleForKind(from) === role ? 'author' : role;
}

/**
 * The form for a page's `draft`. Fields the user wrote on the stored evidence
 * (`existing`, same URL) are kept, except a role that was only the fallback
 * (`contributor`): then the page's freshly derived role (and the kind and
 * suggestions that come with it) wins, so "Re-read page" after setting the
 * GitHub login corrects an item saved before it.
 */
export function formFromDraft(draft: CaptureDraft, existing: Evidence | undefined): FormState {
  const fallbackRole = existing?.role === 'contributor' && draft.role !== undefined && draft.role !== 'contributor';
  const role = fallbackRole ? draft.role! : (existing?.role ?? draft.role ?? roleForKind(draft.kind) ?? 'author');
  const kind = fallbackRole ? draft.kind : (existing?.kind ?? draft.kind);
  const competencies =
    existing && existing.competencies.length > 0 ? existing.competencies : draft.suggestedCompetencies;
  return {
    source: draft.source,
    kind,
    role,
    title: existing?.title ?? draft.title,
    url: draft.url,
    occurredOn: draft.occurredOn ?? existing?.occurredOn ?? localToday(),
    dateGuessed: !draft.occurredOn && !existing,
    claim: existing?.claim ?? '',
    impact: existing?.impact ?? '',
    privateNote: existing?.privateNote ?? '',
    competencies,
    suggested: draft.suggestedCompetencies,
    metrics: draft.metrics,
    // Keep what an earlier capture stored (a newer client may have written more), refresh the rest.
    meta: { ...existing?.meta, ...draft.meta },
  };
}

/** A manual form: for `tab`'s http(s) page when known (source `web`), else blank (source `manual`). */
export function manualForm(tab: TargetTab | null): FormState {
  const http = tab?.url && isHttpUrl(tab.url) ? canonicalizeUrl(tab.url) : '';
  return {
    source: http ? 'web' : 'manual',
    kind: 'other',
    role: 'author',
    title: http ? (tab?.title ?? '') : '',
    url: http,
    occurredOn: localToday(),
    dateGuessed: false,
    claim: '',
    impact: '',
    privateNote: '',
    competencies: [],
    suggested: [],
    metrics: [],
    meta: {},
  };
}

/**
 * What the panel says after a save: a draft (empty claim) asks for the claim;
 * otherwise "Saved to your case" or "Updated in your case".
 */
export function savedMessage(saved: { claim: string; updated: boolean }): { text: string; draft: boolean } {
  if (isDraft(saved)) return { text: 'Saved as a draft: add your claim', draft: true };
  return { text: saved.updated ? 'Updated in your case' : 'Saved to your case', draft: false };
}

/**
 * A metric's label read after its value: singular for 1 ("1 File changed",
 * "1 Commit", "1 Reviewer", "1 Story point"), as written otherwise: the first
 * word ending in a plural "s" loses it ("Lines changed" -> "Line changed").
 */
export function metricLabel(label: string, value: number): string {
  if (value !== 1) return label;
  return label.replace(/\b([A-Za-z]{2,})s\b/, (word, stem: string) => (/(ss|us|is)$/i.test(word) ? word : stem));
}
