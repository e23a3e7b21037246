/**
 * extension/extractors/hosts.ts: the match patterns the manifest's capture
 * hosts are built from are the registered extractors' own `matches`.
 */
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../extension/extractors/registry';
import { captureHostPermissions, EXTRACTOR_MATCHES } from '../../extension/extractors/hosts';

describe('extractor match patterns', () => {
  it('every registered extractor declares exactly its entry in EXTRACTOR_MATCHES', () => {
    expect(Object.fromEntries(REGISTRY.map((x) => [x.id, [...x.matches]]))).toEqual(
      Object.fromEntries(Object.entries(EXTRACTOR_MATCHES).map(([id, m]) => [id, [...m]])),
    );
  });

  it('every example URL an extractor detects is covered by one of its patterns', () => {
    const covers = (pattern: string, url: URL) => {
      const m = /^(https?|\*):\/\/([^/]+)(\/.*)$/.exec(pattern);
      if (!m) return false;
      const [, scheme, host, path] = m as unknown as [string, string, string, string];
      const re = (glob: string) => new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
      return (
        (scheme === '*' || `${scheme}:` === url.protocol) &&
        (host === '*' || re(host).test(url.hostname)) &&
        re(path).test(url.pathname)
      );
    };
    const hosted = [
      'https://github.com/o/r/pull/1',
      'https://acme.atlassian.net/browse/ABC-1',
      'https://acme.atlassian.net/wiki/spaces/X/pages/1/T',
      'https://docs.google.com/document/d/abc/edit',
      'https://www.notion.so/Page-0123456789abcdef0123456789abcdef',
    ];
    for (const href of hosted) {
      const url = new URL(href);
      const x = REGISTRY.find((e) => e.detect(url));
      expect({ href, covered: x?.matches.some((p) => covers(p, url)) }).toEqual({ href, covered: true });
    }
  });

  it('turns them into host permissions, one per host, leaving out the generic page extractor', () => {
    expect(captureHostPermissions()).toEqual([
      'https://github.com/*',
      'https://*.atlassian.net/*',
      'https://docs.google.com/*',
      'https://www.notion.so/*',
      'https://*.notion.site/*',
    ]);
    expect(captureHostPermissions({ a: ['https://x.example/a/*', 'https://x.example/b/*'], b: ['*://*/*'] })).toEqual([
      'https://x.example/*',
    ]);
  });
});
