/**
 * Small DOM and date helpers shared by the extractors. Pure functions: they
 * read only the nodes and strings they are given.
 */

/** An element's text with runs of whitespace collapsed to one space and trimmed; `''` for null. */
export function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Collapses whitespace and trims; `undefined` stays `undefined`, an empty result becomes `undefined`. */
export function clean(value: string | null | undefined): string | undefined {
  const v = value?.replace(/\s+/g, ' ').trim();
  return v ? v : undefined;
}

/**
 * The `content` of the first `<meta>` whose `property` or `name` equals one of `keys`, in the order of `keys`
 * (e.g. `['og:title', 'twitter:title']`); whitespace collapsed; `undefined` when none is non-empty.
 */
export function metaContent(doc: Document, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const el = doc.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
    const v = clean(el?.getAttribute('content'));
    if (v) return v;
  }
  return undefined;
}

/** The first element matching one of `selectors`, tried in order (first selector wins, not first in the page). */
export function firstMatch(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const s of selectors) {
    const el = root.querySelector(s);
    if (el) return el;
  }
  return null;
}

/** The collapsed text of the first element matching one of `selectors` that has any text. */
export function firstText(root: ParentNode, selectors: readonly string[]): string | undefined {
  for (const s of selectors) {
    for (const el of root.querySelectorAll(s)) {
      const t = textOf(el);
      if (t) return t;
    }
  }
  return undefined;
}

/** Parses a counter such as `"4"`, `"1,234"` or `" 12 "`; `undefined` for anything else (e.g. `"5k"`). */
export function parseCount(text: string | null | undefined): number | undefined {
  const t = text?.replace(/[\s,]/g, '');
  if (!t || !/^\d{1,9}$/.test(t)) return undefined;
  return Number(t);
}

/**
 * ISO 8601 UTC timestamp (`2019-04-08T00:40:04.000Z`) of a date/time string, or `undefined`
 * when it does not parse or has no time part.
 */
export function toIsoDateTime(value: string | null | undefined): string | undefined {
  const v = value?.trim();
  if (!v || !/^\d{4}-\d{2}-\d{2}T/.test(v)) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/**
 * The calendar day (`YYYY-MM-DD`) a date string names. A string that starts with an ISO date
 * (`2024-03-05`, `2024-03-05T23:30:00-08:00`) keeps that date, i.e. the day in the publisher's
 * own time zone; other formats Date can parse (`Tue, 05 Mar 2024 10:00:00 GMT`) give the UTC day.
 * `undefined` when the string is not a valid date.
 */
export function toIsoDate(value: string | null | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(v);
  if (m) {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.getUTCDate() === Number(m[3]) && d.getUTCMonth() === Number(m[2]) - 1 ? v.slice(0, 10) : undefined;
  }
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}

/** Today's UTC date (`YYYY-MM-DD`) by the injected clock. */
export function todayOf(now: () => Date): string {
  return now().toISOString().slice(0, 10);
}

/** `values` without empty strings and duplicates (case-insensitive), first spelling kept, order kept. */
export function uniqueNames(values: Iterable<string | null | undefined>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values) {
    const v = clean(raw);
    if (!v || seen.has(v.toLowerCase())) continue;
    seen.add(v.toLowerCase());
    out.push(v);
  }
  return out;
}

/** Truncates `value` to at most `max` characters, ending with `…` when cut. */
export function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

/** Elements whose content is never text a reader sees. */
const HIDDEN_TAGS: ReadonlySet<string> = new Set(['script', 'style', 'template']);

/**
 * The text of an element for counting words: like `textContent`, but with a space at every element
 * boundary (so `<summary>Parent</summary><p>Child</p>` gives `Parent Child`, not `ParentChild`),
 * `<script>`/`<style>`/`<template>` skipped, whitespace collapsed. Depth is capped at 200 levels.
 * @param spaced which elements (by lower-case tag name) separate words (default: all but the hidden ones).
 * @param hidden which elements are skipped with their content (default: script, style, template).
 */
export function spacedText(
  el: Element | null | undefined,
  spaced: (tag: string) => boolean = (tag) => !HIDDEN_TAGS.has(tag),
  hidden: ReadonlySet<string> = HIDDEN_TAGS,
): string {
  const out: string[] = [];
  const walk = (node: Node, depth: number): void => {
    if (depth > 200) return;
    for (const child of node.childNodes) {
      if (child.nodeType === 3) out.push(child.nodeValue ?? '');
      else if (child.nodeType === 1) {
        const tag = (child as Element).tagName.toLowerCase();
        const gap = spaced(tag) ? ' ' : '';
        out.push(gap);
        if (hidden.has(tag)) continue;
        walk(child, depth + 1);
        out.push(gap);
      }
    }
  };
  if (el) walk(el, 0);
  return out.join('').replace(/\s+/g, ' ').trim();
}
