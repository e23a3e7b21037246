/**
 * Evidence for story tests, built from the recorded/handwritten capture
 * fixtures' expected drafts (tests/expected/*.json, provenance in
 * tests/fixtures/SOURCES.md): a Confluence RFC, a Jira ticket PLAT-1432, the
 * PR that shipped it, a Jira ticket in epic KT-17, and the artsy/emission#327
 * PR from a recorded GitHub REST answer. PR titles carry real Jira keys from
 * the recorded Jira fixtures (PLAT-1432, TST-8), as engineers write them.
 */
import type { CaptureDraft, Evidence } from '../../../shared/schemas';
import confluenceRfc from '../../expected/confluence--cloud-v2-handwritten.json';
import postmortem from '../../expected/confluence--server-page-only-handwritten.json';
import prMerged from '../../expected/github-pr--react-2026-merged.json';
import prFilesTab from '../../expected/github-pr--merged-files-tab-2019.json';
import kt22 from '../../expected/jira--cloud-webhook-epic-link-KT-22.json';
import tst8 from '../../expected/jira--server-resolved-bug-TST-8.json';
import plat1432 from '../../expected/jira--server-page-only-handwritten.json';

/* Static imports (not the file system) so the helper also loads under happy-dom. */
const DRAFTS: Record<string, unknown> = {
  'confluence--cloud-v2-handwritten': confluenceRfc,
  'confluence--server-page-only-handwritten': postmortem,
  'github-pr--react-2026-merged': prMerged,
  'github-pr--merged-files-tab-2019': prFilesTab,
  'jira--cloud-webhook-epic-link-KT-22': kt22,
  'jira--server-resolved-bug-TST-8': tst8,
  'jira--server-page-only-handwritten': plat1432,
};

function draft(name: string): CaptureDraft {
  const d = DRAFTS[name];
  if (!d) throw new Error(`no expected draft ${name}`);
  return structuredClone(d) as CaptureDraft;
}

const HLC = '2026-11-20T09:00:00.000Z-0000-01JD3K8Q2VZ7';

/** A full evidence record from a draft, with a fixed id and the given overrides. */
export function fromDraft(name: string, id: string, over: Partial<Evidence> = {}): Evidence {
  const d = draft(name);
  return {
    id,
    source: d.source,
    kind: d.kind,
    role: d.role ?? 'author',
    url: d.url,
    title: d.title,
    occurredOn: d.occurredOn ?? '2026-10-01',
    capturedAt: '2026-11-20T09:00:00.000Z',
    claim: '',
    impact: '',
    metrics: d.metrics,
    competencies: d.suggestedCompetencies,
    tags: [],
    people: [],
    meta: d.meta,
    privateNote: '',
    updatedAt: HLC,
    deletedAt: null,
    ...over,
  };
}

/** Ids used by the story fixtures (valid ULIDs). */
export const IDS = {
  rfc: '01JD3K8Q2VZ7000000000000R1',
  ticket: '01JD3K8Q2VZ7000000000000T1',
  pr: '01JD3K8Q2VZ7000000000000P1',
  epicTicket: '01JD3K8Q2VZ7000000000000K1',
  artsy: '01JD3K8Q2VZ7000000000000A1',
  tst8: '01JD3K8Q2VZ7000000000000T8',
  doc: '01JD3K8Q2VZ7000000000000G1',
} as const;

/** The sync-API work: RFC → ticket → PR, each as the capture fixtures give it. */
export function syncWork(): { rfc: Evidence; ticket: Evidence; pr: Evidence } {
  const rfc = fromDraft('confluence--cloud-v2-handwritten', IDS.rfc, {
    claim: 'I wrote the RFC and drove the decision to use hybrid logical clocks.',
    competencies: ['technical-leadership', 'communication'],
    people: ['Min Lee'],
  });
  const ticket = fromDraft('jira--server-page-only-handwritten', IDS.ticket, {
    claim: `Split the rollout into tickets from the RFC ${rfc.url}`,
    competencies: ['ownership'],
  });
  const pr = fromDraft('github-pr--react-2026-merged', IDS.pr, {
    // The recorded PR with the ticket's real key in its title, as teams that link Jira write it.
    title: `PLAT-1432: ${draft('github-pr--react-2026-merged').title}`,
    // Merged after the RFC and the ticket, so the story reads in order (the page fixture's own date is earlier).
    occurredOn: '2026-10-14',
    meta: { ...draft('github-pr--react-2026-merged').meta, mergedAt: '2026-10-14T16:02:11.000Z' },
    competencies: ['technical-leadership'],
  });
  return { rfc, ticket, pr };
}
