/**
 * The weekly digest: subject, HTML e-mail and plain-text part for one user
 * and one ISO week. Pure: the queue consumer, `POST /digests/preview` and
 * `GET /d/:token` all call `composeDigest` with data they loaded.
 *
 * Three parts: ./model.ts computes what the digest shows, once; ./html.tsx
 * and ./text.ts render it. The HTML stays under {@link DIGEST_HTML_BUDGET}
 * bytes (Gmail clips messages above about 102 KB): when a busy week would not
 * fit, claims are dropped, then the item list is capped with a count of what
 * was left out. Private notes never appear (evidence goes through `toCard`).
 */
import type { DigestContent, DigestInput } from '../types';
import { renderHtml } from './html';
import { buildModel, CLAIM_CHARS, type Detail } from './model';
import { renderText } from './text';

export { digestSubject, peerAnswerLine, SUBJECT_MAX_CHARS } from './model';

/** Upper bound of the digest's HTML size in bytes (UTF-8). */
export const DIGEST_HTML_BUDGET = 95_000;

const encoder = new TextEncoder();

/**
 * Composes the weekly digest for `input.user` and ISO week `input.week`.
 * "This week" is evidence whose work happened in the week (`occurredOn`,
 * shared/dates.ts `evidenceOfWeek`); items added this week for earlier work (a
 * history import) are one count line, and drafts (no claim yet) another; gaps, consistency (last 4 quarters) and the streak are computed as of
 * the earlier of `input.now` and the week's Sunday. Returns the subject (see
 * {@link digestSubject}), the HTML (under {@link DIGEST_HTML_BUDGET} bytes)
 * and a plain-text part with the same content and links. Deleted evidence
 * and private notes are ignored.
 * @throws Error when `input.week` is not an ISO week id.
 */
export function composeDigest(input: DigestInput): DigestContent {
  const model = buildModel(input);
  const listed = model.groups.flatMap((g) => g.items);
  const total = listed.length;
  // Skip the full rendering when a rough size estimate (bytes per listed item) already exceeds the budget.
  const estimate =
    15_000 + listed.reduce((n, i) => n + 700 + i.card.title.length + Math.min(i.card.claim.length, CLAIM_CHARS), 0);
  const tries: Detail[] = estimate > DIGEST_HTML_BUDGET ? [] : [{ level: 'full', limit: total }];
  tries.push({ level: 'compact', limit: total });
  for (let limit = Math.min(total, 100); limit > 0; limit = Math.floor(limit / 2))
    tries.push({ level: 'capped', limit });
  tries.push({ level: 'capped', limit: 0 });
  for (const detail of tries) {
    const html = renderHtml(model, detail);
    if (encoder.encode(html).length <= DIGEST_HTML_BUDGET || detail.limit === 0) {
      return { subject: model.subject, html, text: renderText(model, detail) };
    }
  }
  throw new Error('unreachable');
}
