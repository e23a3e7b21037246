/**
 * A link just created (a share link, a testimonial request): a hint, the URL
 * in a read-only field that selects itself on focus, "Copy" (reads "Copied"
 * once copied) and, when `open` is set, "Open" in a new tab. The block is a
 * `role="status"` region so the new link is announced.
 */
import type { ReactNode } from 'react';

/** Props of {@link CreatedLink}. */
export interface CreatedLinkProps {
  /** The http(s) URL to show. */
  url: string;
  /** The line above the URL (when it expires, where to send it). */
  hint: ReactNode;
  /** Accessible name of the URL field, e.g. "Share link". */
  label: string;
  /** `data-testid` of the URL field. */
  testId: string;
  /** Whether this link was the last one copied. */
  copied: boolean;
  onCopy: () => void;
  /** Show an "Open" link beside "Copy". */
  open?: boolean;
}

/** The created-link block: hint, URL field, Copy (and Open). */
export function CreatedLink({ url, hint, label, testId, copied, onCopy, open = false }: CreatedLinkProps) {
  return (
    <div className="created" role="status">
      <p className="hint">{hint}</p>
      <div className="copy-row">
        <input
          className="input mono"
          data-testid={testId}
          value={url}
          readOnly
          aria-label={label}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="button secondary" onClick={onCopy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        {open && (
          <a className="button secondary" href={url} target="_blank" rel="noreferrer noopener">
            Open
          </a>
        )}
      </div>
    </div>
  );
}
