/**
 * The e-mail asking a colleague for a testimonial (docs/DESIGN.md "Peer
 * testimonials"): who asks, how many items, the link, when it expires, and
 * that the address is not kept. Inline styles, readable in dark mode and on a
 * phone; every user string escaped by JSX (HTML) or left plain (text).
 */
import { formatDay } from '../../shared/case';
import type { DigestContent } from '../../shared/schemas';
import { MAIL_BODY_STYLE, mailDocument } from './document';
import { TESTIMONIAL_QUESTION } from '../../shared/testimonials';
import { oneLine } from './mime';

/**
 * The request mail: `ownerName` asks `peerName` about `items` evidence items
 * through `url` (the capability link), valid until `expiresAt` (ISO time).
 * Subject: `Ada Lovelace asked for your view on their work`.
 */
export async function testimonialRequestMail(input: {
  ownerName: string;
  peerName: string;
  items: number;
  question: string | null;
  url: string;
  expiresAt: string;
}): Promise<DigestContent> {
  // Names are the user's own text: one line each, so no header or line can be forged with them.
  const ownerName = oneLine(input.ownerName).trim() || 'A colleague';
  const peerName = oneLine(input.peerName).trim() || 'there';
  const { url } = input;
  const until = formatDay(input.expiresAt.slice(0, 10));
  const what = input.items === 1 ? 'one piece of their work' : `${input.items} pieces of their work`;
  const subject = `${ownerName} asked for your view on their work`;
  const text = [
    `Hi ${peerName},`,
    '',
    `${ownerName} is preparing a promotion case and asked for a few sentences from you about ${what}.`,
    ...(input.question ? ['', `${ownerName} writes: ${input.question}`] : []),
    '',
    `The question: ${TESTIMONIAL_QUESTION}`,
    '',
    `Answer here (no account needed; the link works until ${until}):`,
    url,
    '',
    'Your e-mail address was used once to send this message and is not kept.',
  ].join('\n');
  const html = await mailDocument(
    subject,
    `${MAIL_BODY_STYLE};max-width:560px`,
    <>
      <p style="margin:0 0 12px">{`Hi ${peerName},`}</p>
      <p style="margin:0 0 12px">
        {`${ownerName} is preparing a promotion case and asked for a few sentences from you about ${what}.`}
      </p>
      {input.question ? (
        <p style="margin:0 0 12px;padding:8px 12px;border-left:3px solid #1f5fbf">{input.question}</p>
      ) : null}
      <p style="margin:0 0 16px">
        <strong>{TESTIMONIAL_QUESTION}</strong>
      </p>
      <p style="margin:0 0 16px">
        <a
          href={url}
          style="display:inline-block;padding:10px 18px;border-radius:8px;background:#1f5fbf;color:#ffffff;text-decoration:none;font-weight:600"
        >
          Answer in your browser
        </a>
      </p>
      <p style="margin:0 0 8px;opacity:0.8">{`No account needed. The link works until ${until}.`}</p>
      <p style="margin:0;opacity:0.7">Your e-mail address was used once to send this message and is not kept.</p>
    </>,
  );
  return { subject, text, html };
}
