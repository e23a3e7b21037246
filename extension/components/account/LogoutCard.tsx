/**
 * Log out, with the offer to remove Casebook's data from this browser (a shared
 * computer). Pending changes are sent first while the token still works; the token is
 * revoked on the server now, or on a later sync when the server cannot be reached
 * (api/revoke.ts). Removing data asks for a clear confirmation, naming what is lost.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { db } from '../../db/index';
import { pendingCount } from '../../db/queries';
import type { CasebookApi } from '../../api/client';
import { signOut } from '../../api/signout';
import { requestSync } from '../../sync/index';
import { errorMessage } from '../format';
import { FormStatus } from '../form/FormStatus';
import { Card } from '../common/Card';
import { Checkbox } from '../form/Checkbox';

/**
 * Log out button and its confirmation. `sync` sends pending changes first (default: ask
 * the background, `requestSync`).
 */
export function LogoutCard({
  api,
  email,
  sync = requestSync,
}: {
  api: CasebookApi;
  email: string;
  sync?: () => Promise<unknown>;
}) {
  const [asking, setAsking] = useState(false);
  const [clearData, setClearData] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const evidence = useLiveQuery(() => db.evidence.filter((e) => e.deletedAt === null).count(), []);
  const unsynced = useLiveQuery(() => db.outbox.count(), []);

  async function logout() {
    setBusy(true);
    setError(null);
    try {
      // Hand pending changes to the server first, while the token still works.
      if ((await pendingCount()) > 0) await sync();
      await signOut(api, db, clearData);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  if (!asking) {
    return (
      <div className="actions logout-row">
        <button type="button" className="button danger" data-testid="logout" onClick={() => setAsking(true)}>
          Log out
        </button>
      </div>
    );
  }
  const lost = unsynced ?? 0;
  return (
    <Card
      titleId="logout-title"
      title={<>Log out of {email}?</>}
      testId="logout-confirm"
      intro="This browser stops syncing and its sign-in is revoked on the server."
    >
      <Checkbox className="check" testId="logout-clear" checked={clearData} onChange={setClearData}>
        {' '}
        Also remove Casebook’s data from this browser (for a shared or borrowed computer)
      </Checkbox>
      {clearData && (
        <div className="warning" role="alert" data-testid="logout-clear-warning">
          <p>
            This removes {evidence ?? 0} evidence item{evidence === 1 ? '' : 's'}, your weekly logs, goals and settings
            from this browser. What has synced stays in your account.
            {lost > 0 &&
              ` ${lost === 1 ? '1 change has' : `${lost} changes have`} not reached the server yet and will be lost unless the sync below succeeds.`}
          </p>
        </div>
      )}
      <FormStatus message={error} />
      <div className="actions">
        <button
          type="button"
          className="button danger"
          data-testid="logout-confirm-button"
          disabled={busy}
          onClick={() => void logout()}
        >
          {clearData ? 'Log out and remove data' : 'Log out'}
        </button>
        <button type="button" className="link-button" disabled={busy} onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </Card>
  );
}
