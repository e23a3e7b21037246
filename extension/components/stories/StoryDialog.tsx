/**
 * The story dialog, mounted once in the panel: picks a story to add items to
 * ("Add to story") or shows the story editor (new or existing). Opened
 * through ./open.ts.
 */
import { useEffect, useRef } from 'react';
import { useCaseData } from '../../hooks/useCaseData';
import { closeStory, openStory, useStoryRequest } from './open';
import { StoryEditor } from './StoryEditor';
import { useStories } from './useStories';
import './stories.css';

/** The dialog; renders nothing while no request is open. */
export function StoryDialog() {
  const request = useStoryRequest();
  const { evidence } = useCaseData();
  const stories = useStories(evidence);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!request) return;
    ref.current?.querySelector<HTMLElement>('input, button, textarea')?.focus();
    function onKey(e: KeyboardEvent) {
      if (e.key === 'Escape') closeStory();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [request]);
  if (!request) return null;
  return (
    <div className="story-overlay" role="presentation" onClick={(e) => e.target === e.currentTarget && closeStory()}>
      <div
        className="story-dialog card"
        role="dialog"
        aria-modal="true"
        aria-label="Story"
        ref={ref}
        data-testid="story-dialog"
      >
        {request.mode === 'pick' ? (
          <div className="story-pick">
            <h2 className="card-title">Add to story</h2>
            <p className="muted">
              {request.evidenceIds.length === 1 ? '1 item' : `${request.evidenceIds.length} items`} to add.
            </p>
            <ul className="story-pick-list">
              {(stories ?? []).map(({ story, items }) => (
                <li key={story.id}>
                  <button
                    type="button"
                    className="button secondary wide"
                    data-testid="story-pick"
                    onClick={() => openStory({ mode: 'edit', storyId: story.id, evidenceIds: request.evidenceIds })}
                  >
                    {story.title} <span className="muted">· {items.length} items</span>
                  </button>
                </li>
              ))}
            </ul>
            <div className="story-actions">
              <button
                type="button"
                className="button primary"
                data-testid="story-pick-new"
                onClick={() => openStory({ mode: 'new', evidenceIds: request.evidenceIds })}
              >
                New story
              </button>
              <button type="button" className="button secondary" onClick={closeStory}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <StoryEditor
            key={request.mode === 'edit' ? request.storyId : 'new'}
            storyId={request.mode === 'edit' ? request.storyId : null}
            addIds={request.evidenceIds ?? []}
            onDone={closeStory}
          />
        )}
      </div>
    </div>
  );
}
