/**
 * Settings → Your name: the owner's display name on share pages, the packet
 * and the digest's greeting. Its own field (not inside the digest card, never
 * derived from the e-mail): stored in the synced settings record, and when
 * signed in also sent to the server (`PATCH /me/settings`), which renders the
 * share pages. Mounted in AccountTab.tsx `CommonSettings`.
 */
import { useState, type FormEvent } from 'react';
import { saveSettings } from '../../db/write';
import { createApi, getSession } from '../../api/session';
import { useCaseData } from '../../hooks/useCaseData';
import { errorMessage } from '../format';

/** The display name card. */
export function DisplayNameSettings() {
  const { settings } = useCaseData();
  // The message lives here: the form remounts when the synced record changes (e.g. after this save).
  const [message, setMessage] = useState<string | null>(null);
  return (
    <NameForm
      key={settings?.updatedAt ?? 'none'}
      initial={settings?.displayName ?? ''}
      message={message}
      setMessage={setMessage}
    />
  );
}

function NameForm({
  initial,
  message,
  setMessage,
}: {
  initial: string;
  message: string | null;
  setMessage: (m: string | null) => void;
}) {
  const [name, setName] = useState(initial);

  async function save(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    try {
      const displayName = name.trim();
      await saveSettings({ displayName });
      if (await getSession()) await createApi().updateAccountSettings({ displayName });
      setMessage('Saved');
    } catch (err) {
      setMessage(errorMessage(err));
    }
  }

  return (
    <form className="card" onSubmit={(e) => void save(e)} aria-labelledby="name-title" data-testid="name-settings">
      <h2 className="card-title" id="name-title">
        Your name
      </h2>
      <p className="muted small">Heads your share pages and the exported packet. Synced.</p>
      <div className="actions">
        <input
          className="input grow"
          value={name}
          maxLength={100}
          placeholder="Ada Lovelace"
          aria-label="Your name"
          data-testid="settings-display-name"
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="button secondary" data-testid="name-save">
          Save name
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
