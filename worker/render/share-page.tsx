/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
/**
 * The read-only case page behind a share link (`GET /s/:token`), rendered
 * server-side with Hono JSX. Calm, printable, phone-friendly, dark-mode aware;
 * inline `<style>` only (the route's CSP is `default-src 'none'; style-src
 * 'unsafe-inline'`), no JavaScript, no external fonts or images.
 *
 * Every user string goes through JSX text or attribute escaping; only the
 * page's own constant stylesheet is emitted raw. Private notes cannot appear:
 * evidence is turned into cards field by field (see `toCard`).
 */
import type { FC } from 'hono/jsx';
import { raw } from 'hono/html';
import {
  buildCase,
  formatDay,
  KIND_LABELS,
  monthlyCounts,
  ROLE_LABELS,
  SOURCE_LABELS,
  type CalibrationAnswer,
  type CompetencyCoverage,
} from '../../shared/case';
import type { WeeklyLog } from '../../shared/schemas';
import {
  compactTimeline,
  periodLabel,
  shareAsOf,
  shortMonth,
  STRENGTH_LABELS,
  toCard,
  WEEKLY_PROMPTS,
  weekLabel,
  type PublicCard,
} from './common';
import type { ShareCaseInput } from './types';
import { storiesCiting, STORY_QUESTIONS } from '../../shared/story';
import { storyViews, type StoryView } from '../../shared/packets/stories';
import { StoriesSection, STORY_CSS } from './share-stories';
import { quotesByEvidence } from '../../shared/testimonials';
import { PEER_QUOTES_CSS, peerQuotesHtml, PeersSection } from './peer-quotes';

/** How many items each calibration answer lists before "and N more". */
const SUMMARY_ITEMS = 5;

/* The page's only stylesheet: constant, never built from user data. */
export const CSS = `
:root{color-scheme:light dark;--bg:#fbfaf8;--fg:#1f2328;--muted:#5b6470;--line:#dcd9d3;--card:#ffffff;--accent:#1f5fbf;--chip:#eef1f5;--good:#1d7a46;--warn:#9a5b00;--bar:#7d9fd0}
@media (prefers-color-scheme:dark){:root{--bg:#16181c;--fg:#e6e7e9;--muted:#a3aab4;--line:#343840;--card:#1e2126;--accent:#8ab4f8;--chip:#2a2e35;--good:#6fcf97;--warn:#f2b35b;--bar:#4f6fa0}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.wrap{max-width:46rem;margin:0 auto;padding:1.5rem 1rem 3rem}
a{color:var(--accent);text-underline-offset:2px}
h1,h2,h3{line-height:1.25;margin:0}
h1{font-size:1.75rem}
h2{font-size:1.3rem;margin:0 0 .25rem}
h3{font-size:1.02rem}
.eyebrow{margin:0 0 .25rem;color:var(--muted);font-size:.8rem;letter-spacing:.06em;text-transform:uppercase}
.label{margin:.25rem 0 1rem;font-size:1.1rem;color:var(--muted)}
.facts{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:0 0 1rem}
.facts div{min-width:8rem}
.facts dt{color:var(--muted);font-size:.8rem}
.facts dd{margin:0;font-weight:600}
.actions{margin:0 0 1rem;color:var(--muted);font-size:.9rem}
.toc{margin:0 0 2rem;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:.4rem}
.toc a{display:inline-block;padding:.2rem .6rem;border-radius:999px;background:var(--chip);color:var(--fg);text-decoration:none;font-size:.85rem}
.toc .n{color:var(--muted)}
section{margin:0 0 2.25rem}
.desc{margin:.1rem 0 1rem;color:var(--muted);font-size:.92rem}
.count{font-weight:400;color:var(--muted);font-size:.9rem}
.q{border-left:3px solid var(--line);padding:.1rem 0 .1rem .9rem;margin:0 0 1.1rem}
.q.yes{border-left-color:var(--good)}
.q.no{border-left-color:var(--warn)}
.q p{margin:.2rem 0}
.q .no-ev{color:var(--warn);font-weight:600}
.q ul{margin:.3rem 0 0;padding-left:1.1rem}
.q li{margin:.15rem 0}
.more{color:var(--muted);font-size:.9rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.s-none{color:var(--warn)}
.s-strong{color:var(--good)}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.9rem 1rem;margin:0 0 .8rem}
.card h3{overflow-wrap:anywhere}
.card .meta{margin:.2rem 0 .5rem;color:var(--muted);font-size:.85rem}
.card dl{margin:0}
.card dt{font-size:.75rem;letter-spacing:.05em;text-transform:uppercase;color:var(--muted);margin-top:.4rem}
.card dd{margin:0;white-space:pre-line;overflow-wrap:anywhere}
.metrics{list-style:none;margin:.6rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.35rem}
.metrics li{background:var(--chip);border-radius:6px;padding:.1rem .5rem;font-size:.82rem;font-variant-numeric:tabular-nums}
.people,.also{margin:.5rem 0 0;color:var(--muted);font-size:.85rem}
.empty{color:var(--muted);font-style:italic}
.log{border-top:1px solid var(--line);padding:.75rem 0}
.log dl{margin:.3rem 0 0}
.log dt{font-weight:600;font-size:.9rem;margin-top:.4rem}
.log dd{margin:0;white-space:pre-line;overflow-wrap:anywhere}
.timeline td{border:0;padding:.15rem .5rem}
.timeline .m{white-space:nowrap;color:var(--muted);width:6.5rem}
.timeline .gap td{color:var(--muted);font-size:.82rem;font-style:italic}
.timeline .b{width:100%}
.timeline .bar{height:.7rem;border-radius:3px;background:var(--bar);min-width:2px}
footer{border-top:1px solid var(--line);padding-top:1rem;color:var(--muted);font-size:.85rem}
@media (max-width:30rem){.wrap{padding:1rem .75rem 2rem}h1{font-size:1.45rem}.card{padding:.75rem .8rem}}
@page{margin:16mm 14mm}
@media print{
:root{--bg:#fff;--fg:#000;--muted:#444;--line:#bbb;--card:#fff;--chip:#fff;--bar:#888;color-scheme:light}
body{font-size:10.5pt;line-height:1.4}
.wrap{max-width:none;padding:0}
a{color:inherit;text-decoration:none}
.card h3 a[href]::after{content:" (" attr(href) ")";font-weight:400;font-size:8pt;color:#444;overflow-wrap:anywhere}
.actions,.toc,.no-print{display:none}
.competency{break-before:page}
.card,.q,.log,tr{break-inside:avoid}
h2,h3{break-after:avoid}
.metrics li{border:1px solid #bbb}
.timeline .bar{print-color-adjust:exact;-webkit-print-color-adjust:exact}
}
`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/;

