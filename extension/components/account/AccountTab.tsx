/**
 * Account tab: sign in with an e-mailed 8-digit code; when signed in, the sync
 * status with "Sync now" and the storage quota, the changes that need attention,
 * the account's devices (revoke), the digest, and log out (optionally removing
 * this browser's data); then the settings every user has (identities, rubric, sync server,
 * self-hosted origins, backup).
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useServerOrigin } from '../../hooks/useServerOrigin';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../db/index';
import { getSyncStatus } from '../../db/device-state';
import { bindAccount, checkAccountSwitch, type AccountSwitchCheck } from '../../db/account';
import { pendingCount } from '../../db/queries';
import { createApi, setSession, type Session } from '../../api/session';
import { ApiError, type DeviceSummary } from '../../api/client';
import { requestSync } from '../../sync/index';
import { useNow } from '../../hooks/useNow';
import { errorMessage, guessDeviceName, timeAgo } from '../format';
import { DataSettings, IdentitySettings, OriginsSettings, RubricSettings, ServerSettings } from './SettingsSections';
import { DigestSettings } from './DigestSettings';
import { ConnectionsSection } from './ConnectionsSection';
import { AttentionCard } from './AttentionCard';
import { LogoutCard } from './LogoutCard';
import { QuotaMeter } from './QuotaMeter';
import { DiagnosticsSection } from './DiagnosticsSection';
import { ReviewPeriodSettings } from './ReviewPeriodSettings';
import { DisplayNameSettings } from './DisplayNameSettings';
import { GettingStartedSection } from '../FirstRunCard';
import { FormStatus } from '../form/FormStatus';
import { InlineConfirm } from '../common/InlineConfirm';
import { TextField } from '../form/TextField';
import { Card } from '../common/Card';
import { Checkbox } from '../form/Checkbox';

/** The settings sections shown signed in or out. */
function CommonSettings({ signedIn }: { signedIn: boolean }) {
  return (
    <>
      <GettingStartedSection />
      <DisplayNameSettings />
      <IdentitySettings />
      <RubricSettings />
      <ReviewPeriodSettings />
      <ServerSettings signedIn={signedIn} />
      <OriginsSettings />
      <ConnectionsSection />
      <DataSettings />
      <DiagnosticsSection />
    </>
  );
}

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
  const [switchWarning, setSwitchWarning] = useState<Extract<AccountSwitchCheck, { kind: 'switch' }> | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState<string | null>(null);

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
      // Another account's data on this browser must never be pushed into this one.
      const check = await checkAccountSwitch(db, sentTo);
      if (check.kind === 'switch' && check.pending > 0 && confirmDiscard !== sentTo) {
        setConfirmDiscard(null);
        setSwitchWarning(check);
        setBusy(false);
        return;
      }
      const res = await api.authVerify({ email: sentTo, code: code.trim(), deviceName: deviceName.trim() });
      await bindAccount(db, res.user);
      await setSession(res);
      setSwitchWarning(null);
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
          <TextField
            label="Work e-mail"
            type="email"
            testId="signin-email"
            autoComplete="email"
            value={email}
            required
            placeholder="you@company.com"
            onChange={setEmail}
          />
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
              <TextField
                label="Code"
                inputClassName="input mono code-input"
                testId="signin-code"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="\d{8}"
                maxLength={8}
                value={code}
                required
                placeholder="12345678"
                onChange={(text) => setCode(text.replace(/\D/g, ''))}
              />
              <TextField
                label="Device name"
                fieldClassName="grow"
                value={deviceName}
                required
                maxLength={100}
                onChange={setDeviceName}
              />
            </div>
            {switchWarning && (
              <div className="warning" role="alert" data-testid="signin-switch-warning">
                <p>
                  This browser holds evidence of <strong>{switchWarning.previousEmail}</strong> with{' '}
                  {switchWarning.pending === 1 ? '1 change' : `${switchWarning.pending} changes`} not synced yet.
                  Signing in as {sentTo} removes that account's data from this browser, and the unsynced changes are
                  lost. To keep them, sign in as {switchWarning.previousEmail} and sync first, or export a backup in
                  Settings.
                </p>
                <Checkbox
                  className="check"
                  testId="signin-confirm-discard"
                  checked={confirmDiscard === sentTo}
                  onChange={(on) => setConfirmDiscard(on ? sentTo : null)}
                >
                  {' '}
                  Discard the unsynced changes and sign in as {sentTo}
                </Checkbox>
              </div>
            )}
            <div className="actions">
              <button
                type="submit"
                className="button primary"
                data-testid="signin-verify"
                disabled={
                  busy ||
                  code.length !== 8 ||
                  !deviceName.trim() ||
                  (switchWarning !== null && confirmDiscard !== sentTo)
                }
              >
                Verify
              </button>
            </div>
          </form>
        )}
        <FormStatus message={error} />
      </div>
      <CommonSettings signedIn={false} />
    </div>
  );
}

