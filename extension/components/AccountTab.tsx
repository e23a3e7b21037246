/**
 * Account tab: sign in with an e-mailed 8-digit code; when signed in, the sync
 * status with "Sync now", the synced settings (identities used to detect your
 * role on a page), and log out.
 */
import { useMemo, useState, type FormEvent } from 'react';
import type { UserSettingsRecord } from '../../shared/schemas';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../db/index';
import { getSyncStatus, setMeta } from '../db/meta';
import { getSettings, pendingCount } from '../db/queries';
import { saveSettings } from '../db/write';
import { clearSession, createApi, serverOrigin, setSession, type Session } from '../api/session';
import { ApiError } from '../api/client';
import { requestSync } from '../sync/index';
import { useNow } from '../hooks/useNow';
import { errorMessage, guessDeviceName, timeAgo } from './format';

/** Account tab. `session` is undefined while loading, null when signed out. */
export function AccountTab({ session }: { session: Session | null | undefined }) {
  if (session === undefined) return <p className="muted pad">Loading…</p>;
  return session ? <SignedIn session={session} /> : <SignIn />;
}

function signInError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'invalid_code')
      return 'That code is not right, or it has expired. Check the e-mail or send a new one.';
    if (err.status === 429)
      return `Too many attempts. Try again ${err.retryAfter ? `in ${Math.ceil(err.retryAfter / 60)} min` : 'later'}.`;
    if (err.code === 'invalid_input') return err.message;
  }
  return errorMessage(err);
}

