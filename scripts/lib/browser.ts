/**
 * Headless Chromium with the unpacked extension loaded: one launcher for the
 * end-to-end tests, `npm run demo` and the panel benchmarks, so the flags that
 * keep Chromium quiet on a machine without internet live in one place.
 */
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { chromiumPath } from './env';

/** A browser with the extension loaded: its context, the extension's service worker and id. */
export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
}

/**
 * Launches headless Chromium (`CHROMIUM_PATH` or /usr/bin/chromium) with the unpacked extension in
 * `ext` and the profile in `profileDir` (reused when it exists), background networking off.
 * `viewport` defaults to the side panel's 400 × 900; `extraArgs` are added to Chromium's flags.
 * @throws Error when Chromium is missing or the extension's service worker does not start.
 */
export async function launchWithExtension(
  ext: string,
  profileDir: string,
  options: { viewport?: { width: number; height: number }; extraArgs?: string[] } = {},
): Promise<ExtensionBrowser> {
  const context = await chromium.launchPersistentContext(profileDir, {
    headless: true,
    executablePath: chromiumPath(),
    viewport: options.viewport ?? { width: 400, height: 900 },
    args: [
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(options.extraArgs ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, worker, extensionId: new URL(worker.url()).host };
}
