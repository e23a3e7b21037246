/**
 * The story editor (docs/DESIGN.md "Stories"): title; problem ("what was
 * wrong, and who noticed?"), approach ("what you decided, drove or
 * changed") and outcome ("what changed, with numbers"), each with the
 * specificity coach; scope signals with the ones the evidence suggests; the
 * evidence as a timeline (remove any); link suggestions the user confirms
 * one by one; a private note; "Ask a colleague" opens the testimonial
 * request (../testimonials/AskColleague) with the story's evidence chosen
 * (the first 20 when there are more). Saving goes through the write module: an
 * invalid story (over a limit, a hostile title) shows the error and stores
 * nothing.
 */
import { useEffect, useMemo, useState } from 'react';
import { coachClaim, coachImpact } from '../../../shared/coach';
import { KIND_LABELS, formatDay } from '../../../shared/case';
import { StoryScope, type Story } from '../../../shared/schemas';
import { SCOPE_LABELS, STORY_PROMPTS, storyTimeline, suggestScope } from '../../../shared/story';
import { describeLink, suggestLinks } from '../../../shared/story-links';
import { db } from '../../db/index';
import { deleteStory, saveStory } from '../../db/write';
import { useCaseData } from '../../hooks/useCaseData';
import { useSession } from '../../hooks/useSession';
import { AskColleague } from '../testimonials/AskColleague';
import { errorMessage } from '../format';
import { FormStatus } from '../form/FormStatus';
import { STORY_LIMITS } from '../form/limits';
import { CoachedTextarea, PrivateNoteField, TextField } from '../form/TextFields';

/** Most link suggestions shown at once. */
const MAX_SUGGESTIONS = 8;

