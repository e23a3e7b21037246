/** The Chrome Web Store manifest checks `npm run package` runs (scripts/lib/store-checks.ts), on temporary builds. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromeManifestProblems } from '../../scripts/lib/store-checks';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

function build(manifest: object, files: string[] = ['icon/16.png', 'icon/48.png', 'icon/128.png']): string {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-store-'));
  mkdirSync(join(dir, 'icon'));
  for (const f of files) writeFileSync(join(dir, f), PNG);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

const good = {
  manifest_version: 3,
  name: 'Casebook',
  description: 'Clip evidence for your promotion case.',
  version: '0.1.0',
  icons: { 16: '/icon/16.png', 48: '/icon/48.png', 128: '/icon/128.png' },
  action: { default_icon: { 16: '/icon/16.png' } },
  host_permissions: ['https://casebook.example.com/*'],
  content_security_policy: { extension_pages: "script-src 'self'; object-src 'none'" },
};

describe('chromeManifestProblems', () => {
  it('passes a manifest that meets the store requirements', () => {
    expect(chromeManifestProblems(build(good))).toEqual([]);
  });

  it('names each problem: no 128 px icon, a missing file, a long description, a bad version, broad hosts, remote code', () => {
    const dir = build(
      {
        ...good,
        description: 'x'.repeat(133),
        version: '1.02.x',
        icons: { 16: '/icon/16.png', 48: '/icon/missing.png' },
        host_permissions: ['<all_urls>'],
        content_security_policy: { extension_pages: "script-src 'self' https://cdn.example.com" },
      },
      ['icon/16.png'],
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
