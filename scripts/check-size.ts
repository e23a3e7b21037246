/**
 * `npm run check:size`: builds the store extension and fails when a capture
 * script (one per site) is over its 25 KiB budget, or when the side panel's
 * first-paint JS grows past its ratchet while its 350 KB budget is not met
 * (scripts/lib/bundle-size.ts). Prints each size beside its limit.
 */
import { buildExtension } from './lib/env';
import { checkExtensionSizes } from './lib/bundle-size';

const dir = buildExtension({ server: 'http://127.0.0.1:8787', outDir: '.output/size-check' });
const checks = checkExtensionSizes(dir);
for (const c of checks) {
  console.log(
    `${c.pass ? 'ok  ' : 'OVER'} ${c.name}: ${(c.bytes / 1024).toFixed(1)} KiB (${c.bytes} bytes; limit ${c.limit} bytes)`,
  );
  if (c.note) console.log(`     ${c.note}`);
}
if (checks.some((c) => !c.pass)) process.exit(1);
