/**
 * Side-panel side of a capture: picks the tab to capture, injects the capture
 * script of the page's site into it (./scripts.ts) and explains, in plain words,
 * why a page could not be read (with the optional host permissions that would let it).
 */
import { browser, type Browser } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import type { CaptureDraft } from '../../shared/schemas';
import type { PageCapture } from '../extractors/index';
import { routeShape, type CaptureDiagnostics } from './diagnostics';
import { CaptureResult, IDENTITIES_GLOBAL, MarkersResult, type CaptureIdentities } from './result';
import { captureScriptFor } from './scripts';

/** The built diagnostics script (`entrypoints/diagnostics.ts` -> `/diagnostics.js`): structural markers of the page. */
export const DIAGNOSTICS_SCRIPT = '/diagnostics.js';

/** The tab the panel captures. `url`/`title` are only known when the extension may see them. */
export interface TargetTab {
  id: number;
  url?: string;
  title?: string;
}

/** Result of trying to capture a tab. */
export type CaptureOutcome =
  | {
      kind: 'draft';
      draft: CaptureDraft;
      tab: TargetTab;
      /** Facts the site extractor expected and did not find (e.g. `['state']`); `[]` when none. */
      missing: string[];
      /** What "Copy diagnostics" reports about this capture (no page content). */
      diagnostics: CaptureDiagnostics;
    }
  | {
      kind: 'unreadable';
      /** One sentence for the user. */
      reason: string;
      tab: TargetTab | null;
      /** Optional host patterns that would make the page readable (empty: none would). */
      grantOrigins: string[];
    };

type TabsApi = Pick<Browser.tabs.Tab, 'id' | 'url' | 'title'>;

function toTarget(tab: TabsApi | undefined): TargetTab | null {
  return tab?.id === undefined ? null : { id: tab.id, url: tab.url, title: tab.title };
}

/**
 * The tab to capture: the `tabId` query parameter of the panel's URL when present
 * (used only by the end-to-end test, where the panel is itself a tab), else the
 * active tab of the panel's window; null when there is none.
 */
export async function findTargetTab(
  search: string = location.search,
  b: typeof browser = browser,
): Promise<TargetTab | null> {
  const param = new URLSearchParams(search).get('tabId');
  if (param && /^\d+$/.test(param)) {
    try {
      return toTarget(await b.tabs.get(Number(param)));
    } catch {
      return null;
    }
  }
  const [tab] = await b.tabs.query({ active: true, currentWindow: true });
  return toTarget(tab);
}

/** The extension's optional host permission patterns (the capture hosts asked for at run time). */
export function optionalHosts(b: typeof browser = browser): string[] {
  const manifest = b.runtime.getManifest() as { optional_host_permissions?: string[] };
  return manifest.optional_host_permissions ?? [];
}

/**
 * The host permission to ask for so that Casebook may read `url`: only that
 * page's origin, as `scheme://hostname/*` (never a wildcard host, never `*`),
 * and only when one of the optional `hosts` patterns covers it (the browser
 * refuses anything else). `[]` when `url` is unknown (the panel cannot see the
 * tab: the user opens Casebook on it instead), not http(s), or not covered.
 * `grantableOrigins('https://acme.atlassian.net/browse/KT-22', hosts)` ->
 * `['https://acme.atlassian.net/*']`.
 */
export function grantableOrigins(url: string | undefined, hosts: string[]): string[] {
  if (!url) return [];
  let page: URL;
  try {
    page = new URL(url);
  } catch {
    return [];
  }
  if (page.protocol !== 'https:' && page.protocol !== 'http:') return [];
  const covered = hosts.some((p) => {
    try {
      return new MatchPattern(p).includes(url);
    } catch {
      return false;
    }
  });
  return covered ? [`${page.protocol}//${page.hostname}/*`] : [];
}

/** What the panel says when it may not see the tab at all (its URL is unknown). */
export const OPEN_ON_THIS_TAB =
  'Casebook cannot see this tab yet. Press Alt+Shift+C or click the Casebook icon on this tab, and it reads the page.';

const BROWSER_PAGE = /^(chrome|edge|brave|about|chrome-extension|moz-extension|view-source|devtools):/;

/** A readable reason for an injection failure on `url`. */
export function explainCaptureError(message: string, url: string | undefined): string {
  if ((url && BROWSER_PAGE.test(url)) || /chrome:\/\/|extensions gallery|cannot be scripted/i.test(message)) {
    return 'Browser pages cannot be read by extensions. Fill in the details by hand.';
  }
  if (/permission|cannot access/i.test(message)) {
    if (!url) return OPEN_ON_THIS_TAB;
    return 'Casebook may not read this page yet. Press Alt+Shift+C or click the Casebook icon on this tab, or allow this site below.';
  }
  if (/no tab with id|tab was closed/i.test(message)) return 'That tab is gone. Switch to the page you want to clip.';
  return `Could not read this page (${message}). Fill in the details by hand.`;
}

