/**
 * Extension bundle sizes against the budgets of docs/DESIGN.md (issue 22): the
 * capture script (`/capture.js`) at most 25 KiB minified, and the side panel's
 * JS loaded at first paint (the scripts and module preloads of sidepanel.html,
 * not its lazy chunks) under 350 KB minified. Used by `npm run check:size` and
 * by the bundle rows of `npm run bench`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Largest allowed `/capture.js`, in bytes (25 KiB). */
export const CAPTURE_LIMIT = 25 * 1024;
/** The side panel's first-paint JS must stay under this many bytes (350 KB). */
export const PANEL_FIRST_PAINT_LIMIT = 350 * 1000;

/** JS files an extension HTML page loads (script src and modulepreload), resolved in `dir`. */
export function pageScripts(dir: string, html: string): string[] {
  const text = readFileSync(join(dir, html), 'utf8');
  const refs = [...text.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]!);
  return [...new Set(refs)].map((r) => join(dir, r.replace(/^\//, '')));
}

/** Total size in bytes of `files`. */
export function totalBytes(files: readonly string[]): number {
  return files.reduce((n, f) => n + readFileSync(f).length, 0);
}

/** One budget check: what, its size and limit in bytes, and whether it passes. */
export interface SizeCheck {
  name: string;
  bytes: number;
  limit: number;
  pass: boolean;
}

/** The two budget checks on the built extension in `extDir` (a chrome-mv3 folder). */
export function checkExtensionSizes(extDir: string): SizeCheck[] {
  const capture = totalBytes([join(extDir, 'capture.js')]);
  const panel = totalBytes(pageScripts(extDir, 'sidepanel.html'));
  return [
    { name: 'capture script /capture.js', bytes: capture, limit: CAPTURE_LIMIT, pass: capture <= CAPTURE_LIMIT },
    {
      name: 'side panel JS at first paint',
      bytes: panel,
      limit: PANEL_FIRST_PAINT_LIMIT,
      pass: panel < PANEL_FIRST_PAINT_LIMIT,
    },
  ];
}
