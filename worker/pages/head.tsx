/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
/**
 * The one `<head>` of every server-rendered page and e-mail (share page,
 * colleague's testimonial page, link problem pages, dev pages, digest,
 * sign-in and request e-mails), and the document frame of the capability
 * pages. Inline `<style>` only: the capability pages' CSP allows no other
 * source.
 */
import type { Child, FC } from 'hono/jsx';
import { raw } from 'hono/html';

/** What a page's `<head>` carries besides charset and viewport. */
export interface HeadProps {
  title: string;
  /** `color-scheme: light dark` (the page follows the reader's light or dark mode). */
  colorScheme?: boolean;
  /** Also `supported-color-schemes` (older Apple Mail), for e-mails. */
  emailColorSchemes?: boolean;
  /** `robots: noindex, nofollow` (default on; off for e-mails). */
  robots?: boolean;
  /** `referrer: no-referrer` (capability pages, whose URL is the secret). */
  referrer?: boolean;
  /** The page's constant stylesheet, emitted raw: never build it from user data. */
  css?: string;
}

/** `<head>`: charset, viewport, then the metas `props` asks for, the title (escaped) and the stylesheet. */
export const Head: FC<HeadProps> = ({ title, colorScheme, emailColorSchemes, robots = true, referrer, css }) => (
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    {colorScheme ? <meta name="color-scheme" content="light dark" /> : null}
    {emailColorSchemes ? <meta name="supported-color-schemes" content="light dark" /> : null}
    {robots ? <meta name="robots" content="noindex, nofollow" /> : null}
    {referrer ? <meta name="referrer" content="no-referrer" /> : null}
    <title>{title}</title>
    {css === undefined ? null : <style>{raw(css)}</style>}
  </head>
);

/**
 * A capability page (share, testimonial, link problem): light or dark, not
 * indexed, no referrer, `css` inline, `children` inside `<div class="wrap">`.
 */
export const CapabilityPage: FC<{ title: string; css: string; children?: Child }> = ({ title, css, children }) => (
  <html lang="en">
    <Head title={title} colorScheme referrer css={css} />
    <body>
      <div class="wrap">{children}</div>
    </body>
  </html>
);
