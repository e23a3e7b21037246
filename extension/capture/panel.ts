/**
 * Side-panel side of a capture: picks the tab to capture, injects the capture
 * content script into it and explains, in plain words, why a page could not be
 * read (with the optional host permissions that would let it).
 */
import { browser, type Browser } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import type { CaptureDraft } from '../../shared/schemas';
import type { PageCapture } from '../extractors/index';
import { routeShape, type CaptureDiagnostics } from './diagnostics';
import { CaptureResult, IDENTITIES_GLOBAL, MarkersResult, type CaptureIdentities } from './result';

/** The built capture script (WXT unlisted script: `entrypoints/capture.ts` -> `/capture.js`). */
export const CAPTURE_SCRIPT = '/capture.js';
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

/** The patterns among `hosts` that match `url`; all of `hosts` when `url` is unknown. */
export function grantableOrigins(url: string | undefined, hosts: string[]): string[] {
  if (!url) return hosts;
  return hosts.filter((p) => {
    try {
      return new MatchPattern(p).includes(url);
    } catch {
      return false;
    }
  });
}

const BROWSER_PAGE = /^(chrome|edge|brave|about|chrome-extension|moz-extension|view-source|devtools):/;

/** A readable reason for an injection failure on `url`. */
export function explainCaptureError(message: string, url: string | undefined): string {
  if ((url && BROWSER_PAGE.test(url)) || /chrome:\/\/|extensions gallery|cannot be scripted/i.test(message)) {
    return 'Browser pages cannot be read by extensions. Fill in the details by hand.';
  }
  if (/permission|cannot access/i.test(message)) {
    return 'Casebook may not read this page yet. Open the panel from the toolbar button, the context menu or the shortcut on the page, or allow the site below.';
  }
  if (/no tab with id|tab was closed/i.test(message)) return 'That tab is gone. Switch to the page you want to clip.';
  return `Could not read this page (${message}). Fill in the details by hand.`;
}

/**
 * Injects the capture content script into `tab` (after leaving `identities` in its
 * isolated world), validates what it collected with `finishCapture` (zod runs here,
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
    await b.scripting.executeScript({
      target: { tabId: tab.id },
      func: (key: string, ids: CaptureIdentities) => {
        (globalThis as Record<string, unknown>)[key] = ids;
      },
      args: [IDENTITIES_GLOBAL, identities],
    });
    const [first] = await b.scripting.executeScript({ target: { tabId: tab.id }, files: [CAPTURE_SCRIPT] });
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
