/**
 * Small server-rendered pages (Hono JSX) outside the share and digest
 * renderers: link errors, unsubscribe, the dev outbox. Inline styles only
 * (the capability-page CSP allows no other source).
 */
import type { Child, FC } from 'hono/jsx';
import { SHARE_PAGE_CSS } from '../render/share-page';
import { CapabilityPage, Head } from './head';

const STYLE = `
:root { color-scheme: light dark; }
body { margin: 0 auto; max-width: 44rem; padding: 2rem 1.25rem; font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; }
td, th { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #8884; vertical-align: top; }
pre { white-space: pre-wrap; background: #8881; padding: .75rem; border-radius: 6px; }
iframe { width: 100%; height: 32rem; border: 1px solid #8886; border-radius: 6px; background: #fff; }
button { font: inherit; padding: .5rem 1rem; border-radius: 6px; border: 1px solid #8888; cursor: pointer; }
.muted { opacity: .7; }
`;

/** A complete HTML document with `title` and `children` in the body. */
export const Layout: FC<{ title: string; children?: Child }> = ({ title, children }) => (
  <html lang="en">
    <Head title={title} css={STYLE} />
    <body>{children}</body>
  </html>
);

/** Renders a JSX element (sync or async components) to a complete HTML document string. */
export async function renderDocument(element: Child): Promise<string> {
  const node = (await element) as { toString(): string | Promise<string> } | null | undefined;
  return '<!doctype html>' + (node ? await node.toString() : '');
}

/**
 * The page for an unknown, revoked or expired capability link (share,
 * digest, testimonial, unsubscribe), in the share page's own styles so a
 * dead link still looks like the page it was.
 */
export const LinkProblemPage: FC<{ title: string; message: string }> = ({ title, message }) => (
  <CapabilityPage title={title} css={SHARE_PAGE_CSS}>
    <header>
      <p class="eyebrow">Casebook · read-only link</p>
      <h1>{title}</h1>
    </header>
    <section>
      <p>{message}</p>
      <p class="desc">Ask the person who sent you this link for a new one.</p>
    </section>
  </CapabilityPage>
);
