/**
 * The capture scripts, one per extractor (docs/DESIGN.md, "Capture: the extractor entry point"):
 * each bundles its own site extractor, the generic page extractor (its fallback and spare) and
 * the shared helpers, never the other sites' code, so that every one stays under the 25 KiB
 * budget (`npm run check:size`, scripts/lib/bundle-size.ts). Built by WXT from
 * `extension/entrypoints/capture-<id>.ts` as unlisted scripts (`/capture-<id>.js`: in no manifest
 * list, injected only by the panel with `scripting.executeScript({ files })`). Data only: the
 * panel (./panel.ts) and the size check read it.
 */
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import type { EXTRACTOR_MATCHES } from '../extractors/hosts';

/** The id of an extractor that has a capture script (every registered extractor, ../extractors/registry.ts). */
export type CaptureScriptId = keyof typeof EXTRACTOR_MATCHES;

/** The built capture script of each extractor, as the path `executeScript({ files })` takes. */
export const CAPTURE_SCRIPTS: Readonly<Record<CaptureScriptId, ScriptPublicPath>> = {
  'github-pr': '/capture-github-pr.js',
  jira: '/capture-jira.js',
  confluence: '/capture-confluence.js',
  'google-docs': '/capture-google-docs.js',
  notion: '/capture-notion.js',
  web: '/capture-web.js',
};

/**
 * The capture script for the extractor `id` (e.g. `github-pr` -> `/capture-github-pr.js`); the
 * generic page's script for an id without one.
 */
export function captureScriptFor(id: string): ScriptPublicPath {
  return (CAPTURE_SCRIPTS as Record<string, ScriptPublicPath | undefined>)[id] ?? CAPTURE_SCRIPTS.web;
}
