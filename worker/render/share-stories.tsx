/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
/**
 * The "Stories" section of the share page (docs/DESIGN.md "Stories"): each
 * story with its problem, approach and outcome, scope signals, competencies
 * and people, and its in-scope evidence as a timeline (doc → tickets → PRs →
 * incident) linking to the evidence cards below. Every string goes through
 * JSX escaping; stories arrive without private notes.
 */
import type { FC } from 'hono/jsx';
import { formatDay, KIND_LABELS } from '../../shared/case';
import { storySpan, type StoryView } from '../../shared/packets/stories';

/** The section's styles, appended to the page's constant stylesheet. */
export const STORY_CSS = `
.story{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:10px;padding:1rem 1.1rem;margin:0 0 1rem}
.story h3{font-size:1.12rem;overflow-wrap:anywhere}
.story .meta{margin:.2rem 0 .5rem;color:var(--muted);font-size:.85rem}
.chips{list-style:none;margin:.3rem 0 .4rem;padding:0;display:flex;flex-wrap:wrap;gap:.35rem}
.chips li{background:var(--chip);border-radius:999px;padding:.05rem .55rem;font-size:.8rem}
.chips li.scope{font-weight:600}
.story dl{margin:.4rem 0 0}
.story dt{font-size:.75rem;letter-spacing:.05em;text-transform:uppercase;color:var(--muted);margin-top:.45rem}
.story dd{margin:0;white-space:pre-line;overflow-wrap:anywhere}
.story ol{margin:.6rem 0 0;padding-left:1.3rem}
.story ol li{margin:.15rem 0;overflow-wrap:anywhere}
.story ol .k{color:var(--muted);font-size:.85rem}
.q .st{font-weight:600}
@media print{.story{break-inside:avoid;border-left-width:2px}}
`;

/** One story card. `anchors` are evidence ids that have a card on the page (`#ev-ID`). */
const StoryCard: FC<{ story: StoryView; anchors: Set<string> }> = ({ story, anchors }) => (
  <article class="story" id={`story-${story.id}`}>
    <h3>{story.title}</h3>
    <p class="meta">
      {`${storySpan(story)} · ${story.items.length === 1 ? '1 item' : `${story.items.length} items`}`}
      {story.people.length > 0 ? ` · With ${story.people.join(', ')}` : ''}
    </p>
    {story.scopeLabels.length + story.competencies.length > 0 ? (
      <ul class="chips" aria-label="Scope signals and competencies">
        {story.scopeLabels.map((s) => (
          <li key={s} class="scope">
            {s}
          </li>
        ))}
        {story.competencies.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    ) : null}
    {story.problem || story.approach || story.outcome ? (
      <dl>
        {story.problem ? (
          <>
            <dt>Problem</dt>
            <dd>{story.problem}</dd>
          </>
        ) : null}
        {story.approach ? (
          <>
            <dt>Approach</dt>
            <dd>{story.approach}</dd>
          </>
        ) : null}
        {story.outcome ? (
          <>
            <dt>Outcome</dt>
            <dd>{story.outcome}</dd>
          </>
        ) : null}
      </dl>
    ) : null}
    <ol aria-label="Evidence timeline">
      {story.items.map((c) => (
        <li key={c.id}>
          {anchors.has(c.id) ? <a href={`#ev-${c.id}`}>{c.title}</a> : c.title}
          <span class="k">{` · ${formatDay(c.occurredOn)} · ${KIND_LABELS[c.kind]}`}</span>
        </li>
      ))}
    </ol>
  </article>
);

/** The Stories section; nothing when there are no stories. */
export const StoriesSection: FC<{ stories: StoryView[]; anchors: Set<string> }> = ({ stories, anchors }) =>
  stories.length === 0 ? null : (
    <section id="stories" aria-labelledby="stories-h">
      <h2 id="stories-h">Stories</h2>
      <p class="desc">Pieces of work told end to end, with the evidence behind each.</p>
      {stories.map((s) => (
        <StoryCard key={s.id} story={s} anchors={anchors} />
      ))}
    </section>
  );
