import { defineConfig } from 'wxt';

/**
 * WXT build config.
 * - CASEBOOK_SERVER: origin of the sync server baked in at build time
 *   (default: the local worker that `npm start` runs).
 * - CASEBOOK_E2E=1: test variant for headless Chromium, which cannot answer
 *   permission prompts: grants the capture hosts up front as host_permissions.
 * - CASEBOOK_OUT_DIR: output folder (default `.output`).
 */
const server = new URL(process.env.CASEBOOK_SERVER ?? 'http://127.0.0.1:8787').origin;
const e2e = process.env.CASEBOOK_E2E === '1';

/** Hosts the capture extractors work on; asked for at run time from the panel. */
const captureHosts = [
  'https://github.com/*',
  'https://*.atlassian.net/*',
  'https://docs.google.com/*',
  'https://www.notion.so/*',
  'https://*.notion.site/*',
];

export default defineConfig({
  srcDir: 'extension',
  outDir: process.env.CASEBOOK_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/module-react'],
  vite: () => ({
    define: { 'import.meta.env.CASEBOOK_SERVER': JSON.stringify(server) },
  }),
  manifest: {
    name: 'Casebook',
    description: 'Clip evidence for your promotion case from PRs, design docs and tickets, mapped to a senior rubric.',
    permissions: ['storage', 'sidePanel', 'activeTab', 'scripting', 'contextMenus', 'alarms'],
    host_permissions: [`${server}/*`, ...(e2e ? captureHosts : [])],
    optional_host_permissions: e2e ? [] : captureHosts,
    action: { default_title: 'Open Casebook' },
    commands: {
      'open-casebook': {
        suggested_key: { default: 'Alt+Shift+C' },
        description: 'Open the Casebook side panel on this page',
      },
    },
  },
});
