/**
 * The two identities used for role detection (docs/DESIGN.md "Data model",
 * Settings): the GitHub login and the Atlassian name or e-mail, as shown in
 * Settings (side by side) and in the first-run card (one under the other, with
 * a hint each). Both save them to the synced `settings` record.
 */
import type { UserSettingsRecord } from '../../../shared/schemas';
import { TextField } from '../form/TextField';

/** The identity part of the settings record. */
export interface Identity {
  githubLogin: string;
  atlassianName: string;
}

/** The identities stored in `settings` (empty strings when unset). */
export function identityOf(settings: UserSettingsRecord | undefined): Identity {
  return { githubLogin: settings?.githubLogin ?? '', atlassianName: settings?.atlassianName ?? '' };
}

/** The two fields: the record's key, input limits, and per place the label, hint and test id. */
const FIELDS = [
  {
    key: 'githubLogin',
    maxLength: 100,
    placeholder: 'octocat',
    settings: { label: 'GitHub login', testId: 'settings-github-login', hint: undefined },
    'first-run': {
      label: 'GitHub login',
      testId: 'first-run-github',
      hint: 'Tells your PRs from your reviews. Connecting GitHub in Account → Connections fills it in.',
    },
  },
  {
    key: 'atlassianName',
    maxLength: 200,
    placeholder: 'Ada Lovelace',
    settings: { label: 'Atlassian name or e-mail', testId: 'settings-atlassian-name', hint: undefined },
    'first-run': {
      label: 'Atlassian display name',
      testId: 'first-run-atlassian',
      hint: 'As Jira and Confluence show it, for tickets and docs.',
    },
  },
] as const;

/**
 * The GitHub login and Atlassian name fields. `variant` is the place: `settings`
 * (side by side, inside the caller's row) or `first-run` (stacked, with hints).
 */
export function IdentityFields({
  value,
  onChange,
  variant,
}: {
  value: Identity;
  onChange: (next: Identity) => void;
  variant: 'settings' | 'first-run';
}) {
  return FIELDS.map((f) => (
    <TextField
      key={f.key}
      label={f[variant].label}
      hint={f[variant].hint}
      testId={f[variant].testId}
      fieldClassName={variant === 'settings' ? 'grow' : undefined}
      value={value[f.key]}
      maxLength={f.maxLength}
      autoComplete="off"
      placeholder={f.placeholder}
      onChange={(text) => onChange({ ...value, [f.key]: text })}
    />
  ));
}
