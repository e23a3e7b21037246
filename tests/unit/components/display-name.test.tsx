// @vitest-environment happy-dom
/**
 * Settings → Your name: its own field in the synced settings record (not the
 * digest card, not the e-mail), heading the exported packet.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DisplayNameSettings } from '../../../extension/components/account/DisplayNameSettings';
import { db } from '../../../extension/db/index';
import { getSettings } from '../../../extension/db/queries';
import { renderPanel, resetDb } from './helpers';

beforeEach(async () => {
  await resetDb();
});
afterEach(() => {
  cleanup();
});

describe('DisplayNameSettings', { timeout: 20_000 }, () => {
  it('saves the name to the synced settings record (signed out: nothing is sent)', async () => {
    const user = userEvent.setup();
    renderPanel(<DisplayNameSettings />);
    await user.type(await screen.findByTestId('settings-display-name'), '  Ada Lovelace ');
    await user.click(screen.getByTestId('name-save'));
    await waitFor(async () => expect((await getSettings())?.displayName).toBe('Ada Lovelace'));
    const outbox = await db.outbox.toArray();
    expect(outbox.map((o) => o.collection)).toEqual(['settings']);
    expect((await screen.findByRole('status')).textContent).toBe('Saved');
  });
});