/** Props: `storyId` null for a new story; `addIds` evidence to add; `onDone` closes. */
export function StoryEditor({
  storyId,
  addIds,
  onDone,
}: {
  storyId: string | null;
  addIds: string[];
  onDone: () => void;
}) {
  const { evidence, settings } = useCaseData();
  const [loaded, setLoaded] = useState(storyId === null);
  const [title, setTitle] = useState('');
  const [text, setText] = useState({ problem: '', approach: '', outcome: '' });
  const [ids, setIds] = useState<string[]>(() => [...new Set(addIds)]);
  const [scope, setScope] = useState<Story['scope']>([]);
  const [privateNote, setPrivateNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const session = useSession();

  useEffect(() => {
    if (storyId === null) return;
    void db.stories.get(storyId).then((s) => {
      if (s) {
        setTitle(s.title);
        setText({ problem: s.problem, approach: s.approach, outcome: s.outcome });
        setIds([...new Set([...s.evidenceIds, ...addIds])]);
        setScope(s.scope);
        setPrivateNote(s.privateNote);
      }
      setLoaded(true);
    });
  }, [storyId, addIds]);

  const byId = useMemo(() => new Map((evidence ?? []).map((e) => [e.id, e])), [evidence]);
  const { items, missing } = useMemo(() => storyTimeline({ evidenceIds: ids }, byId), [ids, byId]);
  const self = useMemo(() => [settings?.githubLogin ?? '', settings?.atlassianName ?? ''], [settings]);
  const suggestions = useMemo(
    () => suggestLinks(items, evidence ?? [], self).slice(0, MAX_SUGGESTIONS),
    [items, evidence, self],
  );
  const scopeHints = useMemo(() => suggestScope(items, self), [items, self]);
  const hints = useMemo(
    () => ({
      problem: coachClaim(text.problem).filter((h) => h.code !== 'not-first-person' && h.code !== 'passive'),
      approach: coachClaim(text.approach),
      outcome: coachImpact(text.outcome),
    }),
    [text],
  );

  async function save() {
    setBusy(true);
    setError(null);
    try {
      await saveStory({ id: storyId ?? undefined, title, ...text, evidenceIds: ids, scope, privateNote });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!storyId) return;
    await deleteStory(storyId);
    onDone();
  }

  if (!loaded) return <p className="muted">Loading…</p>;
  // A form of its own (forms do not nest); the editor's unsaved state stays here.
  if (asking) return <AskColleague items={items} session={session} onClose={() => setAsking(false)} />;
  return (
    <form
      className="story-editor"
      data-testid="story-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 className="card-title">{storyId ? 'Edit story' : 'New story'}</h2>
      <TextField
        label="Title"
        testId="story-title"
        value={title}
        maxLength={STORY_LIMITS.title}
        placeholder="Versioned sync API, from RFC to zero lost edits"
        onChange={setTitle}
      />
      {STORY_PROMPTS.map((p) => (
        <CoachedTextarea
          key={p.key}
          label={p.label}
          value={text[p.key]}
          onChange={(v) => setText({ ...text, [p.key]: v })}
          hints={hints[p.key]}
          fallback={p.hint}
          testId={`story-${p.key}`}
          rows={3}
          maxLength={STORY_LIMITS[p.key]}
          placeholder={p.hint}
        />
      ))}

      <fieldset className="field story-scope">
        <legend className="label">Scope signals</legend>
        {StoryScope.options.map((s) => {
          const hint = scopeHints.find((h) => h.scope === s);
          return (
            <label key={s} className="scope-option">
              <input
                type="checkbox"
                data-testid={`story-scope-${s}`}
                checked={scope.includes(s)}
                onChange={(e) => setScope(e.target.checked ? [...scope, s] : scope.filter((x) => x !== s))}
              />{' '}
              {SCOPE_LABELS[s]}
              {hint && !scope.includes(s) ? <span className="suggested"> · suggested: {hint.reason}</span> : null}
            </label>
          );
        })}
      </fieldset>

      <div className="field">
        <span className="label">
          Evidence ({items.length}
          {missing > 0 ? `, ${missing} deleted` : ''})
        </span>
        {items.length === 0 ? <p className="muted">No evidence in this story yet.</p> : null}
        <ol className="story-timeline" data-testid="story-evidence">
          {items.map((e) => (
            <li key={e.id}>
              <span className="story-item-title">{e.title}</span>{' '}
              <span className="muted">
                · {formatDay(e.occurredOn)} · {KIND_LABELS[e.kind]}
              </span>{' '}
              <button
                type="button"
                className="link-button small"
                aria-label={`Remove “${e.title}” from the story`}
                onClick={() => setIds(ids.filter((x) => x !== e.id))}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
      </div>

      {suggestions.length > 0 ? (
        <div className="field story-suggestions" data-testid="story-suggestions">
          <span className="label">Could belong here</span>
          <ul>
            {suggestions.map((s) => (
              <li key={s.evidenceId}>
                <span>{byId.get(s.evidenceId)?.title}</span> <span className="muted">· {describeLink(s)}</span>{' '}
                <button
                  type="button"
                  className="button small secondary"
                  data-testid="story-suggestion-add"
                  onClick={() => setIds([...ids, s.evidenceId])}
                >
                  Add
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <PrivateNoteField
        value={privateNote}
        onChange={setPrivateNote}
        maxLength={STORY_LIMITS.privateNote}
        placeholder="Only on your devices and account: never on a share page or in a packet."
        neverSharedMark={false}
      />

      <FormStatus message={error} testId="story-error" />
      <div className="story-actions">
        <button type="submit" className="button primary" data-testid="story-save" disabled={busy}>
          Save story
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          Cancel
        </button>
        <button
          type="button"
          className="button secondary"
          data-testid="story-ask-colleague"
          disabled={items.length === 0}
          title={items.length === 0 ? 'Add evidence first: a colleague answers about items' : undefined}
          onClick={() => setAsking(true)}
        >
          Ask a colleague
        </button>
        {storyId ? (
          <button type="button" className="button danger push-right" onClick={() => void remove()}>
            Delete story
          </button>
        ) : null}
      </div>
    </form>
  );
}
