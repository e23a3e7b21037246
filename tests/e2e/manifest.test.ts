/**
 * The manifest as built (docs/SECURITY.md, "Extension"; docs/ARCHITECTURE.md,
 * "Browsers"): the store build of `wxt build` carries a strict CSP for
 * extension pages, only the audited permissions, the sync server as its one
 * required host, and the capture hosts, read from the extractors' match
 * patterns, as optional hosts; the e2e variant grants the capture hosts up
 * front. Checked on `.output/…/manifest.json`, not on wxt.config.ts's source.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildExtension } from '../../scripts/lib/env';
import { EXTRACTOR_MATCHES } from '../../extension/extractors/hosts';

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_security_policy?: { extension_pages?: string };
  content_scripts?: unknown[];
}

const SERVER = 'http://127.0.0.1:8817';
/** Hosts of the site extractors, as the panel asks for them. */
const SITE_HOSTS = [
  'https://github.com/*',
  'https://*.atlassian.net/*',
  'https://docs.google.com/*',
  'https://www.notion.so/*',
  'https://*.notion.site/*',
];

const read = (dir: string): Manifest => JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as Manifest;

let store: Manifest;
beforeAll(() => {
  store = read(buildExtension({ server: SERVER, outDir: '.output/e2e-manifest' }));
});

describe('built manifest (store build)', () => {
  it('sets a strict extension_pages CSP', () => {
    const csp = store.content_security_policy?.extension_pages ?? '';
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v.join(' ')]),
    );
    expect(directives).toEqual({
      'script-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
    });
  });

  it('asks for only the audited permissions, and the sync server as the one required host', () => {
    expect(store.manifest_version).toBe(3);
    expect(store.permissions).toEqual(['storage', 'sidePanel', 'activeTab', 'scripting', 'contextMenus', 'alarms']);
    expect(store.host_permissions).toEqual([`${SERVER}/*`]);
    expect(store.content_scripts ?? []).toEqual([]);
    // Nothing asks for <all_urls>, tabs, cookies, webRequest, history or downloads.
    expect(JSON.stringify(store)).not.toMatch(/<all_urls>|"tabs"|"cookies"|"webRequest|"history"|"downloads"/);
  });

  it('keeps the capture hosts optional, as read from the registered extractors', () => {
    // The extractors' own patterns (tests/unit/extractor-hosts.test.ts ties them to the registry), cut to their hosts.
    const fromExtractors = new Set(
      Object.values(EXTRACTOR_MATCHES)
        .flat()
        .map((p) => /^(https?):\/\/([^/]+)\//.exec(p))
        .filter((m): m is RegExpExecArray => m !== null && m[2] !== '*')
        .map((m) => `${m[1]}://${m[2]}/*`),
    );
    expect([...fromExtractors]).toEqual(SITE_HOSTS);
    expect(store.optional_host_permissions?.slice(0, SITE_HOSTS.length)).toEqual(SITE_HOSTS);
    expect(store.optional_host_permissions).toEqual([
      ...SITE_HOSTS,
      // The history import's GitHub API host, asked for from Settings → Connections.
      'https://api.github.com/*',
      'https://*/*',
      'http://localhost/*',
      'http://127.0.0.1/*',
    ]);
  });
});

describe('built manifest (e2e variant)', () => {
  it('grants the capture hosts up front, since a headless browser cannot answer a permission prompt', () => {
    const e2e = read(inject('extensionDir'));
    // Plus the local fake GitHub API and fake Jira site the Inbox test imports from.
    expect(e2e.host_permissions).toEqual([
      `${inject('server')}/*`,
      ...SITE_HOSTS,
      `http://127.0.0.1:${inject('fakeGithubPort')}/*`,
      `http://127.0.0.1:${inject('fakeJiraPort')}/*`,
    ]);
    expect(e2e.optional_host_permissions).toEqual([
      'https://api.github.com/*',
      'https://*/*',
      'http://localhost/*',
      'http://127.0.0.1/*',
    ]);
  });
});
