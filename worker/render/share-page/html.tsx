/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
/**
 * The share page's markup (`GET /s/:token`), rendered server-side with Hono
 * JSX from its model (./model.ts). Calm, printable, phone-friendly, dark-mode
 * aware; inline `<style>` only (the route's CSP is `default-src 'none';
 * style-src 'unsafe-inline'`), no JavaScript, no external fonts or images.
 *
 * Every user string goes through JSX text or attribute escaping, or `esc` in
 * the card strings (./cards.ts); only the page's own constant stylesheet is
 * emitted raw.
 */
import type { FC } from 'hono/jsx';
import { formatDay } from '../../../shared/case';
import { CapabilityPage } from '../../pages/head';
import { periodLabel, type PublicCard } from '../common';
import type { ShareCaseInput } from '../types';
import { StoriesSection, STORY_CSS } from '../share-stories';
import { PEER_QUOTES_CSS, peerQuotesHtml, PeersSection } from '../peer-quotes';
import { cardRenderer } from './cards';
import { shareModel, type ShareModel } from './model';
import { Answer, CoverageTable, Timeline, WeeklyLogs } from './sections';
import { CSS } from './styles';

/** The page's stylesheet: its own, the stories' and the peer quotes' (constants). */
const PAGE_CSS = CSS + STORY_CSS + PEER_QUOTES_CSS;

/** One entry of the page's table of contents: `label` linking to `href`, with the count `n` when given. */
const TocLink: FC<{ href: string; label: string; n?: number }> = ({ href, label, n }) => (
  <li>
    <a href={href}>
      {label}
      {n === undefined ? null : (
        <>
          {' '}
          <span class="n">{String(n)}</span>
        </>
      )}
    </a>
  </li>
);

