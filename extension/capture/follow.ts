/**
 * The panel follows the page it captures: it re-reads when the user switches to another tab of its
 * window (not in the `?tabId=` test mode), when the captured tab finishes loading, and when the
 * captured tab's URL changes without a load (GitHub moves between PRs with `history.pushState` and
 * Turbo). While the user has started typing, it does not re-read but reports that the tab moved.
 */
import { useEffect } from 'react';
import { browser } from 'wxt/browser';

/** What `useFollowTab` needs from the capture form. */
export interface FollowOptions {
  /** The id of the tab being captured (null before the first read). */
  targetTabId: { readonly current: number | null };
  /** The URL the last read started on (undefined when unknown). */
  readUrl: { readonly current: string | undefined };
  /** True once the user has typed into the form. */
  dirty: { readonly current: boolean };
  /** Shows the reading state and reads the target tab again. */
  reread: () => void;
  /** Shows the reading state and drops any read in flight (its page is gone); a `reread` follows. */
  invalidate: () => void;
  /** Called when the captured tab moved to another URL while the form is dirty. */
  onMovedWhileDirty: () => void;
}

/** The URL without its fragment (a `#…` change is not a navigation to another page). */
const withoutHash = (url: string | undefined): string | undefined => url?.replace(/#.*$/, '');

/** Subscribes to the tab events above for the life of the component. */
export function useFollowTab({
  targetTabId,
  readUrl,
  dirty,
  reread,
  invalidate,
  onMovedWhileDirty,
}: FollowOptions): void {
  useEffect(() => {
    const testMode = new URLSearchParams(location.search).has('tabId');
    let windowId: number | undefined;
    if (!testMode) void browser.windows.getCurrent().then((w) => (windowId = w.id));
    const onActivated = (info: { tabId: number; windowId: number }) => {
      if (!testMode && info.windowId === windowId && !dirty.current) reread();
    };
    // A URL change that comes with `status: 'loading'` is read once the tab reports `complete`;
    // one without a status (a same-document `pushState`) is read at once.
    let pendingMove = false;
    const onUpdated = (tabId: number, info: { status?: string; url?: string }) => {
      if (tabId !== targetTabId.current) return;
      const moved = info.url !== undefined && withoutHash(info.url) !== withoutHash(readUrl.current);
      if (dirty.current) {
        if (moved) onMovedWhileDirty();
        return;
      }
      if (moved && info.status === 'loading') {
        pendingMove = true;
        invalidate();
      } else if (moved || (info.status === 'complete' && (pendingMove || !testMode))) {
        pendingMove = false;
        reread();
      }
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, [targetTabId, readUrl, dirty, reread, invalidate, onMovedWhileDirty]);
}
