/**
 * Extension hardening (docs/SECURITY.md, "Extension"):
 * - the background answers `sync-now` only to the extension's own pages, with a
 *   valid message; a content script (a page URL or a tab sender) or a foreign
 *   extension gets nothing and starts no sync;
 * - storage.local (the bearer token) is restricted to TRUSTED_CONTEXTS at startup,
 *   never widened;
 * - the capture content script's code never touches the session, the token, the
 *   API client or storage; no extension source loads remote code or evaluates strings;
 * The manifest's CSP and permissions are checked on the built manifest, in
 * tests/e2e/manifest.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background, { restrictLocalStorage } from '../../extension/entrypoints/background';
import { SyncRunner } from '../../extension/sync/runner';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');

type Listener = (message: unknown, sender: Record<string, unknown>, respond: (r: unknown) => void) => unknown;

describe('background message handling', () => {
  let listeners: Listener[];
  let accessLevels: unknown[];
  let syncSpy: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    listeners = [];
    accessLevels = [];
    const b = fakeBrowser as unknown as Record<string, any>;
    const resolved = () => vi.fn<() => Promise<void>>(async () => undefined);
    if (b.sidePanel) b.sidePanel.setPanelBehavior = resolved();
    // APIs the fake browser of WXT 0.21 does not implement: inert stubs.
    const event = () => ({ addListener: vi.fn<(l: unknown) => void>(), removeListener: vi.fn<(l: unknown) => void>() });
    b.contextMenus = { onClicked: event(), removeAll: resolved(), create: vi.fn<(o: unknown) => void>() };
    b.commands = { onCommand: event() };
    b.action = { setBadgeText: resolved(), setBadgeBackgroundColor: resolved(), setTitle: resolved() };
    b.storage.local.setAccessLevel = vi.fn<(o: unknown) => Promise<void>>(async (o) => void accessLevels.push(o));
    vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener').mockImplementation(
      (l) => void listeners.push(l as Listener),
    );
    syncSpy = vi.spyOn(SyncRunner.prototype, 'sync').mockResolvedValue({
      lastSyncedAt: null,
      lastAttemptAt: null,
      pending: 0,
      lastError: null,
      lastErrorCode: null,
      failures: 0,
      nextRetryAt: null,
      skipped: [],
    });
    background.main();
    syncSpy.mockClear();
  });

  afterEach(() => vi.restoreAllMocks());

  function send(message: unknown, sender: Record<string, unknown>): { result: unknown; replies: unknown[] } {
    const replies: unknown[] = [];
    expect(listeners).toHaveLength(1);
    const result = listeners[0]!(message, sender, (r) => replies.push(r));
    return { result, replies };
  }

  const own = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') });

  it('restricts storage.local to trusted contexts at startup', () => {
    expect(accessLevels).toEqual([{ accessLevel: 'TRUSTED_CONTEXTS' }]);
  });

  it('the side panel asking sync-now gets an answer', async () => {
    const { result, replies } = send({ type: 'sync-now' }, own());
    expect(result).toBe(true);
    await vi.waitFor(() => expect(replies).toEqual([expect.objectContaining({ ok: true })]));
    expect(syncSpy).toHaveBeenCalledTimes(1);
  });

  it('a content script on a page, another extension, or a malformed message gets nothing and starts no sync', () => {
    const refused: [unknown, Record<string, unknown>][] = [
      // our own capture script, running in a page: page URL and a tab
      [{ type: 'sync-now' }, { id: fakeBrowser.runtime.id, url: 'https://github.com/o/r/pull/1', tab: { id: 7 } }],
      // an origin that merely starts like ours
      [{ type: 'sync-now' }, { id: fakeBrowser.runtime.id, url: 'https://evil.example/chrome-extension://x/' }],
      // another extension
      [{ type: 'sync-now' }, { id: 'someone-else', url: 'chrome-extension://someone-else/page.html' }],
      // no sender details at all
      [{ type: 'sync-now' }, {}],
      // our page, but not a message we know
      [{ type: 'get-token' }, own()],
      [{ type: 'sync-now', extra: { __proto__: { polluted: true } } }, { id: 'x' }],
      ['sync-now', own()],
      [null, own()],
    ];
    for (const [message, sender] of refused) {
      const { result, replies } = send(message, sender);
      expect({ message, sender, result }).toEqual({ message, sender, result: undefined });
      expect(replies).toEqual([]);
    }
    expect(syncSpy).not.toHaveBeenCalled();
  });

  it('a browser without setAccessLevel on storage.local (Firefox) starts normally', async () => {
    const b = { storage: { local: {} } } as unknown as Parameters<typeof restrictLocalStorage>[0];
    await expect(restrictLocalStorage(b)).resolves.toBeUndefined();
  });
});

// ---------------------------------------------------------------------------

/**
 * Every source file the entry reaches through value imports (static or dynamic;
 * `import type` is erased and not followed), and the packages those files
 * import, as dependency-cruiser resolves them (the same resolution as
 * `npm run check:deps`, whose rule `capture-script-stays-small-and-tokenless`
 * checks the modules; this test also reads their source).
 */
