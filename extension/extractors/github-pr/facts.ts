/**
 * How the `github-pr` extractor reads each fact from the page, in order; a fact found nowhere stays
 * `undefined` (unknown), never a guess. Selectors and the pages they come from: ./selectors.ts.
 * - state: embedded JSON (./embedded.ts, matching number and repo) → StateLabel `data-status` →
 *   StateLabel text → legacy `.State` badge (classes, then title/text) → unknown.
 * - merge time: embedded JSON `mergedTime` → the header summary's `<relative-time>` → legacy (a
 *   `<relative-time>` next to the word "merged") → unknown.
 * - diffstat: the `.sr-only` "Lines changed: 243 additions & 47 deletions" → the header navigation's
 *   `.fgColor-success`/`.fgColor-danger` → legacy `#diffstat`; never a per-file diffstat.
 * - files and commits: the tab counters by id (`#prs-files-anchor-tab`, `#prs-commits-anchor-tab`,
 *   legacy `#files_tab_counter`…) → the counter in a tab link (`/changes`, `/files`, `/commits`).
 */
import { firstMatch, firstText, parseCount, textOf, toIsoDateTime } from '../dom';
import * as S from './selectors';

/** A PR state as the page shows it; `queued` is an open PR in the merge queue. */
export type PageState = 'open' | 'closed' | 'merged' | 'draft' | 'queued';

/** The StateLabel of the PR header (before any other StateLabel on the page), if any. */
export function stateLabelOf(doc: Document): Element | null {
  return doc.querySelector(`${S.PAGE_HEADER} ${S.STATE_LABEL}`) ?? doc.querySelector(S.STATE_LABEL);
}

/** A state from a badge's words ("Merged", "Status: Closed", "Draft", "Queued", "Open"). */
function stateFromText(label: string): PageState | undefined {
  const l = label.toLowerCase();
  if (l.includes('merged')) return 'merged';
  if (l.includes('draft')) return 'draft';
  if (l.includes('closed')) return 'closed';
  if (l.includes('queued')) return 'queued';
  if (l.includes('open')) return 'open';
  return undefined;
}

/** The state shown by the StateLabel: `data-status` first, then its text; `undefined` without one. */
export function labelStateOf(doc: Document): PageState | undefined {
  const el = stateLabelOf(doc);
  if (!el) return undefined;
  return S.STATE_STATUS[el.getAttribute('data-status') ?? ''] ?? stateFromText(textOf(el));
}

/** The state of a legacy badge: class first (`State--merged`…), then its `title`/text; `undefined` without a badge. */
export function legacyStateOf(doc: Document): PageState | undefined {
  const el = firstMatch(doc, S.STATE);
  if (!el) return undefined;
  const cls = S.STATE_CLASS.exec(el.getAttribute('class') ?? '')?.[1];
  if (cls) return S.STATE_COLOURS[cls] ?? (cls as PageState);
  return stateFromText(`${el.getAttribute('title') ?? ''} ${textOf(el)}`);
}

/** True when `text` (an element's text near a timestamp) describes a merge. */
export const MERGED = /\bmerged\b/i;

/** The merge time in the React header's summary line (its `<relative-time>`). */
export function summaryMergedAtOf(doc: Document): string | undefined {
  const t = doc.querySelector(`${S.HEADER_SUMMARY} ${S.RELATIVE_TIME}`);
  return t ? toIsoDateTime(t.getAttribute('datetime')) : undefined;
}

/** Legacy merge time: the first `<relative-time>` outside comment bodies whose nearby text (up to 3 ancestors, < 300 chars) says "merged". */
export function legacyMergedAtOf(doc: Document): string | undefined {
  for (const t of doc.querySelectorAll(S.RELATIVE_TIME)) {
    if (t.closest(S.COMMENT_BODY)) continue;
    let el: Element | null = t.parentElement;
    for (let i = 0; el && i < 3; i++, el = el.parentElement) {
      const text = textOf(el);
      if (text.length > 300) break;
      if (MERGED.test(text)) return toIsoDateTime(t.getAttribute('datetime'));
    }
  }
  return undefined;
}

