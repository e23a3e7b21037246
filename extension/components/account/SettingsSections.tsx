/**
 * The settings sections that work signed in or out, one component per file:
 * identities for role detection, the rubric (presets and imported ladders),
 * the sync server, self-hosted origins and the JSON backup. Rubric,
 * identities and origins live in the synced `settings` record; the server
 * override and host permissions are per device.
 *
 * They are mounted, in this order, by `CommonSettings` in AccountTab.tsx:
 * that is the one place a new section (ConnectionsSection, DiagnosticsSection)
 * is added, with one line.
 */
export { DataSettings } from './DataSettings';
export { IdentitySettings } from './IdentitySettings';
export { OriginsSettings } from './OriginsSettings';
export { ladderId, RubricSettings } from './RubricSettings';
export { ServerSettings } from './ServerSettings';
