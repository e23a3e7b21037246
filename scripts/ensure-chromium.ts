/**
 * Makes sure a Chromium for the real-browser tests exists. Installs Debian's
 * `chromium` package when running as root; otherwise fails with a message
 * that says how. Never lets the browser tests skip silently.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromiumPath } from './lib/env';

const path = chromiumPath();
if (!existsSync(path)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || process.env.CHROMIUM_PATH) {
    console.error(
      `Chromium not found at ${path}. The browser tests need it.\n` +
        `Install Debian's package: sudo apt-get install -y chromium\n` +
        `or point CHROMIUM_PATH at a Chromium binary.`,
    );
    process.exit(1);
  }
  console.log(`Chromium not found at ${path}; installing Debian's chromium package (about 30 s)...`);
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'chromium'],
  ]) {
    const res = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (res.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed; install Chromium with: apt-get install -y chromium`);
      process.exit(1);
    }
  }
  if (!existsSync(path)) {
    console.error(`apt-get installed chromium but ${path} is still missing; set CHROMIUM_PATH.`);
    process.exit(1);
  }
}
