import { defineConfig } from 'wxt';

/**
 * WXT build config. The sync server origin is baked in at build time from
 * CASEBOOK_SERVER (default: the local worker started by `npm start`).
 */
const server = process.env.CASEBOOK_SERVER ?? 'http://127.0.0.1:8787';

export default defineConfig({
  srcDir: 'extension',
  modules: ['@wxt-dev/module-react'],
  manifest: {
    name: 'Casebook',
    permissions: ['storage', 'sidePanel', 'activeTab', 'scripting', 'contextMenus', 'alarms'],
    host_permissions: [new URL(server).origin + '/*'],
  },
});
