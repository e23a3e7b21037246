/**
 * The two identities used for role detection (docs/DESIGN.md "Role
 * detection"): the GitHub login and the Atlassian name or e-mail, as shown in
 * Settings (side by side) and in the first-run card (one under the other, with
 * a hint each). Both save them to the synced `settings` record.
 */
import type { UserSettingsRecord } from '../../../shared/schemas';
import { Field } from '../form/Field';

/** The identity part of the settings record. */
export interface Identity {
  githubLogin: string;
  atlassianName: string;
}

/** The identities stored in `settings` (empty strings when unset). */
export function identityOf(settings: UserSettingsRecord | undefined): Identity {
  return { githubLogin: settings?.githubLogin ?? '', atlassianName: settings?.atlassianName ?? '' };
}

const VARIANTS = {
  settings: {
    className: 'grow',
    github: { testId: 'settings-github-login', hint: undefined },
    atlassian: { label: 'Atlassian name or e-mail', testId: 'settings-atlassian-name', hint: undefined },
  },
  'first-run': {
    className: undefined,
    github: {
      testId: 'first-run-github',
      hint: 'Tells your PRs from your reviews. Connecting GitHub in Account → Connections fills it in.',
    },
    atlassian: {
      label: 'Atlassian display name',
      testId: 'first-run-atlassian',
      hint: 'As Jira and Confluence show it, for tickets and docs.',
    },
  },
} as const;

/** The GitHub login and Atlassian name fields; `variant` picks the labels, hints and test ids of each place. */
export function IdentityFields({
  value,
  onChange,
  variant,
}: {
  value: Identity;
  onChange: (next: Identity) => void;
  variant: keyof typeof VARIANTS;
}) {
  const v = VARIANTS[variant];
  return (
    <>
      <Field label="GitHub login" className={v.className} hint={v.github.hint}>
        <input
          className="input"
          value={value.githubLogin}
          maxLength={100}
          autoComplete="off"
          placeholder="octocat"
          data-testid={v.github.testId}
          onChange={(e) => onChange({ ...value, githubLogin: e.target.value })}
        />
      </Field>
      <Field label={v.atlassian.label} className={v.className} hint={v.atlassian.hint}>
        <input
          className="input"
          value={value.atlassianName}
          maxLength={200}
          autoComplete="off"
          placeholder="Ada Lovelace"
          data-testid={v.atlassian.testId}
          onChange={(e) => onChange({ ...value, atlassianName: e.target.value })}
        />
      </Field>
    </>
  );
}
