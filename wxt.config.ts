import { defineConfig } from 'wxt';
import { captureHostPermissions } from './extension/extractors/hosts';

/**
 * WXT build config.
 * - CASEBOOK_SERVER: origin of the sync server baked in at build time
 *   (default: the local worker that `npm start` runs).
 * - CASEBOOK_E2E=1: test variant for headless Chromium and Firefox, which cannot
 *   answer permission prompts: grants the capture hosts up front as
 *   host_permissions. In Firefox it also opens the panel page in a tab at install
 *   (extension/entrypoints/background.ts), since WebDriver BiDi cannot navigate
 *   to moz-extension:// pages.
 * - CASEBOOK_GITHUB_API: default GitHub API base of the history import
 *   (default github.com's); the e2e build points it at the local fake GitHub
 *   and grants its origin up front.
 * - CASEBOOK_E2E_HOSTS: comma-separated origins the e2e build also grants up
 *   front (the local fake Jira site the history import reads through a tab).
 * - CASEBOOK_OUT_DIR: output folder (default `.output`).
 * - CASEBOOK_GECKO_ID: Firefox add-on id (default `casebook@casebook.dev`);
 *   a fork that publishes its own listing on addons.mozilla.org needs its own.
 *
 * Browsers: Chrome is MV3 with `side_panel`. Firefox is MV3 too (`-b firefox`),
 * with the side panel as `sidebar_action` (WXT generates it from the sidepanel
 * entrypoint). Firefox gets MV3 rather than WXT's MV2 default because WXT 0.21's
 * MV2 conversion drops `optional_host_permissions` (the capture hosts) without
 * replacing them, and MV3 keeps one manifest shape (action, host_permissions,
 * scripting) for both browsers. See docs/ARCHITECTURE.md, "Browsers".
 */
const server = new URL(process.env.CASEBOOK_SERVER ?? 'http://127.0.0.1:8787').origin;
const e2e = process.env.CASEBOOK_E2E === '1';
/**
 * The sync server's host permission for Firefox, without the port: Firefox grants
 * a pattern with a port (`http://127.0.0.1:8787/*`) but does not let it lift CORS
 * for the extension's requests, so sign-in fails with a NetworkError
 * (tests/e2e/firefox.test.ts). A deployed server is https on 443, where the two
 * patterns are the same; only a local server's pattern widens to every port of that host.
 */
const serverPatternFirefox = `${new URL(server).protocol}//${new URL(server).hostname}/*`;
const githubApi = process.env.CASEBOOK_GITHUB_API ? new URL(process.env.CASEBOOK_GITHUB_API) : null;
const e2eHosts = (process.env.CASEBOOK_E2E_HOSTS ?? '')
  .split(',')
  .filter(Boolean)
  .map((h) => `${new URL(h).origin}/*`);

/**
 * Origins the user may choose in Settings (a self-hosted sync server, GitHub
 * Enterprise, Jira or Confluence). Optional: nothing is granted until the user
 * asks for one origin from the panel, and then only that origin.
 */
const userChosenHosts = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'];

/**
 * Hosts the site extractors work on (github.com, *.atlassian.net, …), read from
 * the extractors' own match patterns (extension/extractors/hosts.ts, data only);
 * asked for at run time from the panel.
 */
const captureHosts = captureHostPermissions();

/**
 * The GitHub REST API the history import reads with the user's token (github.com;
 * GitHub Enterprise Server API hosts are user-chosen origins). Optional: asked for
 * from the Connections card when the token is saved.
 */
const importHosts = ['https://api.github.com/*'];

const permissions = ['storage', 'sidePanel', 'activeTab', 'scripting', 'contextMenus', 'alarms'];

/**
 * Firefox-only manifest keys. Firefox 140 is the first release with the built-in
 * data-collection consent (`data_collection_permissions`, required for new
 * listings on addons.mozilla.org) and it shows MV3 host permissions at install
 * (since 127). What the extension sends, and only to the user's own sync server:
 * the sign-in email address, and the clipped pages' URLs, titles and metadata.
 * Held in a variable: WXT 0.21's manifest type predates `data_collection_permissions`.
 */
