/**
 * Which account this browser's local store belongs to. Evidence captured before
 * the first sign-in is adopted by that account. Signing in as a DIFFERENT account
 * must never push the previous account's records into the new one: the local
 * store is emptied first, and unsynced changes are only discarded after the
 * user has confirmed it.
 */
import type { CasebookDB } from './index';
import { getDeviceState, setDeviceState } from './device-state';

/** What signing in as `email` would do to this browser's local data. */
export type AccountSwitchCheck =
  | { kind: 'same-or-first' }
  /** Another account's data is here; `pending` unsynced changes would be lost. */
  | { kind: 'switch'; previousEmail: string; pending: number };

/**
 * Compares the account about to sign in (`email`, normalised lower-case) with the
 * one this store belongs to. Read-only.
 */
export async function checkAccountSwitch(db: CasebookDB, email: string): Promise<AccountSwitchCheck> {
  const account = await getDeviceState(db, 'account');
  if (!account || account.email === email.trim().toLowerCase()) return { kind: 'same-or-first' };
  return { kind: 'switch', previousEmail: account.email, pending: await db.outbox.count() };
}

/**
 * Binds the local store to `user` after a successful sign-in, in one transaction:
 * the first account adopts what is stored; the same account changes nothing;
 * another account empties the records, the outbox and the sync cursors first.
 * @returns what happened (`adopted`, `same` or `switched`).
 */
export async function bindAccount(
  db: CasebookDB,
  user: { id: string; email: string },
): Promise<'adopted' | 'same' | 'switched'> {
  return db.transaction(
    'rw',
    [...db.syncedTables(), db.candidates, db.importRuns, db.outbox, db.deviceState],
    async () => {
      const account = await getDeviceState(db, 'account');
      const outcome = !account ? 'adopted' : account.userId === user.id ? 'same' : 'switched';
      if (outcome === 'switched') {
        // The inbox goes too: another account's candidates are not this one's history.
        await Promise.all([
          ...db.syncedTables().map((t) => t.clear()),
          db.candidates.clear(),
          db.importRuns.clear(),
          db.outbox.clear(),
        ]);
        await setDeviceState(db, 'seqOffset', 0);
      }
      // Either way the new session pulls the whole account again (last writer wins makes that safe).
      await setDeviceState(db, 'rev', 0);
      // Every sign-in is a new device on the server, whose push cursor starts at 0 (so no cursor check is needed).
      await setDeviceState(db, 'lastSeq', 0);
      await setDeviceState(db, 'account', { userId: user.id, email: user.email });
      return outcome;
    },
  );
}
