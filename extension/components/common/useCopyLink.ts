/**
 * Copying a link to the clipboard, for the Share tab's links and the peer
 * testimonial requests. `copied` names what was copied last (a share or
 * request id), so the button it belongs to reads "Copied".
 */
import { useCallback, useState } from 'react';

/** The message shown when the clipboard refuses (no permission, no focus). */
export const COPY_FAILED = 'Copy failed: select the link and copy it by hand.';

/** What {@link useCopyLink} returns. */
export interface CopyLink {
  /** The id given to the last successful `copy`, or `null`. */
  copied: string | null;
  /** Writes `url` to the clipboard and marks `id` copied; on failure calls `onError(COPY_FAILED)`. */
  copy: (id: string, url: string) => Promise<void>;
  /** Forgets what was copied (e.g. when a new link is created). */
  reset: () => void;
}

/** Clipboard copy with a "Copied" state; `onError` receives {@link COPY_FAILED}. */
export function useCopyLink(onError: (message: string) => void): CopyLink {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = useCallback(
    async (id: string, url: string) => {
      try {
        await navigator.clipboard.writeText(url);
        setCopied(id);
      } catch {
        onError(COPY_FAILED);
      }
    },
    [onError],
  );
  const reset = useCallback(() => setCopied(null), []);
  return { copied, copy, reset };
}
