/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
/**
 * Peer testimonials on the share page (docs/DESIGN.md "Peer testimonials"):
 * the "What peers say" section and the quotes beside each evidence card.
 * Only shown testimonials are ever passed in; every string is JSX-escaped.
 */
import type { FC } from 'hono/jsx';
import { attribution, type PeerQuote } from '../../shared/testimonials';

/** Constant CSS for the quotes, appended to the share page's stylesheet. */
export const PEER_QUOTES_CSS = `
.peer{margin:.7rem 0 0;padding:.45rem .8rem;border-left:3px solid var(--good);background:var(--chip);border-radius:0 6px 6px 0}
.peer p{margin:0;white-space:pre-line;overflow-wrap:anywhere}
.peer cite{display:block;margin-top:.25rem;color:var(--muted);font-size:.85rem;font-style:normal}
.peers .peer{background:var(--card);border:1px solid var(--line);border-left:3px solid var(--good);margin:0 0 .8rem;padding:.7rem 1rem}
.peers .about{margin:.3rem 0 0;color:var(--muted);font-size:.85rem}
@media print{.peer{break-inside:avoid}}
`;

/** One quote: the text, then "name, relationship". */
export const PeerQuoteBlock: FC<{ quote: PeerQuote; about?: { id: string; title: string }[] }> = ({ quote, about }) => (
  <figure class="peer" data-testid="peer-quote">
    <blockquote>
      <p>{`“${quote.text}”`}</p>
    </blockquote>
    <figcaption>
      <cite>{attribution(quote)}</cite>
      {about && about.length > 0 ? (
        <p class="about">
          {'About '}
          {about.map((a, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={`#ev-${a.id}`}>{a.title}</a>
            </>
          ))}
        </p>
      ) : null}
    </figcaption>
  </figure>
);

/** The "What peers say" section (nothing when there is no shown quote). */
export const PeersSection: FC<{ quotes: PeerQuote[]; titles: ReadonlyMap<string, string> }> = ({ quotes, titles }) =>
  quotes.length === 0 ? null : (
    <section id="peers" class="peers" aria-labelledby="peers-h">
      <h2 id="peers-h">What peers say</h2>
      <p class="desc">In colleagues’ own words, about the evidence below.</p>
      {quotes.map((q) => (
        <PeerQuoteBlock
          key={q.id}
          quote={q}
          about={q.evidenceIds.flatMap((id) => (titles.has(id) ? [{ id, title: titles.get(id) ?? '' }] : []))}
        />
      ))}
    </section>
  );

/**
 * The quotes beside one card as escaped HTML (JSX-rendered), for the share
 * page's string-built cards; '' when there are none.
 * @throws Error if the component ever renders asynchronously (it does not).
 */
export function peerQuotesHtml(quotes: readonly PeerQuote[] | undefined): string {
  if (!quotes || quotes.length === 0) return '';
  let h = '';
  for (const q of quotes) {
    const out = (<PeerQuoteBlock quote={q} />).toString();
    if (typeof out !== 'string') throw new Error('peer quote rendered asynchronously');
    h += out;
  }
  return h;
}
