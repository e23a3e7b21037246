/**
 * Helpers for the extractor tests: load a saved page (HTML + its sidecar `<name>.page.json`
 * holding `{url, identities?}`) into a linkedom Document, and read real REST fixtures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import type { Identities } from '../../extension/extractors';

/** The frozen clock of every extractor test. */
export const FROZEN_NOW = new Date('2026-11-20T12:00:00Z');
/** `now` to inject into extractCapture. */
export const now = (): Date => new Date(FROZEN_NOW);

export const ROOT = resolve(new URL('.', import.meta.url).pathname, '../..');
export const FIXTURES = resolve(ROOT, 'tests/fixtures');
export const EXPECTED = resolve(ROOT, 'tests/expected');

/** A saved page: fixture name `<source>--<case>`, the URL it was saved from, identities to run with, its DOM. */
export interface SavedPage {
  name: string;
  url: string;
  identities: Identities;
  document: Document;
}

/** Parses HTML into a DOM Document (linkedom). */
export function parseDocument(html: string): Document {
  return parseHTML(html).document;
}

/** Loads `tests/fixtures/<dir>/<name>.html` and its `<name>.page.json`. */
export function loadPage(dir: string, name: string): SavedPage {
  const base = resolve(FIXTURES, dir, name);
  const side = JSON.parse(readFileSync(`${base}.page.json`, 'utf8')) as { url: string; identities?: Identities };
  return {
    name,
    url: side.url,
    identities: side.identities ?? {},
    document: parseDocument(readFileSync(`${base}.html`, 'utf8')),
  };
}

/** Golden fixture names (`<source>--<case>`) in `tests/fixtures/<dir>/` for the given sources. */
export function goldenNames(dir: string, sources: readonly string[]): string[] {
  return readdirSync(resolve(FIXTURES, dir))
    .filter((f) => f.endsWith('.html') && sources.some((s) => f.startsWith(`${s}--`)))
    .map((f) => basename(f, '.html'))
    .sort();
}

/** A real recorded JSON fixture from `tests/fixtures/github/`. */
export function readGithubJson(file: string): unknown {
  return JSON.parse(readFileSync(resolve(FIXTURES, 'github', file), 'utf8'));
}

/** Every file in `tests/fixtures/github/` whose name starts with `prefix` and ends with `.json`. */
export function githubJsonFiles(prefix: string): string[] {
  return readdirSync(resolve(FIXTURES, 'github'))
    .filter((f) => f.startsWith(prefix) && f.endsWith('.json') && !f.endsWith('.page.json'))
    .sort();
}
