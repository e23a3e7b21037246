// @vitest-environment happy-dom
/**
 * The panel's side of issue 16: the quota meter from `/me` `usage` (warning colour past
 * 80%), the notice and list of changes set aside by sync (retry, discard with a
 * confirmation), and log out with the offer to remove this browser's data.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CasebookApi } from '../../../extension/api/client';
import { getSession, setSession } from '../../../extension/api/session';
import { QuotaMeter } from '../../../extension/components/account/QuotaMeter';
import { AttentionCard } from '../../../extension/components/account/AttentionCard';
import { LogoutCard } from '../../../extension/components/account/LogoutCard';
import { SyncNotice } from '../../../extension/components/SyncNotice';
import { db } from '../../../extension/db/index';
import { saveEvidence } from '../../../extension/db/write';
import { setAside } from '../../../extension/sync/attention';
import { seedEvidence } from '../helpers/seed';

/** Evidence input for the write module, from the seeded year of work. */
function evidence(n: number, title?: string) {
  const { id: _id, capturedAt: _c, updatedAt: _u, deletedAt: _d, ...input } = seedEvidence(n + 1)[n]!;
  return { ...input, ...(title ? { title } : {}) };
}
import { renderPanel, resetDb } from './helpers';

beforeEach(async () => {
  await resetDb();
});
afterEach(() => cleanup());

/** An API whose `/me` answers like the worker with `usage` (the contract's shape). */
function meApi(usage: { records: number; bytes: number; maxRecords: number; maxBytes: number }) {
  return new CasebookApi({
    baseUrl: 'http://casebook.test',
    getToken: async () => 'tok',
    fetch: async () =>
      Response.json({
        user: { id: 'u1', email: 'ana@example.com' },
        settings: { displayName: '', timezone: 'UTC', digestDay: 5, digestHour: 16, digestEnabled: true },
        usage,
      }),
  });
}

describe('QuotaMeter', () => {
  it('shows records and megabytes, without warning under 80%', async () => {
    renderPanel(
      <QuotaMeter
        api={meApi({ records: 1234, bytes: 3_200_000, maxRecords: 100_000, maxBytes: 50_000_000 })}
        refreshKey={1}
      />,
    );
    const quota = await screen.findByTestId('quota');
    expect(quota.textContent).toContain('1,234 of 100,000 records');
    expect(quota.textContent).toContain('3.2 of 50 MB');
    expect(quota.className).not.toContain('warn');
  });

  it('turns to the warning colour past 80% of either limit', async () => {
    renderPanel(
      <QuotaMeter
        api={meApi({ records: 10, bytes: 41_000_000, maxRecords: 100_000, maxBytes: 50_000_000 })}
        refreshKey={1}
      />,
    );
    const quota = await screen.findByTestId('quota');
    expect(quota.className).toContain('warn');
    expect(quota.textContent).toContain('82% full');
  });
});

describe('changes set aside by sync', () => {
  it('the notice counts them; the list retries one and discards another after a confirmation', async () => {
    const user = userEvent.setup();
    const a = await saveEvidence(evidence(1, 'Huge page'));
    const b = await saveEvidence(evidence(2, 'Refused page'));
    const [ea, eb] = await db.outbox.orderBy('seq').toArray();
    const at = new Date().toISOString();
    await setAside(db, ea!.seq, {
      status: 413,
      code: 'record_too_large',
      message: 'Change 0 is larger than 512 KiB.',
      at,
    });
    await setAside(db, eb!.seq, { status: 400, code: 'validation_failed', message: 'Invalid request body', at });
    let reviewed = 0;
    renderPanel(
      <>
        <SyncNotice onReview={() => reviewed++} />
        <AttentionCard />
      </>,
    );
    expect((await screen.findByTestId('sync-notice')).textContent).toContain('2 changes could not sync');
    await user.click(screen.getByTestId('sync-notice-review'));
    expect(reviewed).toBe(1);
    const items = await screen.findAllByTestId('attention-item');
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringContaining('Evidence: Huge page'),
      expect.stringContaining('Evidence: Refused page'),
    ]);

    await user.click(screen.getAllByTestId('attention-retry')[0]!);
    await waitFor(async () =>
      expect((await db.outbox.filter((e) => !e.attention).toArray()).map((e) => e.id)).toEqual([a.id]),
    );

    await waitFor(() => expect(screen.getAllByTestId('attention-item')).toHaveLength(1));
    await user.click(screen.getByTestId('attention-discard'));
    await user.click(await screen.findByTestId('attention-discard-confirm'));
    await waitFor(async () => expect(await db.outbox.filter((e) => e.id === b.id).count()).toBe(0));
    expect(await db.evidence.get(b.id)).toBeTruthy(); // stays on this device
    await waitFor(() => expect(screen.queryByTestId('sync-notice')).toBeNull());
  });
});

describe('LogoutCard', () => {
  it('asks first, offers to remove the data with a warning naming what is lost, then signs out and clears', async () => {
    const user = userEvent.setup();
    await setSession({ token: 'tok', user: { id: 'u1', email: 'ana@example.com' }, device: { id: 'd1', name: 'x' } });
    await saveEvidence(evidence(1));
    const api = new CasebookApi({
      baseUrl: 'http://casebook.test',
      getToken: async () => 'tok',
      fetch: async () => new Response(null, { status: 204 }),
    });
    // No background here: the last sync before logging out is the test's (the server is unreachable).
    renderPanel(<LogoutCard api={api} email="ana@example.com" sync={async () => undefined} />);
    await user.click(screen.getByTestId('logout'));
    expect(screen.getByTestId('logout-confirm').textContent).toContain('Log out of ana@example.com?');
    await user.click(screen.getByTestId('logout-clear'));
    const warning = await screen.findByTestId('logout-clear-warning');
    expect(warning.textContent).toContain('removes 1 evidence item');
    expect(warning.textContent).toContain('1 change has not reached the server');
    await user.click(screen.getByTestId('logout-confirm-button'));
    await waitFor(async () => expect(await getSession()).toBeNull());
    await waitFor(async () => expect(await db.evidence.count()).toBe(0));
  });
});