/** The latest `<relative-time>` on the page outside comment bodies (ISO UTC), e.g. the last comment or event. */
export function latestTimeOf(doc: Document): string | undefined {
  let latest: string | undefined;
  for (const t of doc.querySelectorAll(S.RELATIVE_TIME)) {
    if (t.closest(S.COMMENT_BODY)) continue;
    const iso = toIsoDateTime(t.getAttribute('datetime'));
    if (iso && (!latest || iso > latest)) latest = iso;
  }
  return latest;
}

/** A counter's number from its `title` (exact) or its text. */
const counterValue = (el: Element | null): number | undefined =>
  el ? (parseCount(el.getAttribute('title')) ?? parseCount(textOf(el))) : undefined;

/** The counter inside a tab element. */
const tabCounter = (tab: Element | null): number | undefined =>
  tab ? counterValue(firstMatch(tab, S.TAB_COUNTER)) : undefined;

/**
 * The count of the commits or files tab: the tab by id ([2026] `#prs-commits-anchor-tab`), the counter by id
 * ([2019] `#commits_tab_counter`), then the counter inside a link to `/pull/N/<tab>` (`/changes` or `/files`).
 */
export function tabCountOf(doc: Document, tab: 'commits' | 'files'): number | undefined {
  const byTab = tabCounter(doc.querySelector(tab === 'commits' ? S.COMMITS_TAB : S.FILES_TAB));
  if (byTab !== undefined) return byTab;
  const byId = counterValue(doc.querySelector(tab === 'commits' ? S.COMMITS_COUNTER : S.FILES_COUNTER));
  if (byId !== undefined) return byId;
  const tabPath = new RegExp(`/pull/\\d+/${tab === 'commits' ? 'commits' : '(?:files|changes)'}/?(?:[?#].*)?$`);
  for (const a of doc.querySelectorAll(S.TAB_LINKS)) {
    if (!tabPath.test(a.getAttribute('href') ?? '')) continue;
    const n = tabCounter(a);
    if (n !== undefined) return n;
  }
  return undefined;
}

/** `+183` / `−2` / `-2` / `1,024` to a number. */
const signedCount = (text: string | undefined): number | undefined =>
  parseCount(text?.replace(/^[+\u2212\u2013-]/, ''));

/** Added and deleted lines of the whole PR, or `{}`. */
export interface Diffstat {
  additions?: number;
  deletions?: number;
}

/** Additions and deletions in a box holding `.fgColor-success` / `.fgColor-danger` (or the legacy classes), else its `+N −M` text. */
function diffstatIn(box: Element | null): Diffstat {
  if (!box) return {};
  let additions = signedCount(firstText(box, S.DIFFSTAT_ADDED));
  let deletions = signedCount(firstText(box, S.DIFFSTAT_DELETED));
  if (additions === undefined || deletions === undefined) {
    const m = /\+([\d,]+)\s*[\u2212\u2013-]([\d,]+)/.exec(textOf(box));
    additions = parseCount(m?.[1]);
    deletions = parseCount(m?.[2]);
  }
  return additions !== undefined && deletions !== undefined ? { additions, deletions } : {};
}

/** The PR's "Lines changed: N additions & M deletions" from `.sr-only` text outside per-file diffstats. */
export function srDiffstatOf(doc: Document): Diffstat {
  for (const el of doc.querySelectorAll(S.SR_ONLY)) {
    if (el.closest(S.PER_FILE)) continue;
    const m = S.SR_DIFFSTAT.exec(textOf(el));
    const additions = parseCount(m?.[1]);
    const deletions = parseCount(m?.[2]);
    if (additions !== undefined && deletions !== undefined) return { additions, deletions };
  }
  return {};
}

/** The PR's diffstat: sr-only text → the header navigation's coloured counts → legacy `#diffstat`. */
export function diffstatOf(doc: Document): Diffstat {
  const sr = srDiffstatOf(doc);
  if (sr.additions !== undefined) return sr;
  for (const nav of doc.querySelectorAll(S.HEADER_NAV)) {
    if (nav.closest(S.PER_FILE)) continue;
    const d = diffstatIn(nav);
    if (d.additions !== undefined) return d;
  }
  return diffstatIn(firstMatch(doc, S.DIFFSTAT));
}
