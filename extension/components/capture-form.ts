/**
 * The Capture tab's form state and the pure rules behind it: a form from a
 * page's draft (and the evidence already stored for that URL), a blank manual
 * form, and what the panel says after a save (the form's own rules are in
 * form/useEvidenceForm.ts).
 */
import type { CaptureDraft, Evidence } from '../../shared/schemas';
import { canonicalizeUrl, isHttpUrl } from '../../shared/url';
import { isDraft } from '../../shared/draft';
import type { TargetTab } from '../capture/panel';
import { localToday } from './format';
import { emptyEvidenceForm, roleForKind, type EvidenceFormState } from './form/useEvidenceForm';

/** What the capture form edits: the one evidence form's state (form/useEvidenceForm.ts). */
export type FormState = EvidenceFormState;

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
  return emptyEvidenceForm(draft.occurredOn ?? existing?.occurredOn ?? localToday(), {
    source: draft.source,
    kind,
    role,
    title: existing?.title ?? draft.title,
    url: draft.url,
    dateGuessed: !draft.occurredOn && !existing,
    claim: existing?.claim ?? '',
    impact: existing?.impact ?? '',
    privateNote: existing?.privateNote ?? '',
    competencies,
    suggested: draft.suggestedCompetencies,
    metrics: draft.metrics,
    // Tags and people are not on the capture form: keep what the stored item has.
    tags: existing?.tags ?? [],
    people: existing?.people ?? [],
    // Keep what an earlier capture stored (a newer client may have written more), refresh the rest.
    meta: { ...existing?.meta, ...draft.meta },
  });
}

/** A manual form: for `tab`'s http(s) page when known (source `web`), else blank (source `manual`). */
export function manualForm(tab: TargetTab | null): FormState {
  const http = tab?.url && isHttpUrl(tab.url) ? canonicalizeUrl(tab.url) : '';
  return emptyEvidenceForm(localToday(), {
    source: http ? 'web' : 'manual',
    title: http ? (tab?.title ?? '') : '',
    url: http,
  });
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
