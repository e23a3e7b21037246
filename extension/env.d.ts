/**
 * Build-time constants the extension reads from `import.meta.env`.
 * `CASEBOOK_SERVER` is defined in wxt.config.ts (`vite.define`): the origin of the
 * sync server, e.g. `http://127.0.0.1:8787` (no trailing slash). Undefined in unit
 * tests, which pass a base URL explicitly.
 * `CASEBOOK_GITHUB_API` is the default GitHub API base of the history import:
 * empty (github.com's `https://api.github.com`) except in the end-to-end build,
 * which points it at the local fake GitHub.
 */
interface ImportMetaEnv {
  readonly CASEBOOK_SERVER: string | undefined;
  /**
   * `true` in the end-to-end test build (`CASEBOOK_E2E=1`), `false` in store
   * builds, where code behind it is removed. Undefined in unit tests.
   */
  readonly CASEBOOK_E2E: boolean | undefined;
  readonly CASEBOOK_GITHUB_API: string | undefined;
}
