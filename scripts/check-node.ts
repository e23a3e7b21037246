/**
 * Stops `npm start` and `npm test` early, with a clear message, on a Node.js
 * older than package.json's `engines.node` minimum (20.19: `wrangler` 4.86,
 * which runs the worker, needs 20.3; Vite 7 under WXT needs 20.19). Newer
 * majors pass. See README, "Node.js versions".
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from './lib/env';

/** `[major, minor, patch]` of a version such as `v20.19.0` or `>=20.19`. */
export function parseVersion(v: string): [number, number, number] {
  const m = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(v);
  if (!m) throw new Error(`not a version: ${v}`);
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

/** True when `current` is at least `minimum` (both `major.minor.patch`). */
export function atLeast(current: string, minimum: string): boolean {
  const a = parseVersion(current);
  const b = parseVersion(minimum);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return true;
}

const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { engines?: { node?: string } };
const minimum = pkg.engines?.node ?? '>=20.19';
if (!atLeast(process.version, minimum)) {
  console.error(
    `Casebook needs Node.js ${minimum.replace('>=', '')} or newer; this is ${process.version}.\n` +
      'Install a current Node.js (20 LTS from 20.19, or 22) and run the command again.',
  );
  process.exit(1);
}
