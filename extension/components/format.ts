/** Small display helpers for the side panel. */
import { RecordValidationError } from '../db/write';

/** Today's date in the browser's local zone as `YYYY-MM-DD`. */
export function localToday(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * "just now", "5 min ago", "3 h ago", "2 days ago" for an ISO time relative to
 * `now` (ms); the date itself after a week.
 */
export function timeAgo(iso: string, now: number): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 45) return 'just now';
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 24) return `${h} h ago`;
  const days = Math.round(h / 24);
  if (days < 7) return `${days} day${days === 1 ? '' : 's'} ago`;
  return iso.slice(0, 10);
}

/** A default device name such as "Chrome on Linux", from the user agent string. */
export function guessDeviceName(ua: string = navigator.userAgent): string {
  const browserName = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /OPR\//.test(ua)
        ? 'Opera'
        : 'Chrome';
  const os = /CrOS/.test(ua)
    ? 'ChromeOS'
    : /Mac OS X|Macintosh/.test(ua)
      ? 'macOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Android/.test(ua)
          ? 'Android'
          : /Linux/.test(ua)
            ? 'Linux'
            : 'this computer';
  return `${browserName} on ${os}`;
}

/** Message of an unknown thrown value. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  url: 'URL',
  occurredOn: 'Date',
  claim: 'Claim',
  impact: 'Impact',
  metrics: 'Metrics',
  tags: 'Tags',
  people: 'People',
  privateNote: 'Private note',
  competencies: 'Competencies',
  meta: 'Source details',
};

/** Explains a failed save: a validation failure field by field, anything else by its message. */
export function describeSaveError(err: unknown): string {
  if (err instanceof RecordValidationError) {
    return err.issues
      .map((i) =>
        i.path.length === 0 ? i.message : `${FIELD_LABELS[String(i.path[0])] ?? i.path.join('.')}: ${i.message}`,
      )
      .join(' · ');
  }
  return errorMessage(err);
}
