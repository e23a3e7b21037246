/**
 * One evidence item in the library list: selectable for bulk tagging, with
 * edit and delete. Read-only view; the editor replaces it in place.
 */
import { memo } from 'react';
import type { Evidence } from '../../../shared/schemas';
import { formatDay, ROLE_LABELS, SOURCE_LABELS, KIND_LABELS } from '../../../shared/case';
import { metaChips } from '../../capture/chips';
import { localToday } from '../format';
import { isDraft, NEEDS_CLAIM } from '../../../shared/draft';
import { openStory } from '../stories/open';
import { highlight } from '../../search';
import type { PeerQuote } from '../../../shared/testimonials';
import { PeerQuotes } from '../testimonials/PeerQuotes';
import { EvidenceLink } from '../form/EvidenceLink';

/** Props of `EvidenceCard`. `competencies` are the item's ids in the active rubric. */
export interface EvidenceCardProps {
  item: Evidence;
  competencies: readonly string[];
  names: ReadonlyMap<string, string>;
  selected: boolean;
  onSelect: (id: string, on: boolean) => void;
  onEdit: (id: string) => void;
  onDelete: (item: Evidence) => void;
  /** Folded search terms to mark in the title, claim, impact and tags (`queryTerms`); none by default. */
  terms?: readonly string[];
  /** Shown peer testimonials about this item (none: nothing shown). */
  quotes?: readonly PeerQuote[];
  /** Opens "Ask a colleague" with this item (absent: no button). */
  onAsk?: (id: string) => void;
}

const NO_TERMS: readonly string[] = [];

/**
 * `text` with every occurrence of `terms` in a `<mark>` (case and accent
 * insensitive, see `highlight`). Rendered as React text nodes: nothing is parsed as HTML.
 */
export function Marked({ text, terms }: { text: string; terms: readonly string[] }) {
  if (terms.length === 0) return <>{text}</>;
  return <>{highlight(text, terms).map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : p.text))}</>;
}

/** The read-only card of one item. */
export const EvidenceCard = memo(function EvidenceCard({
  item: e,
  competencies,
  names,
  selected,
  onSelect,
  onEdit,
  onDelete,
  terms = NO_TERMS,
  quotes,
  onAsk,
}: EvidenceCardProps) {
  const chips = e.source !== 'web' && e.source !== 'manual' ? metaChips(e) : [];
  const tags = e.tags.filter((t) => !t.startsWith('signal:'));
  return (
    <article className={`evidence-card${selected ? ' selected' : ''}`} aria-label={e.title}>
      <div className="item-head">
        <input
          type="checkbox"
          className="select-box"
          aria-label={`Select “${e.title}”`}
          checked={selected}
          onChange={(ev) => onSelect(e.id, ev.target.checked)}
        />
        <EvidenceLink item={e} className="item-title">
          <Marked text={e.title} terms={terms} />
        </EvidenceLink>
        {isDraft(e) && (
          <button
            type="button"
            className="draft-badge"
            data-testid="needs-claim"
            title="Imported without a claim: add what you did"
            onClick={() => onEdit(e.id)}
          >
            {NEEDS_CLAIM}
          </button>
        )}
        {[
          {
            id: 'add-to-story',
            glyph: '+',
            label: 'Add',
            title: 'Add to story',
            run: () => openStory({ mode: 'pick', evidenceIds: [e.id] }),
          },
          { id: 'edit', glyph: '✎', label: 'Edit', title: 'Edit', run: () => onEdit(e.id) },
          { id: 'delete', glyph: '×', label: 'Delete', title: 'Delete', run: () => onDelete(e) },
        ].map((b) => (
          <button
            key={b.id}
            type="button"
            className={b.id === 'edit' ? 'icon-button edit' : 'icon-button'}
            aria-label={b.id === 'add-to-story' ? `Add “${e.title}” to a story` : `${b.label} “${e.title}”`}
            title={b.title}
            data-testid={`evidence-${b.id}`}
            onClick={b.run}
          >
            {b.glyph}
          </button>
        ))}
      </div>
      <p className="item-meta">
        {formatDay(e.occurredOn, localToday())} · {SOURCE_LABELS[e.source]} · {KIND_LABELS[e.kind]} ·{' '}
        {ROLE_LABELS[e.role]}
        {chips[0] ? ` · ${chips[0]}` : ''}
      </p>
      {e.claim && (
        <p className="item-claim">
          <Marked text={e.claim} terms={terms} />
        </p>
      )}
      {e.impact && (
        <p className="item-impact">
          <Marked text={e.impact} terms={terms} />
        </p>
      )}
      <PeerQuotes quotes={quotes} />
      {competencies.length > 0 ? (
        <ul className="chips" aria-label="Competencies">
          {competencies.map((c) => (
            <li key={c} className="chip">
              {names.get(c) ?? c}
            </li>
          ))}
          {tags.map((t) => (
            <li key={`tag:${t}`} className="chip tag">
              #<Marked text={t} terms={terms} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="untagged">
          Untagged:{' '}
          <button type="button" className="link-button inline" onClick={() => onEdit(e.id)}>
            map it to a competency
          </button>
        </p>
      )}
      {onAsk && (
        <button
          type="button"
          className="link-button small ask-link"
          data-testid="evidence-ask"
          onClick={() => onAsk(e.id)}
        >
          Ask a colleague
        </button>
      )}
    </article>
  );
});
