/**
 * Makes sure a Chromium for the real-browser tests exists (`CHROMIUM_PATH` or
 * /usr/bin/chromium). Installs Debian's `chromium` package when running as
 * root; otherwise fails with a message that says how.
 */
import { chromiumPath } from './lib/env';
import { ensureBinary } from './lib/ensure-binary';

ensureBinary({ name: 'Chromium', path: chromiumPath(), pkg: 'chromium', envVar: 'CHROMIUM_PATH' });
