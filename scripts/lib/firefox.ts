/**
 * Headless Firefox (Debian's firefox-esr) with the unpacked extension installed,
 * driven by puppeteer-core over WebDriver BiDi: the Firefox counterpart of
 * scripts/lib/browser.ts, for tests/e2e/firefox.test.ts.
 *
 * BiDi refuses to navigate to moz-extension:// pages, so the extension's e2e
 * build opens its panel page in a tab at install (extension/entrypoints/
 * background.ts); this launcher finds that tab by its URL. The extension's
 * moz-extension:// host is pinned with the `extensions.webextensions.uuids`
 * pref, so its origin is known before install.
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** The add-on id in wxt.config.ts (`browser_specific_settings.gecko.id`). */
export const GECKO_ID = 'casebook@casebook.dev';
/** The moz-extension:// host the tests pin for the extension. */
export const EXTENSION_UUID = '6f1c4b1e-2a57-4c1d-9a8e-5c0b1de0ca5e';

/** Path of the Firefox binary: `FIREFOX_PATH` or Debian's `/usr/bin/firefox-esr`. */
export function firefoxPath(): string {
  return process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
}

/** Firefox with the extension installed, and the tab showing its panel page. */
export interface FirefoxWithExtension {
  browser: Browser;
  /** The tab at `moz-extension://<EXTENSION_UUID>/sidepanel.html`. */
  panel: Page;
  /** `moz-extension://<EXTENSION_UUID>`. */
  origin: string;
}

/** The page's own `location.href` (puppeteer's BiDi `page.url()` stays `about:blank` for extension pages). */
export async function locationOf(page: Page): Promise<string> {
  try {
    return await page.evaluate(() => location.href);
  } catch {
    return '';
  }
}

/**
 * Launches headless Firefox and installs the unpacked e2e build in `ext`
 * (`<outDir>/firefox-mv3`), then waits (at most `timeoutMs`, default 30 s) for
 * the panel tab the extension opens at install.
 * @throws Error when Firefox is missing, the add-on id is not Casebook's, or no panel tab appears.
 */
export async function launchFirefoxWithExtension(ext: string, timeoutMs = 30_000): Promise<FirefoxWithExtension> {
  const executablePath = firefoxPath();
  if (!existsSync(executablePath)) {
    throw new Error(`Firefox not found at ${executablePath}: apt-get install -y firefox-esr, or set FIREFOX_PATH`);
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // No outside requests from the browser itself on a machine without internet.
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'network.captive-portal-service.enabled': false,
    },
  });
  try {
    const id = await browser.installExtension(ext);
    if (id !== GECKO_ID) throw new Error(`installed add-on id is ${id}, expected ${GECKO_ID}`);
    const origin = `moz-extension://${EXTENSION_UUID}`;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const page of await browser.pages()) {
        if ((await locationOf(page)).startsWith(`${origin}/sidepanel.html`)) return { browser, panel: page, origin };
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the extension opened no panel tab at ${origin}/sidepanel.html`);
  } catch (err) {
    await browser.close();
    throw err;
  }
}
