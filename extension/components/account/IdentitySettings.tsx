/**
 * Identities for role detection (GitHub login, Atlassian name or email),
 * stored in the synced `settings` record. Part of the Account tab's settings
 * (mounted in AccountTab.tsx `CommonSettings`).
 */
import { useState } from 'react';
import { saveSettings } from '../../db/write';
import { IdentityFields, identityOf } from './IdentityFields';
import { SettingsForm, SyncedSettings, type SyncedFormProps } from './SettingsForm';

/** Identities used for role detection, stored in the synced `settings` record. */
export function IdentitySettings() {
  return <SyncedSettings form={IdentityForm} />;
}

function IdentityForm({ initial, status }: SyncedFormProps) {
  const [identity, setIdentity] = useState(() => identityOf(initial));
  return (
    <SettingsForm
      titleId="identities-title"
      title="Settings: your identities"
      intro="Used to detect your role on a page (author or reviewer). Synced to your other devices."
      saveLabel="Save settings"
      saveTestId="settings-save"
      message={status.message}
      onSave={() => void status.save(() => saveSettings(identity))}
    >
      <div className="row">
        <IdentityFields value={identity} onChange={setIdentity} variant="settings" />
      </div>
    </SettingsForm>
  );
}
