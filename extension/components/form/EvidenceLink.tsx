/**
 * An evidence item's title as a link to its page, opened in a new tab without
 * the opener or referrer; items without an http(s) URL (a mentoring session,
 * a talk) show the title as plain text.
 */
import type { ReactNode } from 'react';
import type { Evidence } from '../../../shared/schemas';
import { isHttpUrl } from '../../../shared/url';

/** The link (or the plain `<span>`); `children` default to the item's title. */
export function EvidenceLink({
  item,
  className,
  children,
}: {
  item: Pick<Evidence, 'url' | 'title'>;
  className?: string;
  children?: ReactNode;
}) {
  const text = children ?? item.title;
  if (!isHttpUrl(item.url)) return <span className={className}>{text}</span>;
  return (
    <a className={className} href={item.url} target="_blank" rel="noreferrer noopener">
      {text}
    </a>
  );
}