/**
 * Injects the capture script of the page's site into `tab` (after leaving `identities` in its
 * isolated world and reading the page's current address, which picks the script: `tab.url` may
 * lag behind a soft navigation, and is unknown without access), validates what it collected with `finishCapture` (zod runs here,
 * in the panel, not in the page) and returns the draft with the facts the site extractor
 * missed and the capture's diagnostics, or an `unreadable` outcome with a reason. Never throws.
 */
export async function captureTab(
  tab: TargetTab | null,
  identities: CaptureIdentities,
  b: typeof browser = browser,
): Promise<CaptureOutcome> {
  const hosts = optionalHosts(b);
  if (!tab)
    return { kind: 'unreadable', reason: 'No page to clip. Switch to a tab and try again.', tab, grantOrigins: [] };
  if (tab.url && BROWSER_PAGE.test(tab.url)) {
    return { kind: 'unreadable', reason: explainCaptureError('', tab.url), tab, grantOrigins: [] };
  }
  try {
    // The extractor registry and its zod validation load with the first capture, not with the panel's first paint.
    const { extractorFor, finishCapture, validateDraft } = await import('../extractors/index');
    const [probe] = await b.scripting.executeScript({
      target: { tabId: tab.id },
      func: (key: string, ids: CaptureIdentities) => {
        (globalThis as Record<string, unknown>)[key] = ids;
        return location.href;
      },
      args: [IDENTITIES_GLOBAL, identities],
    });
    const shownUrl = typeof probe?.result === 'string' ? probe.result : tab.url;
    const script = captureScriptFor((shownUrl && safeExtractorId(shownUrl, extractorFor)) || 'web');
    const [first] = await b.scripting.executeScript({ target: { tabId: tab.id }, files: [script] });
    const result = CaptureResult.safeParse(first?.result);
    if (!result.success) {
      return {
        kind: 'unreadable',
        reason: 'The page gave nothing Casebook can read. Fill in the details by hand.',
        tab,
        grantOrigins: [],
      };
    }
    if (!result.data.ok) {
      return { kind: 'unreadable', reason: explainCaptureError(result.data.error, tab.url), tab, grantOrigins: [] };
    }
    const { ok: _ok, missing = [], ...collected } = result.data;
    const capture = { extractor: String(collected.draft['source'] ?? 'web'), ...collected } as PageCapture;
    if (!capture.spare) {
      try {
        validateDraft(capture.draft);
      } catch {
        // Nothing to fall back to: a draft that fails its schema is not shown (the manual form is).
        return {
          kind: 'unreadable',
          reason: 'The page gave nothing Casebook can read. Fill in the details by hand.',
          tab,
          grantOrigins: [],
        };
      }
    }
    const pageUrl = tab.url ?? String(collected.draft['url'] ?? '');
    const draft = await finishCapture(capture, pageUrl, { identities });
    const used = draft.source;
    const diagnostics: CaptureDiagnostics = {
      extractor: safeExtractorId(pageUrl, extractorFor) ?? capture.extractor,
      usedExtractor: used,
      origin: safeOrigin(pageUrl),
      route: routeShape(pageUrl),
      missing: used === capture.extractor ? missing : [],
      markers: await pageMarkers(tab.id, b),
      fellBack: Boolean(draft.fallbackReason),
      version: b.runtime.getManifest().version,
    };
    return { kind: 'draft', draft, tab, missing: diagnostics.missing, diagnostics };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const blocked = /permission|cannot access/i.test(message);
    return {
      kind: 'unreadable',
      reason: explainCaptureError(message, tab.url),
      tab,
      grantOrigins: blocked ? grantableOrigins(tab.url, hosts) : [],
    };
  }
}

/** The page's structural markers from the diagnostics script; `{}` when it fails (diagnostics never block a capture). */
async function pageMarkers(tabId: number, b: typeof browser): Promise<Record<string, number | boolean>> {
  try {
    const [first] = await b.scripting.executeScript({ target: { tabId }, files: [DIAGNOSTICS_SCRIPT] });
    const parsed = MarkersResult.safeParse(first?.result);
    return parsed.success ? parsed.data.markers : {};
  } catch {
    return {};
  }
}

/** The id of the extractor for `url` (`extractorFor` from extension/extractors), or undefined when it is not a URL. */
function safeExtractorId(url: string, extractorFor: (url: string) => { id: string }): string | undefined {
  try {
    return extractorFor(url).id;
  } catch {
    return undefined;
  }
}

/** The origin of `url`, or `''`. */
function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

/**
 * Asks the user for the optional host permissions `origins` (must run in a click
 * handler: the browser requires a user gesture).
 * @returns true when granted.
 */
export async function requestHostAccess(origins: string[], b: typeof browser = browser): Promise<boolean> {
  if (origins.length === 0) return false;
  try {
    return await b.permissions.request({ origins });
  } catch {
    return false;
  }
}

/** A friendly name for a host pattern, e.g. `https://*.atlassian.net/*` -> `atlassian.net`. */
export function hostLabel(pattern: string): string {
  const m = /^[^:]+:\/\/(?:\*\.)?([^/]+)/.exec(pattern);
  return m?.[1] ?? pattern;
}
