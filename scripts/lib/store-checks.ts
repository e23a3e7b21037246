/**
 * The Chrome Web Store's manifest requirements, checked on a built manifest
 * before `npm run package` zips it (Firefox's are `web-ext lint`'s job):
 * Manifest V3; a name of at most 75 characters; a description of at most 132;
 * a version of one to four dot-separated integers (0 to 65535); a 128 px icon
 * (the store's listing icon) and 16 and 48 px ones; every listed icon a PNG in
 * the package; no `<all_urls>` or any-host pattern among the required hosts; no remote
 * code in the extension pages' CSP.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The manifest keys checked (others are ignored). */
export interface ChromeManifest {
  manifest_version?: number;
  name?: string;
  description?: string;
  version?: string;
  icons?: Record<string, string>;
  action?: { default_icon?: Record<string, string> | string };
  host_permissions?: string[];
  content_security_policy?: { extension_pages?: string };
}

/**
 * Problems with the unpacked Chrome build in `dir` (its manifest.json and the icon
 * files it names), one sentence each; empty when it meets the requirements above.
 */
export function chromeManifestProblems(dir: string): string[] {
  const m = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as ChromeManifest;
  const problems: string[] = [];
  if (m.manifest_version !== 3) problems.push(`manifest_version is ${String(m.manifest_version)}, not 3`);
  if (!m.name || m.name.length > 75) problems.push('name is missing or longer than 75 characters');
  if (!m.description || m.description.length > 132)
    problems.push('description is missing or longer than 132 characters');
  const parts = (m.version ?? '').split('.');
  if (parts.length < 1 || parts.length > 4 || !parts.every((p) => /^(0|[1-9]\d{0,4})$/.test(p) && Number(p) <= 65535)) {
    problems.push(`version ${String(m.version)} is not 1 to 4 dot-separated integers`);
  }
  for (const size of ['16', '48', '128']) if (!m.icons?.[size]) problems.push(`no ${size} px icon in "icons"`);
  const action = typeof m.action?.default_icon === 'string' ? { any: m.action.default_icon } : m.action?.default_icon;
  for (const path of [...Object.values(m.icons ?? {}), ...Object.values(action ?? {})]) {
    const file = resolve(dir, `.${path.startsWith('/') ? path : `/${path}`}`);
    if (!existsSync(file)) problems.push(`icon ${path} is not in the package`);
    else if (readFileSync(file).subarray(1, 4).toString('latin1') !== 'PNG') problems.push(`icon ${path} is not a PNG`);
  }
  for (const h of m.host_permissions ?? []) {
    if (h === '<all_urls>' || h.startsWith('*://*')) problems.push(`required host permission ${h} is too broad`);
  }
  const csp = m.content_security_policy?.extension_pages ?? '';
  if (/https?:|'unsafe-eval'|'unsafe-inline'/.test(csp))
    problems.push('extension_pages CSP allows remote or inline code');
  return problems;
}
