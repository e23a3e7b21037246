/**
 * Peer quotes beside one evidence item (Library and case view): the
 * colleague's words, their name and relationship. React escapes every string.
 */
import { attribution, type PeerQuote } from '../../../shared/testimonials';

/** The quotes about one item (nothing when there are none). */
export function PeerQuotes({ quotes }: { quotes: readonly PeerQuote[] | undefined }) {
  if (!quotes || quotes.length === 0) return null;
  return (
    <ul className="peer-quotes" aria-label="What peers say">
      {quotes.map((q) => (
        <li key={q.id} className="peer-quote" data-testid="peer-quote">
          <q>{q.text}</q>
          <span className="peer-by">— {attribution(q)}</span>
        </li>
      ))}
    </ul>
  );
}