/** `s` escaped for HTML text and double-quoted attribute values (the same five characters as Hono JSX). */
function esc(s: string): string {
  return SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : s;
}

/** Card markup between the `<article>` tag and the "Also under" line, per card object (a card shows under each of its competencies). */
const bodies = new WeakMap<PublicCard, string>();

/** The part of a card that is the same in every section it shows in: title, meta line, claim, impact, metrics, people. */
function cardBody(card: PublicCard): string {
  let h = bodies.get(card);
  if (h !== undefined) return h;
  h = card.href ? `<h3><a href="${esc(card.href)}">${esc(card.title)}</a></h3>` : `<h3>${esc(card.title)}</h3>`;
  h += `<p class="meta"><time datetime="${esc(card.occurredOn)}">${esc(formatDay(card.occurredOn))}</time>${esc(
    ` · ${ROLE_LABELS[card.role]} · ${KIND_LABELS[card.kind]} · ${SOURCE_LABELS[card.source]}`,
  )}${card.ref ? esc(` · ${card.ref}`) : ''}</p>`;
  if (card.claim || card.impact) {
    h += '<dl>';
    if (card.claim) h += `<dt>Claim</dt><dd>${esc(card.claim)}</dd>`;
    if (card.impact) h += `<dt>Impact</dt><dd>${esc(card.impact)}</dd>`;
    h += '</dl>';
  }
  if (card.metrics.length > 0)
    h += `<ul class="metrics">${card.metrics.map((m) => `<li>${esc(m)}</li>`).join('')}</ul>`;
  if (card.people.length > 0) h += `<p class="people">${esc(`With ${card.people.join(', ')}`)}</p>`;
  bodies.set(card, h);
  return h;
}

/**
 * One evidence card as an HTML string: the share page's hot path (500 cards,
 * each under every competency it supports), built as escaped string parts
 * rather than JSX elements. Every user string goes through `esc`; the markup is
 * byte for byte what the JSX card gave.
 */
