/**
 * Helpers for the extractor tests: load a saved page (its sidecar `<name>.page.json` holding
 * `{url, identities?, html?, routes?}` and the HTML `<name>.html`, or the file named by `html`, or an
 * empty page) into a linkedom Document, serve its recorded same-origin API answers through a fake
 * fetch, and read real REST fixtures.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

/**
 * A recorded answer for one URL: a fixture file of the same folder (JSON, optionally the value at
 * the dotted path `pick`, e.g. `issue` of a webhook payload or `issues.0` of a search result; or the
 * file as text when `text` is set), or only a status (e.g. `404`).
 */
export interface RecordedRoute {
  file?: string;
  pick?: string;
  text?: boolean;
  status?: number;
}

/** A saved page: fixture name `<source>--<case>`, the URL it was saved from, identities to run with, its DOM, its API answers. */
export interface SavedPage {
  name: string;
  url: string;
  identities: Identities;
  document: Document;
  /** Absolute URL -> recorded answer; every other URL answers 404. */
  routes: Record<string, RecordedRoute>;
  /** The fixture folder (`tests/fixtures/<dir>`). */
  dir: string;
}

/** Parses HTML into a DOM Document (linkedom). */
export function parseDocument(html: string): Document {
  return parseHTML(html).document;
}

/** The page served when a case has no HTML of its own (its facts come from recorded API answers). */
const EMPTY_PAGE = '<!DOCTYPE html><html><head><title></title></head><body></body></html>';

/** Loads `tests/fixtures/<dir>/<name>.page.json` and its page (`<name>.html`, the sidecar's `html` file, or an empty page). */
export function loadPage(dir: string, name: string): SavedPage {
  const base = resolve(FIXTURES, dir, name);
  const side = JSON.parse(readFileSync(`${base}.page.json`, 'utf8')) as {
    url: string;
    identities?: Identities;
    html?: string;
    routes?: Record<string, RecordedRoute>;
  };
  const htmlFile = side.html ? resolve(FIXTURES, dir, side.html) : `${base}.html`;
  return {
    name,
    url: side.url,
    identities: side.identities ?? {},
    document: parseDocument(existsSync(htmlFile) ? readFileSync(htmlFile, 'utf8') : EMPTY_PAGE),
    routes: side.routes ?? {},
    dir,
  };
}

/** The value at a dotted path (`issues.0`) of a parsed JSON value. */
function pickPath(value: unknown, path: string | undefined): unknown {
  if (!path) return value;
  return path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], value);
}

/** The body a recorded route serves (JSON text, or the file's text). */
export function routeBody(dir: string, route: RecordedRoute): string {
  if (!route.file) return '';
  const raw = readFileSync(resolve(FIXTURES, dir, route.file), 'utf8');
  return route.text ? raw : JSON.stringify(pickPath(JSON.parse(raw), route.pick));
}

/**
 * A fetch serving `page.routes` (exact URL match; anything else 404) and recording every call
 * (`url`, `credentials`).
 */
export function recordedFetch(page: Pick<SavedPage, 'routes' | 'dir'>) {
  const calls: { url: string; credentials?: RequestCredentials }[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, ...(init?.credentials ? { credentials: init.credentials } : {}) });
    const route = page.routes[url];
    if (!route) return new Response('{"errorMessages":["not found"]}', { status: 404 });
    return new Response(routeBody(page.dir, route), {
      status: route.status ?? 200,
      headers: { 'content-type': route.text ? 'text/plain; charset=utf-8' : 'application/json' },
    });
  }) as typeof fetch;
  return { fetchFn, calls };
}

/** Golden case names (`<source>--<case>`, one per `.page.json`) in `tests/fixtures/<dir>/` for the given sources. */
export function goldenNames(dir: string, sources: readonly string[]): string[] {
  return readdirSync(resolve(FIXTURES, dir))
    .filter((f) => f.endsWith('.page.json') && sources.some((s) => f.startsWith(`${s}--`)))
    .map((f) => basename(f, '.page.json'))
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
