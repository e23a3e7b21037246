/**
 * The case view's Stories section (above coverage): each story with its
 * evidence timeline (doc → tickets → PRs → incident), the competencies of its
 * evidence, its scope signals and its people; an empty story says so.
 */
import type { Evidence } from '../../../shared/schemas';
import { formatDay, KIND_LABELS } from '../../../shared/case';
import { SCOPE_LABELS, storyCompetencies, storyPeople } from '../../../shared/story';
import { useCaseData } from '../../hooks/useCaseData';
import { EvidenceLink } from '../form/EvidenceLink';
import { openStory } from './open';
import { useStories } from './useStories';
import './stories.css';

/** The section; `evidence` is the live evidence (competencies mapped to the active rubric). */
export function StoriesSection({ evidence }: { evidence: readonly Evidence[] | undefined }) {
  const { competencyNames: names, settings } = useCaseData();
  const stories = useStories(evidence as Evidence[] | undefined);
  const self = [settings?.githubLogin ?? '', settings?.atlassianName ?? ''];
  if (!stories) return null;
  return (
    <section className="card stories-card" aria-labelledby="stories-h" data-testid="case-stories">
      <h2 className="card-title" id="stories-h">
        Stories <span className="muted">{stories.length}</span>
      </h2>
      {stories.length === 0 ? (
        <p className="muted">
          No stories yet. In the Library, select the doc, tickets and PRs of one piece of work and choose “Make a
          story”.
        </p>
      ) : null}
      {stories.map(({ story, items, missing }) => {
        const competencies = storyCompetencies(items);
        const people = storyPeople(items, self);
        return (
          <article key={story.id} className="story-card" data-testid="story-card" aria-label={story.title}>
            <div className="story-head">
              <h3 className="story-title">{story.title}</h3>
              <button
                type="button"
                className="link-button small"
                data-testid="story-edit"
                onClick={() => openStory({ mode: 'edit', storyId: story.id })}
              >
                Edit
              </button>
            </div>
            {story.scope.length + competencies.length > 0 ? (
              <ul className="chips">
                {story.scope.map((s) => (
                  <li key={s} className="chip scope">
                    {SCOPE_LABELS[s]}
                  </li>
                ))}
                {competencies.map((c) => (
                  <li key={c} className="chip">
                    {names.get(c) ?? c}
                  </li>
                ))}
              </ul>
            ) : null}
            {story.outcome ? <p className="story-outcome">{story.outcome}</p> : null}
            {items.length === 0 ? (
              <p className="untagged" data-testid="story-empty">
                No evidence left{missing > 0 ? ` (${missing} deleted)` : ''}: add items or delete the story.
              </p>
            ) : (
              <ol className="story-timeline">
                {items.map((e) => (
                  <li key={e.id}>
                    <span className={`kind-dot k-${e.kind}`} aria-hidden="true" />
                    <EvidenceLink item={e} />{' '}
                    <span className="muted">
                      · {formatDay(e.occurredOn)} · {KIND_LABELS[e.kind]}
                    </span>
                  </li>
                ))}
              </ol>
            )}
            {people.length > 0 ? <p className="muted story-people">With {people.join(', ')}</p> : null}
          </article>
        );
      })}
    </section>
  );
}