async function closure(entry: string): Promise<{ files: string[]; packages: Set<string> }> {
  const result = await cruise(
    [entry],
    {
      baseDir: ROOT,
      tsPreCompilationDeps: true,
      doNotFollow: { path: 'node_modules' },
      tsConfig: { fileName: resolve(ROOT, 'tsconfig.base.json') },
    },
    { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  );
  const output = result.output as ICruiseResult;
  const bySource = new Map(output.modules.map((m) => [m.source, m]));
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (source: string) => {
    if (files.has(source)) return;
    files.add(source);
    for (const d of bySource.get(source)?.dependencies ?? []) {
      if (d.dependencyTypes.includes('type-only')) continue;
      if (d.coreModule || d.resolved.includes('node_modules/') || !d.module.startsWith('.')) packages.add(d.module);
      else visit(d.resolved);
    }
  };
  visit(entry);
  return { files: [...files].map((f) => resolve(ROOT, f)), packages };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

describe('tokens never reach a content script; no remote code', () => {
  it('no capture content script reaches the session, the API client, storage or the database', async () => {
    const entries = readdirSync(resolve(ROOT, 'extension/entrypoints')).filter((f) => /^capture-.+\.ts$/.test(f));
    expect(entries.length).toBeGreaterThanOrEqual(6); // one per extractor (extension/capture/scripts.ts)
    for (const entry of entries) await expectTokenless(`extension/entrypoints/${entry}`);
  });

  async function expectTokenless(entry: string): Promise<void> {
    const { files, packages } = await closure(entry);
    const rel = files.map((f) => f.slice(ROOT.length + 1));
    expect(rel).toContain('extension/capture/run.ts');
    const forbidden = rel.filter((f) => /extension\/(api|db|sync)\/|session|storage/.test(f));
    expect(forbidden).toEqual([]);
    expect([...packages].filter((p) => /storage|dexie|wxt\/browser/.test(p))).toEqual([]);
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      const hits = [
        ...src.matchAll(/\b(storage\.local|storage\.session|getSession|casebook\.session|Authorization)\b/g),
        ...src.matchAll(/\bruntime\.(sendMessage|connect)\b/g),
      ].map((m) => m[0]);
      expect({ file: f, hits }).toEqual({ file: f, hits: [] });
    }
  }

  it('no extension or shared source evaluates strings or loads scripts from the network', () => {
    const offenders: string[] = [];
    for (const f of [...sourceFiles(resolve(ROOT, 'extension')), ...sourceFiles(resolve(ROOT, 'shared'))]) {
      const src = readFileSync(f, 'utf8').replace(/^\s*(\*|\/\/).*$/gm, '');
      if (/\beval\s*\(|new\s+Function\s*\(|setTimeout\(\s*['"`]|importScripts\(|import\(\s*['"`]https?:/.test(src)) {
        offenders.push(f.slice(ROOT.length + 1));
      }
      if (/<script[^>]+src=["']https?:/i.test(src) || /createElement\(\s*['"]script['"]\s*\)/.test(src)) {
        offenders.push(f.slice(ROOT.length + 1));
      }
      if (/dangerouslySetInnerHTML|\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML/.test(src)) {
        offenders.push(`${f.slice(ROOT.length + 1)} (HTML injection sink)`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
