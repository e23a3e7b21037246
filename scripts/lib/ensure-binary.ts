/**
 * Makes sure a browser binary for the real-browser tests exists: installs the
 * Debian package when running as root, otherwise exits with a message that
 * says how. Never lets the browser tests skip silently. Used by
 * scripts/ensure-chromium.ts and scripts/ensure-firefox.ts (`npm test`).
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/**
 * Ensures `path` exists, installing Debian's `pkg` with apt-get as root.
 * `envVar` names the variable that overrides the path (then nothing is installed).
 * Exits the process with status 1 when the binary cannot be had.
 */
export function ensureBinary(opts: { name: string; path: string; pkg: string; envVar: string }): void {
  const { name, path, pkg, envVar } = opts;
  if (existsSync(path)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || process.env[envVar]) {
    console.error(
      `${name} not found at ${path}. The browser tests need it.\n` +
        `Install Debian's package: sudo apt-get install -y ${pkg}\n` +
        `or point ${envVar} at a ${name} binary.`,
    );
    process.exit(1);
  }
  console.log(`${name} not found at ${path}; installing Debian's ${pkg} package...`);
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', pkg],
  ]) {
    const res = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (res.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed; install ${name} with: apt-get install -y ${pkg}`);
      process.exit(1);
    }
  }
  if (!existsSync(path)) {
    console.error(`apt-get installed ${pkg} but ${path} is still missing; set ${envVar}.`);
    process.exit(1);
  }
}
