/**
 * Small helpers for end-to-end tests that drive the e2e build of the extension in headless Chromium:
 * launch with the extension loaded (same flags as journey.ts), find its id, find a tab's id.
 */
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { chromiumPath } from '../../scripts/lib/env';

/** The slice of the extension API the service-worker callbacks use (they run inside Chromium). */
declare const chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };

/** A browser with the extension loaded: its context, the extension's service worker and id. */
export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
}

/**
 * Launches headless Chromium (`CHROMIUM_PATH` or /usr/bin/chromium) with the unpacked extension in
 * `ext` and a fresh profile in `profileDir`, background networking off.
 * @throws Error when Chromium is missing or the extension's service worker does not start.
 */
export async function launchWithExtension(ext: string, profileDir: string): Promise<ExtensionBrowser> {
  const context = await chromium.launchPersistentContext(profileDir, {
    headless: true,
    executablePath: chromiumPath(),
    viewport: { width: 400, height: 900 },
    args: [
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, worker, extensionId: new URL(worker.url()).host };
}

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
