/**
 * The calibration question "What do their peers say?" in the case view
 * (docs/DESIGN.md "Peer testimonials"): answered with up to three shown
 * quotes (each with the evidence it is about), and flagging the competencies
 * that have evidence but no peer voice yet. Reads the cached testimonials, so
 * it works offline.
 */
import { useMemo } from 'react';
import type { Evidence, Rubric } from '../../../shared/schemas';
import { peerVoice, shownTestimonials } from '../../../shared/testimonials';
import { useCachedTestimonials } from '../../hooks/useTestimonials';
import { PeerQuotes } from './PeerQuotes';
import { competencyNames } from '../../../shared/competency-names';

/** How many quotes the answer shows before "and N more". */
const SHOWN = 3;

/** One `<li>` of the calibration list; `mapped` is the evidence with competencies in `rubric`. */
export function PeersAnswer({ mapped, rubric }: { mapped: readonly Evidence[]; rubric: Rubric }) {
  const cached = useCachedTestimonials();
  const { quotes, withoutPeerVoice } = useMemo(
    () =>
      peerVoice(
        mapped,
        shownTestimonials(cached ?? []),
        rubric.competencies.map((c) => c.id),
      ),
    [mapped, cached, rubric],
  );
  const names = competencyNames(rubric);
  const titles = new Map(mapped.map((e) => [e.id, e.title]));
  const supported = quotes.length > 0;
  return (
    <li className={supported ? 'answered' : 'unanswered'} data-testid="calibration-peers">
      <p className="question">
        <span className={`badge ${supported ? 'ok' : 'warn'}`}>{supported ? 'Answered' : 'Unanswered'}</span> What do
        their peers say?
      </p>
      <p className="muted small">
        {supported
          ? `${quotes.length} colleague${quotes.length === 1 ? '' : 's'} in their own words.`
          : 'No peer testimonial yet. Select items in the Library and “Ask a colleague”.'}
      </p>
      {quotes.slice(0, SHOWN).map((q) => (
        <div key={q.id}>
          <PeerQuotes quotes={[q]} />
          <p className="muted small peer-about">
            About {q.evidenceIds.map((id) => titles.get(id) ?? 'a removed item').join(', ')}
          </p>
        </div>
      ))}
      {quotes.length > SHOWN && <p className="muted small">and {quotes.length - SHOWN} more</p>}
      {withoutPeerVoice.length > 0 && (
        <p className="hint warn" data-testid="no-peer-voice">
          No peer voice yet for {withoutPeerVoice.map((id) => names.get(id) ?? id).join(', ')}.
        </p>
      )}
    </li>
  );
}
