/**
 * `npm run check:size`: builds the store extension and fails when a capture
 * script (one per site) or the side panel's first-paint JS is over its budget
 * (scripts/lib/bundle-size.ts). Prints each size beside its limit.
 */
import { buildExtension } from './lib/env';
import { checkExtensionSizes } from './lib/bundle-size';

const dir = buildExtension({ server: 'http://127.0.0.1:8787', outDir: '.output/size-check' });
const checks = checkExtensionSizes(dir);
for (const c of checks)
  console.log(
    `${c.pass ? 'ok  ' : 'OVER'} ${c.name}: ${(c.bytes / 1024).toFixed(1)} KiB (${c.bytes} bytes; limit ${c.limit} bytes)`,
  );
if (checks.some((c) => !c.pass)) process.exit(1);