const gecko = {
  id: process.env.CASEBOOK_GECKO_ID ?? 'casebook@casebook.dev',
  strict_min_version: '140.0',
  data_collection_permissions: {
    required: ['personallyIdentifyingInfo', 'browsingActivity', 'websiteContent'],
  },
};
/** Firefox for Android reads the same keys; data-collection consent starts there at 142. */
const geckoAndroid = { strict_min_version: '142.0' };

/** Content-Security-Policy of the panel and every other extension page (MV3 `extension_pages`). */
const EXTENSION_PAGES_CSP = "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/**
 * Icons, rendered from extension/icon.svg by `npm run icons` (scripts/icons.ts)
 * and committed. The accent tile reads on light and dark toolbars alike, so Chrome's
 * action has one icon; Firefox has no toolbar action here (see below), and its
 * sidebar_action takes no `theme_icons`, so one set serves both themes there too.
 */
const ICONS = { 16: '/icon/16.png', 32: '/icon/32.png', 48: '/icon/48.png', 96: '/icon/96.png', 128: '/icon/128.png' };
/** The toolbar-sized subset, for Chrome's action and Firefox's sidebar button. */
const TOOLBAR_ICONS = { 16: ICONS[16], 32: ICONS[32] };

const openCommand = {
  suggested_key: { default: 'Alt+Shift+C' },
  description: 'Open the Casebook side panel on this page',
};

export default defineConfig({
  srcDir: 'extension',
  // Copied as is into every build: the icons (extension/public/icon/*.png).
  publicDir: 'extension/public',
  outDir: process.env.CASEBOOK_OUT_DIR ?? '.output',
  // MV3 everywhere: Chrome's default, and chosen for Firefox (see above).
  manifestVersion: 3,
  modules: ['@wxt-dev/module-react'],
  vite: () => ({
    define: {
      'import.meta.env.CASEBOOK_SERVER': JSON.stringify(server),
      'import.meta.env.CASEBOOK_E2E': JSON.stringify(e2e),
      'import.meta.env.CASEBOOK_GITHUB_API': JSON.stringify(githubApi ? githubApi.href.replace(/\/$/, '') : ''),
    },
  }),
  zip: {
    // Sources archive for the Firefox review: what builds the add-on. Never the
    // generated production config (it names the deployer's Cloudflare
    // resources), local builds, tests (saved third-party pages) or benchmarks.
    excludeSources: [
      'wrangler.production*.jsonc',
      'dist/**',
      'docs/screenshots/**',
      'docs/store/*.png',
      'tests/**',
      'bench/**',
    ],
  },
  hooks: {
    // WXT writes sidebar_action from the sidepanel entrypoint after the config's
    // manifest; its icon is set here so the sidebar button is Casebook's.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (manifest.sidebar_action) manifest.sidebar_action.default_icon = TOOLBAR_ICONS;
    },
  },
  manifest: ({ browser }) => {
    const firefox = browser === 'firefox';
    return {
      name: 'Casebook',
      description:
        'Clip evidence for your promotion case from PRs, design docs and tickets, mapped to a senior rubric.',
      icons: ICONS,
      // Firefox has no sidePanel API (its panel is the sidebar_action).
      permissions: firefox ? permissions.filter((p) => p !== 'sidePanel') : permissions,
      host_permissions: [
        firefox ? serverPatternFirefox : `${server}/*`,
        ...(e2e ? captureHosts : []),
        ...(e2e && githubApi ? [`${githubApi.origin}/*`] : []),
        ...(e2e ? e2eHosts : []),
      ],
      optional_host_permissions: [...(e2e ? [] : captureHosts), ...importHosts, ...userChosenHosts],
      // Firefox: the sidebar has its own button in the sidebar launcher; a
      // toolbar action would do nothing there (the background opens the panel
      // through chrome.sidePanel), so it is left out.
      ...(firefox ? {} : { action: { default_title: 'Open Casebook', default_icon: TOOLBAR_ICONS } }),
      // Firefox opens the sidebar itself for the reserved `_execute_sidebar_action` command.
      commands: firefox ? { _execute_sidebar_action: openCommand } : { 'open-casebook': openCommand },
      // Extension pages run only the extension's own bundled scripts: no remote
      // code, no eval, no plugins, no <base> rewriting, no form posts (docs/SECURITY.md).
      content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
      ...(firefox ? { browser_specific_settings: { gecko, gecko_android: geckoAndroid } } : {}),
    };
  },
});
