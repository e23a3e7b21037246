/**
 * Background service worker: opens the side panel (toolbar button, context menu,
 * keyboard command), syncs every 5 minutes, after local writes and on request
 * (`{ type: 'sync-now' }` from the panel), and shows a badge on the toolbar icon
 * on the digest day while the week has no evidence. Thin glue: the logic lives
 * in sync/ and background/badge.ts.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { storage } from 'wxt/utils/storage';
import { getSyncRunner, SyncNowMessage } from '../sync/index';
import { setSyncTrigger } from '../sync/trigger';
import { defaultSchedule, DigestSchedule, DIGEST_SCHEDULE_KEY, shouldNudge } from '../background/badge';

const MENU_ID = 'casebook-clip-page';
const ALARM = 'casebook-sync';
const SYNC_EVERY_MINUTES = 5;

/** Sets or clears the "week still empty" badge (checked on every alarm and after local writes). */
async function updateBadge(): Promise<void> {
  const stored = DigestSchedule.safeParse(await storage.getItem(`local:${DIGEST_SCHEDULE_KEY}`));
  const nudge = await shouldNudge(new Date(), stored.success ? stored.data : defaultSchedule());
  await browser.action.setBadgeText({ text: nudge ? '!' : '' });
  if (nudge) {
    await browser.action.setBadgeBackgroundColor({ color: '#9a6400' });
    await browser.action.setTitle({ title: 'Casebook: nothing clipped this week yet' });
  } else {
    await browser.action.setTitle({ title: 'Open Casebook' });
  }
}

function refreshBadge(): void {
  updateBadge().catch((err: unknown) => console.warn('casebook: badge update failed', err));
}

/**
 * Opens Casebook's panel for `tabId` from a user gesture: Chrome's side panel, or
 * Firefox's sidebar (Firefox has no `sidePanel` API). Must be called synchronously
 * inside the gesture's handler.
 */
function openPanel(tabId: number): void {
  const opening = browser.sidePanel
    ? browser.sidePanel.open({ tabId })
    : (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction?.open();
  opening?.catch((err: unknown) => console.warn('casebook: open panel failed', err));
}

/**
 * Keeps `storage.local` (which holds the session's bearer token) to the
 * extension's own pages and service worker. Chrome lets content scripts read
 * `storage.local` unless its access level is `TRUSTED_CONTEXTS`; Firefox has no
 * such switch for `local` (its content scripts are ours alone and never ask for
 * the token). Failures are logged, never fatal.
 */
export function restrictLocalStorage(b: typeof browser = browser): Promise<void> {
  const local = b.storage.local as unknown as {
    setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void>;
  };
  if (typeof local.setAccessLevel !== 'function') return Promise.resolve();
  return local
    .setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' })
    .catch((err: unknown) => console.warn('casebook: storage.local access level not set', err));
}

export default defineBackground(() => {
  void restrictLocalStorage();
  const runner = getSyncRunner();
  setSyncTrigger(() => {
    refreshBadge();
    return runner.sync().then(() => undefined);
  });
  storage.watch(`local:${DIGEST_SCHEDULE_KEY}`, refreshBadge);
  refreshBadge();

  // Firefox has no sidePanel API: its sidebar opens from the sidebar button or Alt+Shift+C.
  browser.sidePanel
    ?.setPanelBehavior({ openPanelOnActionClick: true })
    .catch((err: unknown) => console.warn('casebook: setPanelBehavior failed', err));

  // Pending changes from before the browser closed go out as soon as it starts again.
  browser.runtime.onStartup.addListener(() => void runner.sync());

  // Firefox e2e build only (removed from store builds): WebDriver BiDi refuses to
  // navigate to moz-extension:// pages, so the panel opens itself in a tab at
  // install for the test to drive (tests/e2e/firefox.test.ts).
  if (import.meta.env.CASEBOOK_E2E && import.meta.env.FIREFOX) {
    browser.runtime.onInstalled.addListener(() => {
      void browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') });
    });
  }

  browser.runtime.onInstalled.addListener(() => {
    // Menus survive service-worker restarts; recreate them once per install/update.
    void browser.contextMenus.removeAll().then(() =>
      browser.contextMenus.create({
        id: MENU_ID,
        title: 'Clip this page to Casebook',
        contexts: ['page', 'selection', 'link'],
      }),
    );
  });

  // sidePanel.open must run synchronously in the handler: it needs the user gesture.
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== MENU_ID || tab?.id === undefined) return;
    openPanel(tab.id);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== 'open-casebook' || tab?.id === undefined) return;
    openPanel(tab.id);
  });

  void browser.alarms.get(ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(ALARM, { periodInMinutes: SYNC_EVERY_MINUTES, delayInMinutes: 1 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== ALARM) return;
    refreshBadge();
    void runner.sync();
  });

  // Only extension pages (the panel) may ask; content scripts have page URLs.
  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== browser.runtime.id || !sender.url?.startsWith(extensionOrigin)) return undefined;
    if (!SyncNowMessage.safeParse(message).success) return undefined;
    refreshBadge();
    void runner.sync().then((status) => sendResponse({ ok: true, status }));
    return true; // answer asynchronously
  });
});
