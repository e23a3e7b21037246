/**
 * The sign-in code e-mail: subject, plain text and a small HTML part with
 * inline styles (readable in dark mode and on a phone).
 */
import type { DigestContent } from '../../shared/schemas';
import { MAIL_BODY_STYLE, mailDocument } from './document';

/** Subject of every sign-in code e-mail (the same for all: no code in it). */
export const SIGN_IN_SUBJECT = 'Your Casebook sign-in code';

/**
 * The e-mail carrying `code` (8 digits), valid for `minutes`. The subject,
 * `Your Casebook sign-in code`, never holds the code: subjects show on lock
 * screens and in provider logs. The code is in the text and HTML bodies.
 */
export async function signInCodeMail(code: string, minutes: number): Promise<DigestContent> {
  const subject = SIGN_IN_SUBJECT;
  const text = [
    `Your Casebook sign-in code is ${code}`,
    '',
    `Type it into the Casebook side panel. It works once and expires in ${minutes} minutes.`,
    'If you did not ask for it, ignore this e-mail: nobody can sign in without the code.',
  ].join('\n');
  const html = await mailDocument(
    subject,
    MAIL_BODY_STYLE,
    <>
      <p style="margin:0 0 12px">Your Casebook sign-in code is</p>
      <p style="margin:0 0 16px;font-size:32px;font-weight:700;letter-spacing:4px;font-family:ui-monospace,Menlo,Consolas,monospace">
        {code}
      </p>
      <p style="margin:0 0 8px">
        Type it into the Casebook side panel. It works once and expires in {minutes} minutes.
      </p>
      <p style="margin:0;opacity:0.75">
        If you did not ask for it, ignore this e-mail: nobody can sign in without the code.
      </p>
    </>,
  );
  return { subject, text, html };
}
