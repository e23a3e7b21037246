/**
 * Clipping of everything a page hands to a capture (issue 16; docs/SECURITY.md "What the
 * extension does when a limit is hit"). Pages are written by others: a hostile or broken
 * page can put 600,000 characters in `og:site_name`, or a huge canonical address. Every
 * draft goes through `clipDraft` once, on the page side (`collectCapture`, ./page.ts,
 * so nothing huge even leaves the page) and again before validation (`finishCapture`,
 * ./index.ts). Zod-free: it is part of the capture content script.
 */
import type { CaptureDraft } from '../../shared/schemas';
import { truncate } from './dom';

/** Limits of a clipped draft (characters unless stated). */
export const CLIP = {
  /** `title` (the `CaptureDraft` schema's own limit). */
  title: 500,
  /** `fallbackReason`. */
  fallbackReason: 300,
  /** An http(s) address longer than this loses its query, then its path. */
  url: 2_048,
  /** At most this many metrics, each label and unit as the `Metric` schema allows. */
  metrics: 50,
  metricLabel: 80,
  metricUnit: 20,
  /** At most this many suggested competencies. */
  competencies: 50,
  /** Any string inside `meta`, as the typed meta schemas allow (halved while the meta is over `metaBytes`). */
  metaString: 1_000,
  /** Items of any array inside `meta` (halved with the strings). */
  metaArray: 200,
  /** Keys of any object inside `meta`, each key at most 100 characters. */
  metaKeys: 100,
  /** Nesting inside `meta`; deeper values are dropped. */
  metaDepth: 6,
  /** Serialised `meta` in UTF-8 bytes: well inside the schema's 16 KiB cap. */
  metaBytes: 12 * 1024,
} as const;

const encoder = new TextEncoder();

/** `raw` clipped to `CLIP.url` characters: without query and fragment, else the origin only. Non-URLs are kept. */
export function clipUrl(raw: string): string {
  if (raw.length <= CLIP.url) return raw;
  try {
    const u = new URL(raw);
    const bare = `${u.origin}${u.pathname}`;
    return bare.length <= CLIP.url ? bare : `${u.origin}/`;
  } catch {
    return raw.slice(0, CLIP.url);
  }
}

/** A JSON-like value with every string at most `strings` characters, every array at most `items` long. */
function clipValue(v: unknown, strings: number, items: number, depth: number): unknown {
  if (typeof v === 'string') return truncate(v, strings);
  if (v === null || typeof v !== 'object') return v;
  if (depth >= CLIP.metaDepth) return undefined;
  if (Array.isArray(v)) {
    return v
      .slice(0, items)
      .map((x) => clipValue(x, strings, items, depth + 1))
      .filter((x) => x !== undefined);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(v).slice(0, CLIP.metaKeys)) {
    const clipped = clipValue(value, strings, items, depth + 1);
    if (clipped !== undefined) out[key.slice(0, 100)] = clipped;
  }
  return out;
}

/**
 * `meta` with every string and array clipped, halving the limits (from `CLIP.metaString`
 * and `CLIP.metaArray`) until its JSON is at most `CLIP.metaBytes` bytes.
 */
export function clipMeta(meta: Record<string, unknown>): Record<string, unknown> {
  let strings: number = CLIP.metaString;
  let items: number = CLIP.metaArray;
  for (;;) {
    const out = clipValue(meta, strings, items, 0) as Record<string, unknown>;
    if (strings <= 16 || encoder.encode(JSON.stringify(out)).length <= CLIP.metaBytes) return out;
    strings = Math.floor(strings / 2);
    items = Math.max(1, Math.floor(items / 2));
  }
}

/**
 * A copy of `draft` with every extracted string cut to a sensible length (`CLIP`): title,
 * address, fallback reason, metrics, suggested competencies and everything in `meta`.
 * Fields of the wrong type are left for validation to report. Idempotent.
 */
export function clipDraft(draft: CaptureDraft): CaptureDraft {
  const d = draft as Partial<CaptureDraft>;
  const out: CaptureDraft = { ...draft };
  if (typeof d.title === 'string') out.title = truncate(d.title, CLIP.title);
  if (typeof d.url === 'string') out.url = clipUrl(d.url);
  if (typeof d.fallbackReason === 'string') out.fallbackReason = truncate(d.fallbackReason, CLIP.fallbackReason);
  if (Array.isArray(d.metrics)) {
    out.metrics = d.metrics.slice(0, CLIP.metrics).map((m) =>
      m && typeof m === 'object'
        ? {
            ...m,
            ...(typeof m.label === 'string' ? { label: truncate(m.label, CLIP.metricLabel) } : {}),
            ...(typeof m.unit === 'string' ? { unit: truncate(m.unit, CLIP.metricUnit) } : {}),
          }
        : m,
    );
  }
  if (Array.isArray(d.suggestedCompetencies)) {
    out.suggestedCompetencies = d.suggestedCompetencies.slice(0, CLIP.competencies);
  }
  if (d.meta && typeof d.meta === 'object' && !Array.isArray(d.meta)) out.meta = clipMeta(d.meta);
  return out;
}
