/**
 * Settings → Your name: the owner's display name on share pages, the packet
 * and the digest's greeting. Its own field (not inside the digest card, never
 * derived from the e-mail): stored in the synced settings record, and when
 * signed in also sent to the server (`PATCH /me/settings`), which renders the
 * share pages. Mounted in AccountTab.tsx `CommonSettings`.
 */
import { useState } from 'react';
import { saveSettings } from '../../db/write';
import { createApi, getSession } from '../../api/session';
import { SettingsForm, SyncedSettings, type SyncedFormProps } from './SettingsForm';

/** The display name card. */
export function DisplayNameSettings() {
  return <SyncedSettings form={NameForm} />;
}

function NameForm({ initial, status }: SyncedFormProps) {
  const [name, setName] = useState(initial?.displayName ?? '');

  async function save() {
    const displayName = name.trim();
    await saveSettings({ displayName });
    if (await getSession()) await createApi().updateAccountSettings({ displayName });
  }

  return (
    <SettingsForm
      titleId="name-title"
      title="Your name"
      intro="Heads your share pages and the exported packet. Synced."
      testId="name-settings"
      saveLabel="Save name"
      saveTestId="name-save"
      message={status.message}
      onSave={() => void status.save(save)}
      inlineField={
        <input
          className="input grow"
          value={name}
          maxLength={100}
          placeholder="Ada Lovelace"
          aria-label="Your name"
          data-testid="settings-display-name"
          onChange={(e) => setName(e.target.value)}
        />
      }
    />
  );
}
