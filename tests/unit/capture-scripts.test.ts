/**
 * extension/capture/scripts.ts and the per-site capture scripts: one unlisted script per registered
 * extractor (extension/entrypoints/capture-<id>.ts), each carrying only its own site extractor and the
 * generic one; the panel picks the script by the address the page shows when it is captured.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { browser } from 'wxt/browser';
import { captureTab } from '../../extension/capture/panel';
import { captureWith } from '../../extension/capture/run';
import { CAPTURE_SCRIPTS, captureScriptFor } from '../../extension/capture/scripts';
import { REGISTRY } from '../../extension/extractors/registry';
import { jira } from '../../extension/extractors/jira';
import { web } from '../../extension/extractors/web';

const ENTRYPOINTS = fileURLToPath(new URL('../../extension/entrypoints/', import.meta.url));

describe('one capture script per extractor', () => {
  it('names a script for every registered extractor, built from an entrypoint of the same name', () => {
    expect(Object.keys(CAPTURE_SCRIPTS).sort()).toEqual(REGISTRY.map((e) => e.id).sort());
    for (const e of REGISTRY) {
      expect(CAPTURE_SCRIPTS[e.id as keyof typeof CAPTURE_SCRIPTS]).toBe(`/capture-${e.id}.js`);
      const entry = `${ENTRYPOINTS}capture-${e.id}.ts`;
      expect(existsSync(entry)).toBe(true);
      // Each script carries its own site extractor and the generic one, never another site's.
      const imports = [...readFileSync(entry, 'utf8').matchAll(/from '\.\.\/extractors\/([\w-]+)'/g)].map((m) => m[1]);
      expect(imports.sort()).toEqual([...new Set([e.id, 'web'])].sort());
    }
  });

  it('falls back to the generic page script for an id without one', () => {
    expect(captureScriptFor('jira')).toBe('/capture-jira.js');
    expect(captureScriptFor('nope')).toBe('/capture-web.js');
  });

  it('a site script on another site’s page reads it as a generic page', async () => {
    const { document } = parseHTML('<html><head><title>Pull request</title></head><body></body></html>');
    const result = await captureWith([jira, web], {
      location: { href: 'https://github.com/o/r/pull/1' } as Location,
      document: document as unknown as Document,
      fetch: (async () => new Response('', { status: 404 })) as typeof fetch,
    });
    expect(result).toMatchObject({ ok: true, extractor: 'web', draft: { source: 'web' } });
  });
});

describe('the panel picks the script by the address the page shows', () => {
  function browserShowing(href: unknown, files: string[]) {
    return {
      ...fakeBrowser,
      runtime: { ...fakeBrowser.runtime, getManifest: () => ({ optional_host_permissions: [] }) },
      scripting: {
        ...fakeBrowser.scripting,
        executeScript: async (d: { files?: string[] }) => {
          if (d.files) files.push(...d.files);
          return [{ frameId: 0, result: d.files ? { ok: false, error: 'stop here' } : href }];
        },
      },
    } as unknown as typeof browser;
  }

  it('uses the page’s own address over a stale tab URL, and the tab URL when the page gives none', async () => {
    const files: string[] = [];
    await captureTab(
      { id: 1, url: 'https://github.com/o/r' },
      {},
      browserShowing('https://acme.atlassian.net/browse/KT-1', files),
    );
    await captureTab(
      { id: 1, url: 'https://www.notion.so/Plan-0123456789abcdef0123456789abcdef' },
      {},
      browserShowing(undefined, files),
    );
    await captureTab({ id: 1 }, {}, browserShowing(undefined, files));
    expect(files).toEqual(['/capture-jira.js', '/capture-notion.js', '/capture-web.js']);
  });
});
