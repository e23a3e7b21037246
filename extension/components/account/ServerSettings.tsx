/**
 * The sync server of this device: the build-time default or a runtime
 * override (per device, not synced).
 */
import { useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { clearSession, serverOrigin, setServerOverride } from '../../api/session';
import { errorMessage } from '../format';
import { useServerOrigin } from '../../hooks/useServerOrigin';
import { originPattern } from './OriginsSettings';
import { TextField } from '../form/TextField';
import { Card } from '../common/Card';
import { OutcomeStatus, type Outcome } from '../form/OutcomeStatus';
import { readOrigin } from './OriginForm';

/**
 * The sync server: the build-time default or a runtime override. A new origin's
 * host permission is requested first, inside the click (the browser needs the
 * user gesture); changing server signs this device out of the old one.
 */
export function ServerSettings({ signedIn }: { signedIn: boolean }) {
  const current = useServerOrigin();
  const [value, setValue] = useState<string | null>(null);
  const [message, setMessage] = useState<Outcome | null>(null);
  const shown = value ?? current ?? '';
  const isDefault = current === serverOrigin();

  function save(e: FormEvent) {
    e.preventDefault();
    const origin = readOrigin(shown, setMessage);
    if (origin === null) return;
    if (origin === current) {
      setMessage({ ok: true, text: 'Already using this server.' });
      return;
    }
    // Called synchronously in the submit handler so the browser sees the user gesture.
    const granted =
      origin === serverOrigin()
        ? Promise.resolve(true)
        : browser.permissions.request({ origins: [originPattern(origin)] }).catch(() => false);
    void granted.then(async (ok) => {
      if (!ok) {
        setMessage({ ok: false, text: `Casebook needs permission to reach ${origin}; nothing was changed.` });
        return;
      }
      try {
        if (signedIn) await clearSession();
        await setServerOverride(origin);
        setValue(null);
        setMessage({
          ok: true,
          text: signedIn ? `Now using ${origin}. Sign in there to sync.` : `Now using ${origin}.`,
        });
      } catch (err) {
        setMessage({ ok: false, text: errorMessage(err) });
      }
    });
  }

  function reset() {
    setValue(null);
    setMessage(null);
    void (async () => {
      if (signedIn) await clearSession();
      await setServerOverride(null);
      setMessage({ ok: true, text: `Back to ${serverOrigin()}.` });
    })();
  }

  return (
    <Card titleId="server-title" title="Sync server" testId="server-settings" onSubmit={save}>
      <p className="muted small">
        Where sync, share links and digests live. The default comes with this build ({serverOrigin()}); point it at your
        own Casebook worker if you run one.
        {signedIn && ' Changing it signs this device out; unsynced changes are kept and sent after you sign in.'}
      </p>
      <div className="copy-row">
        <TextField
          label="Server address"
          fieldClassName="grow"
          labelHidden
          inputClassName="input mono"
          testId="server-url"
          value={shown}
          // Until the stored origin has loaded, typing would be overwritten by it.
          readOnly={current === null}
          placeholder="https://casebook.example.com"
          onChange={setValue}
        />
        <button type="submit" className="button secondary" data-testid="server-save">
          Use server
        </button>
      </div>
      {!isDefault && current && (
        <button type="button" className="link-button small" onClick={reset}>
          Reset to {serverOrigin()}
        </button>
      )}
      <OutcomeStatus outcome={message} />
    </Card>
  );
}
