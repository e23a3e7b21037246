// @vitest-environment happy-dom
/**
 * The header's sync dot (components/SyncDot.tsx): one state at a time from the
 * stored sync status and the outbox; after a failure one "Retry" (which asks
 * the background to sync, as "Sync now" does), never beside "Sync now".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SyncDot, syncState } from '../../../extension/components/SyncDot';
import { db } from '../../../extension/db/index';
import { INITIAL_SYNC_STATUS, setDeviceState } from '../../../extension/db/device-state';
import { saveGoal } from '../../../extension/db/write';
import { AccountTab } from '../../../extension/components/account/AccountTab';
import { renderPanel, resetDb } from './helpers';

const SYNCED = { ...INITIAL_SYNC_STATUS, lastSyncedAt: '2026-12-06T09:00:00.000Z' };
const FAILED = {
  ...SYNCED,
  lastError: 'The server answered 500.',
  lastErrorCode: 'server_error',
  failures: 1,
  nextRetryAt: '2026-12-06T09:05:00.000Z',
};

beforeEach(async () => {
  await resetDb();
});
const realFetch = globalThis.fetch;
afterEach(() => {
  cleanup();
  globalThis.fetch = realFetch;
});

describe('syncState', () => {
  it('picks one state: syncing, offline, error, pending, synced, idle', () => {
    expect(syncState(FAILED, 3, true, true)).toBe('syncing');
    expect(syncState(SYNCED, 3, false, false)).toBe('offline');
    expect(syncState({ ...FAILED, lastErrorCode: 'network' }, 0, true, false)).toBe('offline');
    expect(syncState(FAILED, 3, true, false)).toBe('error');
    expect(syncState(SYNCED, 3, true, false)).toBe('pending');
    expect(syncState(SYNCED, 0, true, false)).toBe('synced');
    expect(syncState(INITIAL_SYNC_STATUS, 0, true, false)).toBe('idle');
  });
});

describe('SyncDot', { timeout: 20_000 }, () => {
  it('shows synced, then the pending count after a local write', async () => {
    await setDeviceState(db, 'syncStatus', SYNCED);
    renderPanel(<SyncDot />);
    await waitFor(() => expect(screen.getByTestId('sync-dot').dataset.state).toBe('synced'));
    await saveGoal({ competency: 'ownership', description: 'Own the billing migration', dueOn: null, status: 'open' });
    await waitFor(() => expect(screen.getByTestId('sync-dot').textContent).toBe('1 pending'));
  });

  it('after a failure shows one Retry that asks the background to sync', async () => {
    const user = userEvent.setup();
    await setDeviceState(db, 'syncStatus', FAILED);
    const asked: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      asked.push(message);
      return setDeviceState(db, 'syncStatus', SYNCED).then(() => ({ ok: true, status: SYNCED }));
    });
    renderPanel(<SyncDot />);
    await waitFor(() => expect(screen.getByTestId('sync-dot').dataset.state).toBe('error'));
    expect(screen.getByTestId('sync-dot').title).toBe('The server answered 500.');
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Retry']);
    await user.click(screen.getByTestId('sync-retry'));
    await waitFor(() => expect(screen.getByTestId('sync-dot').dataset.state).toBe('synced'));
    expect(asked).toEqual([{ type: 'sync-now' }]);
    expect(screen.queryByTestId('sync-retry')).toBeNull();
  });

  it('the Account tab shows "Sync now", or after a failure "Retry", never both', async () => {
    const session = { token: 'tok', user: { id: 'u1', email: 'ana@example.com' }, device: { id: 'd1', name: 'x' } };
    // No server answers here: every request fails fast, as offline.
    globalThis.fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    await setDeviceState(db, 'syncStatus', SYNCED);
    const { unmount } = renderPanel(<AccountTab session={session} />);
    await screen.findByTestId('sync-now');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    unmount();
    await setDeviceState(db, 'syncStatus', FAILED);
    renderPanel(<AccountTab session={session} />);
    await screen.findByRole('button', { name: 'Retry' });
    expect(screen.queryByTestId('sync-now')).toBeNull();
  });
});
