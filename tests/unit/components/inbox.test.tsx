// @vitest-environment happy-dom
/**
 * The Inbox tab (InboxTab) with Testing Library over a real Dexie store
 * (fake-indexeddb), candidates from the in-process fake GitHub: month groups
 * with counts, the listbox semantics, and keyboard triage (j/k move, a
 * accepts with a claim, d dismisses, x selects, the selection accepted as drafts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InboxTab } from '../../../extension/components/inbox/InboxTab';
import { addCandidates } from '../../../extension/db/candidates';
import { db } from '../../../extension/db/index';
import { importHistory } from '../../../extension/importers/index';
import { fakeGitHubFetch } from '../../../scripts/fakes/github';
import { renderPanel, resetDb } from './helpers';
import { ConnectionsSection } from '../../../extension/components/account/ConnectionsSection';
import { setGithubConnection } from '../../../extension/connections/store';

beforeEach(async () => {
  await resetDb();
});
afterEach(() => {
  cleanup();
});

/** Imports a small year from the fake GitHub into the inbox; returns how many candidates. */
async function importSome(): Promise<number> {
  const fake = fakeGitHubFetch({ login: 'casey-dev', authored: 6, reviewed: 3, extras: false });
  const r = await importHistory(
    { source: 'github', login: 'casey-dev', from: fake.data.from, to: fake.data.to },
    { fetch: fake },
  );
  await addCandidates(r.candidates, 'RUN1');
  return r.candidates.length;
}

function rows(): HTMLElement[] {
  return screen.getAllByRole('option');
}

function activeTitle(): string {
  const list = screen.getByRole('listbox');
  const id = list.getAttribute('aria-activedescendant');
  return document.getElementById(id ?? '')?.querySelector('.candidate-title')?.textContent ?? '';
}

describe('InboxTab', { timeout: 20_000 }, () => {
  it('lists candidates by month with counts per reason, in a labelled listbox', async () => {
    const n = await importSome();
    renderPanel(<InboxTab onOpenConnections={vi.fn<() => void>()} />);
    await waitFor(() => expect(rows()).toHaveLength(n));
    const list = screen.getByRole('listbox', { name: 'Imported items to triage' });
    expect(list.getAttribute('aria-multiselectable')).toBe('true');
    const groups = within(list).getAllByRole('group');
    expect(groups.length).toBeGreaterThan(1);
    const counted = groups
      .map((g) => g.querySelector('.month-counts')?.textContent ?? '')
      .join(' · ')
      .match(/(\d+) (written|reviewed)/g)!
      .reduce((sum, m) => sum + Number(m.split(' ')[0]), 0);
    expect(counted).toBe(n);
    expect(screen.getByTestId('inbox-count').textContent).toContain(`${n} to triage`);
  });

  it('triages from the keyboard: accept with a claim, dismiss, select two and accept them as drafts', async () => {
    const user = userEvent.setup();
    const n = await importSome();
    renderPanel(<InboxTab onOpenConnections={vi.fn<() => void>()} />);
    await waitFor(() => expect(rows()).toHaveLength(n));
    screen.getByRole('listbox').focus();

    await user.keyboard('jjk');
    const toAccept = activeTitle();
    expect(toAccept).toBe(rows()[1]!.querySelector('.candidate-title')?.textContent);
    await user.keyboard('a');
    const claim = await screen.findByTestId('accept-claim');
    await waitFor(() => expect(document.activeElement).toBe(claim));
    await user.type(claim, 'I asked for a retry budget and the author added it before merge.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(screen.queryByTestId('accept-form')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('listbox')));
    const saved = await db.evidence.toArray();
    expect(saved.map((e) => [e.title, e.claim])).toEqual([
      [toAccept, 'I asked for a retry budget and the author added it before merge.'],
    ]);

    const toDismiss = activeTitle();
    await user.keyboard('d');
    await waitFor(() => expect(rows()).toHaveLength(n - 2));
    expect((await db.dismissals.toArray()).map((d) => d.url)).toHaveLength(1);
    expect(screen.queryByText(toDismiss)).toBeNull();

    await user.keyboard('xjx');
    expect(rows().filter((r) => r.getAttribute('aria-selected') === 'true')).toHaveLength(2);
    await user.click(screen.getByTestId('inbox-accept-drafts'));
    await waitFor(() => expect(rows()).toHaveLength(n - 4));
    const drafts = (await db.evidence.toArray()).filter((e) => e.claim === '');
    expect(drafts).toHaveLength(2);
    expect(await db.outbox.count()).toBe(4);
  });

  it('imports from the connected GitHub and shows a revoked token on the Inbox and on the Connections card', async () => {
    const user = userEvent.setup();
    const fake = fakeGitHubFetch({
      login: 'casey-dev',
      authored: 4,
      reviewed: 2,
      token: 'github_pat_GOOD',
      extras: false,
    });
    vi.stubGlobal('fetch', fake);
    try {
      await setGithubConnection({
        token: 'github_pat_REVOKED',
        login: 'casey-dev',
        apiBase: 'https://api.github.com',
        checkedAt: '2026-12-01T00:00:00.000Z',
      });
      renderPanel(
        <>
          <InboxTab onOpenConnections={vi.fn<() => void>()} />
          <ConnectionsSection />
        </>,
      );
      await user.click(await screen.findByTestId('import-start'));
      const alert = await screen.findByText(/^GitHub: /);
      expect(alert.getAttribute('role')).toBe('alert');
      expect(alert.textContent).toMatch(/fine-grained token/);
      expect(alert.textContent).not.toContain('REVOKED');
      const onCard = await screen.findByTestId('connection-errors');
      expect(onCard.textContent).toMatch(/What to do: Create a new fine-grained token/);
      expect(screen.getByTestId('import-last').textContent).toMatch(/0 found, 0 new · .* problem/);

      // With a good token the same button fills the inbox.
      await setGithubConnection({
        token: 'github_pat_GOOD',
        login: 'casey-dev',
        apiBase: 'https://api.github.com',
        checkedAt: '2026-12-01T00:00:00.000Z',
      });
      await user.click(screen.getByTestId('import-start'));
      await waitFor(() => expect(rows().length).toBeGreaterThanOrEqual(6));
      expect((await screen.findByTestId('import-message')).textContent).toMatch(/^\d+ new items in your inbox\.$/);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('sends a new user to Connections when nothing is connected', async () => {
    const user = userEvent.setup();
    const open = vi.fn<() => void>();
    renderPanel(<InboxTab onOpenConnections={open} />);
    await screen.findByTestId('inbox-empty');
    await user.click(await screen.findByRole('button', { name: 'Open Connections' }));
    expect(open).toHaveBeenCalledOnce();
  });
});
