/**
 * The library's bulk bar, shown while items are selected: make them a story,
 * tag them all with a competency or a tag, or ask a colleague about them.
 */
import { useState } from 'react';
import type { Rubric } from '../../../shared/schemas';
import { CompetencySelect } from '../form/CompetencySelect';
import { EVIDENCE_LIMITS } from '../form/limits';

/** The bar shown while items are selected: make them a story, or tag them all with a competency or a tag. */
export function BulkBar({
  count,
  busy,
  rubric,
  onAddCompetency,
  onAddTag,
  onAsk,
  onClear,
  onMakeStory,
}: {
  count: number;
  busy: boolean;
  rubric: Pick<Rubric, 'competencies'>;
  onAddCompetency: (id: string) => void;
  onAddTag: (tag: string) => void;
  onAsk: () => void;
  onClear: () => void;
  onMakeStory: () => void;
}) {
  const [competency, setCompetency] = useState(rubric.competencies[0]?.id ?? '');
  const [tag, setTag] = useState('');
  return (
    <div className="card bulk-bar" role="region" aria-label="Bulk tagging" data-testid="bulk-bar">
      <p className="bulk-title">
        <strong>{count.toLocaleString('en-US')}</strong> selected
        <button type="button" className="button primary small" data-testid="make-story" onClick={onMakeStory}>
          Make a story
        </button>
        <button type="button" className="link-button small push-right" onClick={onClear}>
          Clear selection
        </button>
      </p>
      <div className="bulk-row">
        <CompetencySelect
          label="Competency to add"
          hideLabel
          className="field grow"
          rubric={rubric}
          value={competency}
          onChange={setCompetency}
          testId="bulk-competency"
        />
        <button
          type="button"
          className="button secondary"
          data-testid="bulk-apply"
          disabled={busy || !competency}
          onClick={() => onAddCompetency(competency)}
        >
          Tag
        </button>
      </div>
      <form
        className="bulk-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (tag.trim()) onAddTag(tag.trim());
          setTag('');
        }}
      >
        <label className="field grow">
          <span className="visually-hidden">Tag to add</span>
          <input
            className="input"
            value={tag}
            maxLength={EVIDENCE_LIMITS.tag}
            placeholder="Add a tag, e.g. h2-review"
            onChange={(e) => setTag(e.target.value)}
          />
        </label>
        <button type="submit" className="button secondary" disabled={busy || !tag.trim()}>
          Add tag
        </button>
      </form>
      <div className="bulk-row">
        <button type="button" className="button secondary grow" data-testid="bulk-ask" onClick={onAsk}>
          Ask a colleague about {count === 1 ? 'this item' : `these ${count.toLocaleString('en-US')}`}
        </button>
      </div>
    </div>
  );
}
