/**
 * The manifest as built (docs/SECURITY.md, "Extension"; docs/ARCHITECTURE.md,
 * "Browsers"): the store build of `wxt build` carries a strict CSP for
 * extension pages, only the audited permissions, the sync server as its one
 * required host, and the capture hosts, read from the extractors' match
 * patterns, as optional hosts; the e2e variant grants the capture hosts up
 * front. Checked on `.output/…/manifest.json`, not on wxt.config.ts's source.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildExtension } from '../../scripts/lib/env';
import { chromeManifestProblems } from '../../scripts/lib/store-checks';
import { EXTRACTOR_MATCHES } from '../../extension/extractors/hosts';

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_security_policy?: { extension_pages?: string };
  content_scripts?: unknown[];
  icons?: Record<string, string>;
  action?: { default_icon?: Record<string, string> };
  sidebar_action?: { default_icon?: Record<string, string> };
  browser_specific_settings?: { gecko?: { id?: string; data_collection_permissions?: { required?: string[] } } };
}

/**
 * Width and height of a PNG, read from its IHDR chunk (bytes 16-23, big-endian).
 * @throws Error when the file is not a PNG.
 */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  if (b.subarray(1, 4).toString('latin1') !== 'PNG' || b.subarray(12, 16).toString('latin1') !== 'IHDR') {
    throw new Error(`${file} is not a PNG`);
  }
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/**
 * Each `{ size: path }` entry as `{ size, width, height }`, the PNG's real pixel size
 * (a file that is not there or not a PNG throws).
 */
function iconFiles(dir: string, icons: Record<string, string> | undefined) {
  return Object.entries(icons ?? {}).map(([size, path]) => ({
    size: Number(size),
    ...pngSize(resolve(dir, `.${path}`)),
  }));
}

/** What `iconFiles` answers when every listed icon is a square PNG of its size. */
const squares = (sizes: number[]) => sizes.map((size) => ({ size, width: size, height: size }));

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
let storeDir: string;
beforeAll(() => {
  storeDir = buildExtension({ server: SERVER, outDir: '.output/e2e-manifest' });
  store = read(storeDir);
});

describe('icons (store build)', () => {
  it('lists icons at 16, 32, 48, 96 and 128 px, each a PNG of that size', () => {
    expect(iconFiles(storeDir, store.icons)).toEqual(squares([16, 32, 48, 96, 128]));
  });

  it('gives the toolbar action its own icon at 16 and 32 px', () => {
    expect(iconFiles(storeDir, store.action?.default_icon)).toEqual(squares([16, 32]));
  });

  it('gives the Firefox build the same icons, its sidebar button the toolbar sizes, and the server as a portless host', () => {
    const dir = buildExtension({ server: SERVER, outDir: '.output/e2e-manifest', browser: 'firefox' });
    const firefox = read(dir);
    expect(iconFiles(dir, firefox.icons)).toEqual(squares([16, 32, 48, 96, 128]));
    expect(iconFiles(dir, firefox.sidebar_action?.default_icon)).toEqual(squares([16, 32]));
    expect(firefox.action).toBeUndefined();
    // Without the port: Firefox does not let a port pattern lift CORS (tests/e2e/firefox.test.ts signs in through it).
    expect(firefox.host_permissions).toEqual(['http://127.0.0.1/*']);
    // The data-collection declaration Firefox shows at install: what docs/PRIVACY.md section 5 lists.
    expect(firefox.browser_specific_settings?.gecko).toMatchObject({
      id: 'casebook@casebook.dev',
      data_collection_permissions: { required: ['personallyIdentifyingInfo', 'browsingActivity', 'websiteContent'] },
    });
    const privacy = readFileSync(resolve(import.meta.dirname, '../../docs/PRIVACY.md'), 'utf8');
    expect(privacy).toMatch(/personally identifying information[\s\S]*browsing activity[\s\S]*website content/);
  });
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

describe('Chrome Web Store manifest checks (npm run package runs them)', () => {
  it('pass on the store build', () => {
    expect(chromeManifestProblems(storeDir)).toEqual([]);
  });

  it('name each problem: no 128 px icon, a missing file, a long description, a bad version, broad hosts, remote code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-store-'));
    mkdirSync(join(dir, 'icon'));
    writeFileSync(join(dir, 'icon/16.png'), readFileSync(resolve(storeDir, 'icon/16.png')));
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        ...store,
        description: 'x'.repeat(133),
        version: '1.02.x',
        icons: { 16: '/icon/16.png', 48: '/icon/missing.png' },
        action: {},
        host_permissions: ['<all_urls>'],
        content_security_policy: { extension_pages: "script-src 'self' https://cdn.example.com" },
      }),
    );
    expect(chromeManifestProblems(dir)).toEqual([
      'description is missing or longer than 132 characters',
      'version 1.02.x is not 1 to 4 dot-separated integers',
      'no 128 px icon in "icons"',
      'icon /icon/missing.png is not in the package',
      'required host permission <all_urls> is too broad',
      'extension_pages CSP allows remote or inline code',
    ]);
  });
});
