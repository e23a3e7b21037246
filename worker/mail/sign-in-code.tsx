/**
 * The sign-in code e-mail: subject, plain text and a small HTML part with
 * inline styles (readable in dark mode and on a phone).
 */
import type { DigestContent } from '../../shared/schemas';

/**
 * The e-mail carrying `code` (8 digits), valid for `minutes`.
 * Subject: `Your Casebook sign-in code: 12345678`.
 */
export async function signInCodeMail(code: string, minutes: number): Promise<DigestContent> {
  const subject = `Your Casebook sign-in code: ${code}`;
  const text = [
    `Your Casebook sign-in code is ${code}`,
    '',
    `Type it into the Casebook side panel. It works once and expires in ${minutes} minutes.`,
    'If you did not ask for it, ignore this e-mail: nobody can sign in without the code.',
  ].join('\n');
  const doc = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{subject}</title>
      </head>
      <body style="margin:0;padding:24px;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;line-height:1.5">
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
      </body>
    </html>
  );
  const html = '<!doctype html>' + (await doc.toString());
  return { subject, text, html };
}