function SignedIn({ session }: { session: Session }) {
  const api = useMemo(() => createApi(), []);
  const now = useNow(15_000);
  const status = useLiveQuery(() => getSyncStatus(db), []);
  const pending = useLiveQuery(() => pendingCount(), []);
  const origin = useServerOrigin();
  const [syncing, setSyncing] = useState(false);

  async function syncNow() {
    setSyncing(true);
    try {
      await requestSync();
    } finally {
      setSyncing(false);
    }
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
          This device: {session.device.name} · Server: {origin ?? '…'}
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
          {/* After a failure the banner's "Retry" is the one button (never beside "Sync now"). */}
          {(!status?.lastError || syncing) && (
            <button
              type="button"
              className="button secondary"
              data-testid="sync-now"
              disabled={syncing}
              onClick={() => void syncNow()}
            >
              Sync now
            </button>
          )}
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
        <QuotaMeter api={api} refreshKey={status?.lastAttemptAt} />
      </div>

      <AttentionCard />

      <DevicesCard api={api} />
      <DigestSettings />

      <LogoutCard api={api} email={session.user.email} />
      <CommonSettings signedIn />
    </div>
  );
}

/** The account's signed-in browsers, with revoke for the others (this one signs out with Log out). */
function DevicesCard({ api }: { api: ReturnType<typeof createApi> }) {
  const now = useNow(60_000);
  const [devices, setDevices] = useState<DeviceSummary[] | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let alive = true;
    api.listDevices().then(
      (list) => alive && setDevices(list),
      (err: unknown) => alive && setError(errorMessage(err)),
    );
    return () => {
      alive = false;
    };
  }, [api, version]);

  async function revoke(id: string) {
    setError(null);
    try {
      await api.revokeDevice(id);
      setConfirming(null);
      setVersion((v) => v + 1);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <Card titleId="devices-title" title="Devices" testId="devices">
      {devices === null && !error && <p className="muted small">Loading…</p>}
      {devices && (
        <ul className="device-list">
          {devices.map((d) => (
            <li key={d.id} className="device" data-testid="device">
              <div className="device-main">
                <span className="device-name">
                  {d.name} {d.current && <span className="badge ok">This device</span>}
                </span>
                <span className="muted small">
                  Signed in {formatDate(d.createdAt)}
                  {d.lastSeenAt ? ` · last seen ${timeAgo(d.lastSeenAt, now)}` : ''}
                </span>
              </div>
              {!d.current &&
                (confirming === d.id ? (
                  <InlineConfirm
                    confirmLabel="Revoke"
                    confirmTestId="device-revoke-confirm"
                    onConfirm={() => void revoke(d.id)}
                    onKeep={() => setConfirming(null)}
                  />
                ) : (
                  <button
                    type="button"
                    className="button secondary small"
                    data-testid="device-revoke"
                    aria-label={`Sign out ${d.name}`}
                    onClick={() => setConfirming(d.id)}
                  >
                    Sign out
                  </button>
                ))}
            </li>
          ))}
        </ul>
      )}
      <FormStatus message={error} />
      <p className="muted small">Signing out a device revokes its token at once; its unsynced changes stay on it.</p>
    </Card>
  );
}

function formatDate(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso)
    ? new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })
    : iso;
}
