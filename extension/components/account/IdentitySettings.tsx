/**
 * Identities for role detection (GitHub login, Atlassian name or email),
 * stored in the synced `settings` record. Part of the Account tab's settings
 * (mounted in AccountTab.tsx `CommonSettings`).
 */
import { useState, type FormEvent } from 'react';
import type { UserSettingsRecord } from '../../../shared/schemas';
import { saveSettings } from '../../db/write';
import { useCaseData } from '../../hooks/useCaseData';
import { errorMessage } from '../format';

/** Identities used for role detection, stored in the synced `settings` record. */
export function IdentitySettings() {
  const { settings } = useCaseData();
  const [message, setMessage] = useState<string | null>(null);
  // Remount the form when the synced record changes (e.g. pulled from another device).
  return (
    <IdentityForm key={settings?.updatedAt ?? 'none'} initial={settings} message={message} setMessage={setMessage} />
  );
}

function IdentityForm({
  initial,
  message,
  setMessage,
}: {
  initial: UserSettingsRecord | undefined;
  message: string | null;
  setMessage: (m: string | null) => void;
}) {
  const [githubLogin, setGithubLogin] = useState(initial?.githubLogin ?? '');
  const [atlassianName, setAtlassianName] = useState(initial?.atlassianName ?? '');

  async function save(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    try {
      await saveSettings({ githubLogin, atlassianName });
      setMessage('Saved');
    } catch (err) {
      setMessage(errorMessage(err));
    }
  }

  return (
    <form className="card" onSubmit={(e) => void save(e)} aria-labelledby="identities-title">
      <h2 className="card-title" id="identities-title">
        Settings: your identities
      </h2>
      <p className="muted small">
        Used to detect your role on a page (author or reviewer). Synced to your other devices.
      </p>
      <div className="row">
        <label className="field grow">
          <span className="label">GitHub login</span>
          <input
            className="input"
            value={githubLogin}
            maxLength={100}
            autoComplete="off"
            placeholder="octocat"
            data-testid="settings-github-login"
            onChange={(e) => setGithubLogin(e.target.value)}
          />
        </label>
        <label className="field grow">
          <span className="label">Atlassian name or e-mail</span>
          <input
            className="input"
            value={atlassianName}
            maxLength={200}
            autoComplete="off"
            placeholder="Ada Lovelace"
            data-testid="settings-atlassian-name"
            onChange={(e) => setAtlassianName(e.target.value)}
          />
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="button secondary" data-testid="settings-save">
          Save settings
        </button>
        {message && (
          <span className="saved" role="status">
            {message}
          </span>
        )}
      </div>
    </form>
  );
}