function cardHtml(card: PublicCard, anchor: boolean, also: readonly string[], extra = ''): string {
  const open = anchor ? `<article class="card" id="ev-${esc(card.id)}">` : '<article class="card">';
  const tail = also.length > 0 ? `<p class="also">${esc(`Also under ${also.join(', ')}`)}</p>` : '';
  return `${open}${cardBody(card)}${tail}${extra}</article>`;
}

/**
 * The cards of one section as one raw (already escaped) fragment; `also(card)`
 * names its other competencies; `extra(card)` is escaped markup closing the
 * card (the peer quotes about it).
 */
function renderCards(
  cards: readonly PublicCard[],
  anchor: (card: PublicCard) => boolean,
  also: (card: PublicCard) => readonly string[],
  extra: (card: PublicCard) => string = () => '',
) {
  let h = '';
  for (const c of cards) h += cardHtml(c, anchor(c), also(c), extra(c));
  return raw(h);
}

const Answer: FC<{ answer: CalibrationAnswer<PublicCard>; anchors: Set<string>; stories: StoryView[] }> = ({
  answer,
  anchors,
  stories,
}) => {
  // Stories first: one piece of senior-sized work weighs more than single items.
  const cited = STORY_QUESTIONS.includes(answer.id)
    ? storiesCiting(
        stories,
        answer.evidence.map((e) => e.id),
      )
    : [];
  const shown = answer.evidence.slice(0, SUMMARY_ITEMS);
  const rest = answer.evidence.length - shown.length;
  return (
    <div class={`q ${answer.supported ? 'yes' : 'no'}`}>
      <h3>{answer.question}</h3>
      <p class={answer.evidence.length === 0 ? 'no-ev' : undefined}>{answer.answer}</p>
      {shown.length + cited.length > 0 ? (
        <ul>
          {cited.map((s) => (
            <li key={`s-${s.id}`} class="st">
              {'Story: '}
              <a href={`#story-${s.id}`}>{s.title}</a>
              {` (${s.items.length === 1 ? '1 item' : `${s.items.length} items`})`}
            </li>
          ))}
          {shown.map((e) => (
            <li key={e.id}>
              {anchors.has(e.id) ? <a href={`#ev-${e.id}`}>{e.title}</a> : e.title}
              {` (${formatDay(e.occurredOn)})`}
            </li>
          ))}
        </ul>
      ) : null}
      {rest > 0 ? <p class="more">{`and ${rest} more below`}</p> : null}
    </div>
  );
};

