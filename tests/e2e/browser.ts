/**
 * Small helpers for end-to-end tests that drive the e2e build of the extension in headless Chromium:
 * launch with the extension loaded (scripts/lib/browser.ts), find a tab's id.
 */
import type { Page, Worker } from 'playwright-core';

/** The slice of the extension API the service-worker callbacks use (they run inside Chromium). */
declare const chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };

export { launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/browser';

/**
 * The id of the first tab whose URL starts with `prefix`, asked from the extension's service worker.
 * @throws Error when no such tab is open.
 */
export async function tabIdFor(worker: Worker, prefix: string): Promise<number> {
  const id = await worker.evaluate(async (p: string) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => t.url?.startsWith(p))?.id;
  }, prefix);
  if (typeof id !== 'number') throw new Error(`no tab open at ${prefix}`);
  return id;
}

/**
 * Writes records straight into the panel's IndexedDB (database `casebook`, made by the panel on load):
 * `evidence`, `weeklyLogs` and `goals` rows, as stored (no outbox entry, so nothing syncs).
 */
export async function seedThroughPage(
  page: Page,
  records: { evidence?: object[]; weeklyLogs?: object[]; goals?: object[] },
): Promise<void> {
  await page.evaluate(
    (r) =>
      new Promise<void>((res, rej) => {
        const open = indexedDB.open('casebook');
        open.onerror = () => rej(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const tx = idb.transaction(['evidence', 'weeklyLogs', 'goals'], 'readwrite');
          for (const e of r.evidence ?? []) tx.objectStore('evidence').put(e);
          for (const l of r.weeklyLogs ?? []) tx.objectStore('weeklyLogs').put(l);
          for (const g of r.goals ?? []) tx.objectStore('goals').put(g);
          tx.oncomplete = () => {
            idb.close();
            res();
          };
          tx.onerror = () => rej(tx.error);
        };
      }),
    records,
  );
}
