/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
/**
 * The HTML document of the short transactional e-mails (sign-in code,
 * testimonial request): the shared head (light and dark) and a body with
 * inline styles only. Every user string in `children` is escaped by JSX.
 */
import type { Child } from 'hono/jsx';
import { Head } from '../pages/head';

/** The system font stack and spacing every short e-mail's body starts with (inline style). */
export const MAIL_BODY_STYLE =
  'margin:0;padding:24px;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;line-height:1.5';

/**
 * `<!doctype html>` and the e-mail titled `subject`, `children` in a body
 * styled `bodyStyle` (e.g. {@link MAIL_BODY_STYLE} plus a max width).
 */
export async function mailDocument(subject: string, bodyStyle: string, children: Child): Promise<string> {
  const doc = (
    <html lang="en">
      <Head title={subject} colorScheme robots={false} />
      <body style={bodyStyle}>{children}</body>
    </html>
  );
  return '<!doctype html>' + (await doc.toString());
}
