/**
 * `npm run package`: store packages for Chrome and Firefox.
 *   1. `wxt zip` (Chrome MV3) and `wxt zip -b firefox` (Firefox MV3 plus the
 *      sources archive addons.mozilla.org asks for), into CASEBOOK_OUT_DIR
 *      (default `.output`); the version is package.json's.
 *   2. `web-ext lint` on the Firefox build (fails on errors, prints warnings).
 *   3. Checks both manifests carry package.json's version, the Chrome one
 *      against the store's requirements (scripts/lib/store-checks.ts), and
 *      prints each zip with its size and SHA-256.
 * `npm run lint:firefox` (`--lint-only`) builds Firefox and lints it, without zips.
 *
 * CASEBOOK_SERVER sets the sync server baked into the packages (`npm run
 * deploy` passes the deployed URL); left unset, they point at the local worker.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from './lib/env';
import { chromeManifestProblems } from './lib/store-checks';

const bin = (name: string) => resolve(ROOT, 'node_modules', '.bin', name);

/**
 * Runs a command with inherited output.
 * @throws Error naming the command when it exits non-zero.
 */
function step(title: string, cmd: string, args: string[]): void {
  console.log(`\n== ${title}: ${[cmd.replace(`${ROOT}/node_modules/.bin/`, ''), ...args].join(' ')}`);
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (res.status !== 0) throw new Error(`${title} failed (exit ${res.status ?? res.signal})`);
}

/** package.json's version, the one every package must carry. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string') throw new Error('package.json has no version');
  return pkg.version;
}

function checkManifest(dir: string, version: string): void {
  const manifest = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as { version?: unknown };
  if (manifest.version !== version) {
    throw new Error(`${dir}/manifest.json has version ${String(manifest.version)}, package.json has ${version}`);
  }
}

function main(): void {
  const lintOnly = process.argv.includes('--lint-only');
  const outDir = resolve(ROOT, process.env.CASEBOOK_OUT_DIR ?? '.output');
  const server = process.env.CASEBOOK_SERVER ?? 'http://127.0.0.1:8787';
  const version = packageVersion();
  console.log(`Casebook ${version}, sync server ${server}, output ${outDir}`);
  if (!lintOnly && /^http:\/\/(127\.0\.0\.1|localhost)/.test(server)) {
    console.log('Note: these packages talk to the local worker. For store packages set CASEBOOK_SERVER=https://...');
  }

  if (lintOnly) {
    step('Firefox build', bin('wxt'), ['build', '-b', 'firefox']);
  } else {
    step('Chrome package', bin('wxt'), ['zip']);
    step('Firefox package and sources', bin('wxt'), ['zip', '-b', 'firefox']);
    checkManifest(resolve(outDir, 'chrome-mv3'), version);
    const problems = chromeManifestProblems(resolve(outDir, 'chrome-mv3'));
    if (problems.length) throw new Error(`the Chrome manifest fails the store's checks:\n  ${problems.join('\n  ')}`);
    console.log('\n== Chrome manifest checks: passed (MV3, name, description, version, icons, hosts, CSP)');
  }
  const firefoxDir = resolve(outDir, 'firefox-mv3');
  checkManifest(firefoxDir, version);
  step('Firefox lint', bin('web-ext'), ['lint', '--source-dir', firefoxDir, '--no-config-discovery']);

  if (lintOnly) return;
  const zips = readdirSync(outDir)
    .filter((f) => f.endsWith('.zip') && f.includes(`-${version}-`))
    .sort();
  console.log('\nPackages:');
  for (const f of zips) {
    const file = resolve(outDir, f);
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
    console.log(`  ${file}  ${(statSync(file).size / 1024).toFixed(1)} KiB  sha256 ${sha}`);
  }
  const expected = ['chrome', 'firefox', 'sources'].map((kind) => `casebook-${version}-${kind}.zip`);
  const missing = expected.filter((f) => !zips.includes(f));
  if (missing.length) throw new Error(`missing packages: ${missing.join(', ')}`);
}

try {
  main();
} catch (err) {
  console.error(`\nnpm run package: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