const CoverageTable: FC<{ rows: CompetencyCoverage[] }> = ({ rows }) => (
  <table>
    <thead>
      <tr>
        <th>Competency</th>
        <th class="num">Items</th>
        <th>Latest</th>
        <th>Strength</th>
      </tr>
    </thead>
    <tbody>
      {rows.map((r) => (
        <tr key={r.competencyId}>
          <td>
            <a href={`#c-${r.competencyId}`}>{r.name}</a>
          </td>
          <td class="num">{String(r.count)}</td>
          <td>{r.lastOn ? formatDay(r.lastOn) : '–'}</td>
          <td class={`s-${r.strength}`}>{STRENGTH_LABELS[r.strength]}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

const Timeline: FC<{ cards: PublicCard[] }> = ({ cards }) => {
  const months = monthlyCounts(cards);
  const max = Math.max(1, ...months.map((m) => m.count));
  return (
    <table class="timeline">
      <tbody>
        {compactTimeline(months).map((row) =>
          row.kind === 'gap' ? (
            <tr key={row.from} class="gap">
              <td class="m">{`${shortMonth(row.from)} to ${shortMonth(row.to)}`}</td>
              <td class="b">
                <span class="none">{`${row.months} months without evidence`}</span>
              </td>
              <td class="num">0</td>
            </tr>
          ) : (
            <tr key={row.month}>
              <td class="m">{shortMonth(row.month)}</td>
              <td class="b">
                {row.count > 0 ? <div class="bar" style={`width:${Math.round((row.count / max) * 100)}%`} /> : null}
              </td>
              <td class="num">{String(row.count)}</td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
};

const WeeklyLogs: FC<{ logs: WeeklyLog[] }> = ({ logs }) => (
  <>
    {[...logs]
      .sort((a, b) => (a.week < b.week ? 1 : -1))
      .map((log) => {
        const answered = WEEKLY_PROMPTS.filter((p) => log[p.key].trim() !== '');
        return (
          <div key={log.id} class="log">
            <h3>{weekLabel(log.week)}</h3>
            {answered.length === 0 ? (
              <p class="empty">Nothing written this week.</p>
            ) : (
              <dl>
                {answered.map((p) => (
                  <>
                    <dt>{p.label}</dt>
                    <dd>{log[p.key].trim()}</dd>
                  </>
                ))}
              </dl>
            )}
          </div>
        );
      })}
  </>
);

const Page: FC<{ input: ShareCaseInput }> = ({ input }) => {
  const cards = input.evidence.map(toCard);
  const asOf = shareAsOf(input);
  const view = buildCase(cards, input.rubric, asOf);
  const scoped = input.scope.competencies;
  const groups = scoped && scoped.length > 0 ? view.groups.filter((g) => scoped.includes(g.competencyId)) : view.groups;
  const coverageRows = view.coverage.filter((c) => groups.some((g) => g.competencyId === c.competencyId));
  const names = new Map(input.rubric.competencies.map((c) => [c.id, c.name]));

  // Each card gets its anchor (`#ev-ID`) where it first appears: its first shown competency, else "Untagged".
  const firstGroup = new Map<string, string>();
  for (const g of groups) for (const c of g.items) if (!firstGroup.has(c.id)) firstGroup.set(c.id, g.competencyId);
  for (const c of view.untagged) if (!firstGroup.has(c.id)) firstGroup.set(c.id, '');
  const anchors = new Set(firstGroup.keys());

  const stories = storyViews(input.stories ?? [], cards, input.rubric).filter((v) => !v.empty);

  const quotes = input.testimonials ?? [];
  const quotesOf = quotesByEvidence(quotes);
  const quotesHtml = (card: PublicCard) => peerQuotesHtml(quotesOf.get(card.id));
  const title = `${input.ownerName}: ${input.label}`;
  const count = cards.length;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="no-referrer" />
        <title>{title}</title>
        <style>{raw(CSS + STORY_CSS + PEER_QUOTES_CSS)}</style>
      </head>
      <body>
        <div class="wrap">
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
              {stories.length > 0 ? (
                <li>
                  <a href="#stories">
                    Stories <span class="n">{String(stories.length)}</span>
                  </a>
                </li>
              ) : null}
              <li>
                <a href="#summary">Summary</a>
              </li>
              {quotes.length > 0 ? (
                <li>
                  <a href="#peers">What peers say</a>
                </li>
              ) : null}
              {groups.map((g) => (
                <li key={g.competencyId}>
                  <a href={`#c-${g.competencyId}`}>
                    {g.name} <span class="n">{String(g.items.length)}</span>
                  </a>
                </li>
              ))}
              {view.untagged.length > 0 ? (
                <li>
                  <a href="#untagged">
                    Untagged <span class="n">{String(view.untagged.length)}</span>
                  </a>
                </li>
              ) : null}
              {input.weeklyLogs.length > 0 ? (
                <li>
                  <a href="#weekly-logs">Weekly logs</a>
                </li>
              ) : null}
              <li>
                <a href="#timeline">Timeline</a>
              </li>
            </ul>
          </header>
          <main>
            <StoriesSection stories={stories} anchors={anchors} />
            <section id="summary" aria-labelledby="summary-h">
              <h2 id="summary-h">Calibration summary</h2>
              <p class="desc">{`The committee's questions, answered from the evidence below (quarters up to ${formatDay(asOf)}).`}</p>
              {view.calibration.answers.map((a) => (
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
            {view.untagged.length > 0 ? (
              <section class="competency" id="untagged" aria-labelledby="untagged-h">
                <h2 id="untagged-h">
                  Untagged{' '}
                  <span class="count">{view.untagged.length === 1 ? '1 item' : `${view.untagged.length} items`}</span>
                </h2>
                <p class="desc">Evidence not yet mapped to a competency of this rubric.</p>
                {renderCards(
                  view.untagged,
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
        </div>
      </body>
    </html>
  );
};

/**
 * Renders the read-only share page for `input` as a complete HTML document
 * (`<!doctype html>...`), synchronously. Sections: header (owner, label,
 * rubric, period, packet link), stories (when any; see ./share-stories.tsx),
 * calibration summary (stories cited first) with coverage, one
 * section per competency in rubric order (restricted to the share's
 * competencies when scoped), "Untagged", weekly logs when given, a monthly
 * timeline. Only http(s) source URLs become links.
 * @throws Error if a component ever renders asynchronously (none does).
 */
export function renderSharePage(input: ShareCaseInput): string {
  const out = (<Page input={input} />).toString();
  if (typeof out !== 'string') throw new Error('share page rendered asynchronously');
  return '<!doctype html>' + out;
}