const Page: FC<{ model: ShareModel }> = ({ model }) => {
  const { input, cards, asOf, groups, untagged, coverageRows, names, firstGroup, anchors, stories, quotes, quotesOf } =
    model;
  const renderCards = cardRenderer();
  const quotesHtml = (card: PublicCard) => peerQuotesHtml(quotesOf.get(card.id));
  const title = `${input.ownerName}: ${input.label}`;
  const count = cards.length;
  return (
    <CapabilityPage title={title} css={PAGE_CSS}>
      <header>
        <p class="eyebrow">Promotion case · read-only</p>
        <h1>{input.ownerName}</h1>
        <p class="label">{input.label}</p>
        <dl class="facts">
          <div>
            <dt>Rubric</dt>
            <dd>{input.rubric.name}</dd>
          </div>
          <div>
            <dt>Period</dt>
            <dd>{periodLabel(input.scope)}</dd>
          </div>
          <div>
            <dt>Evidence</dt>
            <dd>{count === 1 ? '1 item' : `${count} items`}</dd>
          </div>
        </dl>
        <p class="actions">
          <a href={input.packetUrl}>Download as Markdown</a>
          {' ('}
          <a href={`${input.packetUrl}?format=google`}>Google-style</a>
          {', '}
          <a href={`${input.packetUrl}?format=amazon`}>Amazon-style</a>
          {', '}
          <a href={`${input.packetUrl}?format=meta`}>Meta-style</a>
          {')'}
          {` · Print this page for a paper copy · Generated ${formatDay(input.generatedAt.slice(0, 10))}`}
        </p>
        <ul class="toc" aria-label="Competencies">
          {stories.length > 0 ? <TocLink href="#stories" label="Stories" n={stories.length} /> : null}
          <TocLink href="#summary" label="Summary" />
          {quotes.length > 0 ? <TocLink href="#peers" label="What peers say" /> : null}
          {groups.map((g) => (
            <TocLink key={g.competencyId} href={`#c-${g.competencyId}`} label={g.name} n={g.items.length} />
          ))}
          {untagged.length > 0 ? <TocLink href="#untagged" label="Untagged" n={untagged.length} /> : null}
          {input.weeklyLogs.length > 0 ? <TocLink href="#weekly-logs" label="Weekly logs" /> : null}
          <TocLink href="#timeline" label="Timeline" />
        </ul>
      </header>
      <main>
        <StoriesSection stories={stories} anchors={anchors} />
        <section id="summary" aria-labelledby="summary-h">
          <h2 id="summary-h">Calibration summary</h2>
          <p class="desc">{`The committee's questions, answered from the evidence below (quarters up to ${formatDay(asOf)}).`}</p>
          {model.answers.map((a) => (
            <Answer key={a.id} answer={a} anchors={anchors} stories={stories} />
          ))}
          <h3>Coverage</h3>
          <CoverageTable rows={coverageRows} />
        </section>
        <PeersSection quotes={quotes} titles={new Map(cards.map((c) => [c.id, c.title]))} />
        {groups.map((g) => (
          <section
            key={g.competencyId}
            class="competency"
            id={`c-${g.competencyId}`}
            aria-labelledby={`c-${g.competencyId}-h`}
          >
            <h2 id={`c-${g.competencyId}-h`}>
              {g.name} <span class="count">{g.items.length === 1 ? '1 item' : `${g.items.length} items`}</span>
            </h2>
            <p class="desc">{input.rubric.competencies.find((c) => c.id === g.competencyId)?.description ?? ''}</p>
            {g.items.length === 0 ? <p class="empty">No evidence in this period.</p> : null}
            {renderCards(
              g.items,
              (card) => firstGroup.get(card.id) === g.competencyId,
              (card) =>
                card.competencies
                  .filter((id) => id !== g.competencyId && names.has(id))
                  .map((id) => names.get(id) ?? id),
              quotesHtml,
            )}
          </section>
        ))}
        {untagged.length > 0 ? (
          <section class="competency" id="untagged" aria-labelledby="untagged-h">
            <h2 id="untagged-h">
              Untagged <span class="count">{untagged.length === 1 ? '1 item' : `${untagged.length} items`}</span>
            </h2>
            <p class="desc">Evidence not yet mapped to a competency of this rubric.</p>
            {renderCards(
              untagged,
              (card) => firstGroup.get(card.id) === '',
              () => [],
              quotesHtml,
            )}
          </section>
        ) : null}
        {input.weeklyLogs.length > 0 ? (
          <section class="competency" id="weekly-logs" aria-labelledby="logs-h">
            <h2 id="logs-h">Weekly logs</h2>
            <p class="desc">What was shipped, decided, who was helped and the impact, week by week.</p>
            <WeeklyLogs logs={input.weeklyLogs} />
          </section>
        ) : null}
        <section id="timeline" aria-labelledby="timeline-h">
          <h2 id="timeline-h">Timeline</h2>
          <p class="desc">Evidence per month.</p>
          {cards.length === 0 ? <p class="empty">No evidence in this period.</p> : <Timeline cards={cards} />}
        </section>
      </main>
      <footer>
        <p>
          {`Read-only case from Casebook, generated ${formatDay(input.generatedAt.slice(0, 10))}. Private notes are never included. `}
          <a href={input.packetUrl}>Markdown packet</a>
        </p>
      </footer>
    </CapabilityPage>
  );
};

/**
 * Renders the read-only share page for `input` as a complete HTML document
 * (`<!doctype html>...`), synchronously. Sections: header (owner, label,
 * rubric, period, packet link), stories (when any; see ../share-stories.tsx),
 * calibration summary (stories cited first) with coverage, one
 * section per competency in rubric order (restricted to the share's
 * competencies when scoped), "Untagged", weekly logs when given, a monthly
 * timeline. Only http(s) source URLs become links.
 * @throws Error if a component ever renders asynchronously (none does).
 */
export function renderSharePage(input: ShareCaseInput): string {
  const out = (<Page model={shareModel(input)} />).toString();
  if (typeof out !== 'string') throw new Error('share page rendered asynchronously');
  return '<!doctype html>' + out;
}
