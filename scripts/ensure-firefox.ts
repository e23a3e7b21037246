/**
 * Makes sure a Firefox for tests/e2e/firefox.test.ts exists (`FIREFOX_PATH` or
 * /usr/bin/firefox-esr). Installs Debian's `firefox-esr` package when running
 * as root; otherwise fails with a message that says how.
 */
import { ensureBinary } from './lib/ensure-binary';
import { firefoxPath } from './lib/firefox';

ensureBinary({ name: 'Firefox', path: firefoxPath(), pkg: 'firefox-esr', envVar: 'FIREFOX_PATH' });