function SignIn() {
  const api = useMemo(() => createApi(), []);
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState(() => guessDeviceName());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.authStart(email);
      setSentTo(email.trim().toLowerCase());
    } catch (err) {
      setError(signInError(err));
    } finally {
      setBusy(false);
    }
  }

  async function verify(e: FormEvent) {
    e.preventDefault();
    if (!sentTo) return;
    setBusy(true);
    setError(null);
    try {
      const res = await api.authVerify({ email: sentTo, code: code.trim(), deviceName: deviceName.trim() });
      // A new sign-in pulls the whole account again (last-writer-wins makes that safe).
      await setMeta(db, 'rev', 0);
      await setSession(res);
      void requestSync();
    } catch (err) {
      setError(signInError(err));
      setBusy(false);
    }
  }

  return (
    <div className="account">
      <div className="card">
        <h2 className="card-title">Sign in to sync and share</h2>
        <p className="muted">
          Your evidence stays on this device and works offline. Signing in syncs it across your browsers and lets you
          share read-only links with your manager.
        </p>
        <form onSubmit={(e) => void send(e)}>
          <label className="field">
            <span className="label">Work e-mail</span>
            <input
              className="input"
              type="email"
              data-testid="signin-email"
              autoComplete="email"
              value={email}
              required
              placeholder="you@company.com"
              onChange={(e) => setEmail(e.target.value)}
            />
          </label>
          <div className="actions">
            <button
              type="submit"
              className={sentTo ? 'button secondary' : 'button primary'}
              data-testid="signin-send"
              disabled={busy || !email.trim()}
            >
              {sentTo ? 'Send a new code' : 'Send code'}
            </button>
          </div>
        </form>
        {sentTo && (
          <form onSubmit={(e) => void verify(e)} className="verify">
            <p className="hint" role="status">
              We sent an 8-digit code to <strong>{sentTo}</strong>. It is valid for 15 minutes.
            </p>
            <div className="row">
              <label className="field">
                <span className="label">Code</span>
                <input
                  className="input mono code-input"
                  data-testid="signin-code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="\d{8}"
                  maxLength={8}
                  value={code}
                  required
                  placeholder="12345678"
                  onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
                />
              </label>
              <label className="field grow">
                <span className="label">Device name</span>
                <input
                  className="input"
                  value={deviceName}
                  required
                  maxLength={100}
                  onChange={(e) => setDeviceName(e.target.value)}
                />
              </label>
            </div>
            <div className="actions">
              <button
                type="submit"
                className="button primary"
                data-testid="signin-verify"
                disabled={busy || code.length !== 8 || !deviceName.trim()}
              >
                Verify
              </button>
            </div>
          </form>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
      <IdentitySettings />
      <p className="muted small">Server: {serverOrigin()}</p>
    </div>
  );
}

function SignedIn({ session }: { session: Session }) {
  const api = useMemo(() => createApi(), []);
  const now = useNow(15_000);
  const status = useLiveQuery(() => getSyncStatus(db), []);
  const pending = useLiveQuery(() => pendingCount(), []);
  const [syncing, setSyncing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function syncNow() {
    setSyncing(true);
    try {
      await requestSync();
    } finally {
      setSyncing(false);
    }
  }

  async function logout() {
    setError(null);
    // Hand pending changes to the server first, while the token still works.
    if ((await pendingCount()) > 0) await requestSync();
    try {
      await api.logout();
    } catch (err) {
      // Still sign out locally: a revoked or expired token must not keep the user stuck.
      if (!(err instanceof ApiError) || (err.status !== 401 && err.code !== 'network')) setError(errorMessage(err));
    }
    await clearSession();
  }

  const waiting = pending ?? status?.pending ?? 0;
  const pendingText = `${waiting} pending`;
  let headline: string;
  if (syncing) headline = 'Syncing…';
  else if (status?.lastError) headline = 'Last sync failed';
  else if (status?.lastSyncedAt) headline = `Synced ${timeAgo(status.lastSyncedAt, now)}`;
  else headline = 'Sync not run yet';

  return (
    <div className="account">
      <div className="card">
        <p className="signed-in">
          Signed in as{' '}
          <strong data-testid="signed-in-as" className="email">
            {session.user.email}
          </strong>
        </p>
        <p className="muted small">
          This device: {session.device.name} · Server: {serverOrigin()}
        </p>
      </div>

      <div className="card">
        <h2 className="card-title">Sync</h2>
        <div className="sync-row">
          <p
            className={`sync-status${status?.lastError ? ' failed' : status?.lastSyncedAt ? ' ok' : ''}`}
            data-testid="sync-status"
            role="status"
          >
            <span className="dot" aria-hidden="true" />
            {headline} · {pendingText}
          </p>
          <button
            type="button"
            className="button secondary"
            data-testid="sync-now"
            disabled={syncing}
            onClick={() => void syncNow()}
          >
            Sync now
          </button>
        </div>
        {status?.lastError && !syncing && (
          <div className="banner">
            <p>{status.lastError}</p>
            {status.nextRetryAt && (
              <p className="muted small">
                Retrying automatically at {new Date(status.nextRetryAt).toLocaleTimeString()}.
              </p>
            )}
            <button type="button" className="button secondary small" onClick={() => void syncNow()}>
              Retry
            </button>
          </div>
        )}
        {status && status.skipped.length > 0 && (
          <p className="muted small">
            {status.skipped.length} record{status.skipped.length === 1 ? '' : 's'} from the server could not be read and
            were skipped (nothing local was lost).
          </p>
        )}
      </div>

      <IdentitySettings />

      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button danger" data-testid="logout" onClick={() => void logout()}>
          Log out
        </button>
      </div>
    </div>
  );
}

/** Identities used for role detection, stored as the synced `settings` record. */
function IdentitySettings() {
  const settings = useLiveQuery(() => getSettings(), []);
  const [settingsMsg, setSettingsMsg] = useState<string | null>(null);
  // Remount the form when the synced record changes (e.g. pulled from another device).
  return (
    <IdentityForm
      key={settings?.updatedAt ?? 'none'}
      initial={settings}
      message={settingsMsg}
      setMessage={setSettingsMsg}
    />
  );
}

function IdentityForm({
  initial,
  message: settingsMsg,
  setMessage: setSettingsMsg,
}: {
  initial: UserSettingsRecord | undefined;
  message: string | null;
  setMessage: (m: string | null) => void;
}) {
  const [githubLogin, setGithubLogin] = useState(initial?.githubLogin ?? '');
  const [atlassianName, setAtlassianName] = useState(initial?.atlassianName ?? '');

  async function saveIdentities(e: FormEvent) {
    e.preventDefault();
    setSettingsMsg(null);
    try {
      await saveSettings({ githubLogin, atlassianName });
      setSettingsMsg('Saved');
    } catch (err) {
      setSettingsMsg(errorMessage(err));
    }
  }

  return (
    <form className="card" onSubmit={(e) => void saveIdentities(e)}>
      <h2 className="card-title">Settings</h2>
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
          <span className="label">Atlassian name</span>
          <input
            className="input"
            value={atlassianName}
            maxLength={200}
            autoComplete="off"
            placeholder="Ada Lovelace"
            onChange={(e) => setAtlassianName(e.target.value)}
          />
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="button secondary" data-testid="settings-save">
          Save settings
        </button>
        {settingsMsg && (
          <span className="saved" role="status">
            {settingsMsg}
          </span>
        )}
      </div>
    </form>
  );
}
