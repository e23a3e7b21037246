// @vitest-environment happy-dom
/**
 * Settings sections of the Account tab: rubric choice and ladder import
 * errors, the sync server override (asks for the host permission first), the
 * self-hosted origins, and the backup import report.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DataSettings,
  OriginsSettings,
  RubricSettings,
  ServerSettings,
  ladderId,
} from '../../../extension/components/account/SettingsSections';
import { getServerOrigin, serverOrigin } from '../../../extension/api/session';
import { db } from '../../../extension/db/index';
import { getSettings } from '../../../extension/db/queries';
import { PRESET_RUBRICS } from '../../../shared/rubrics';
import { seedEvidence } from '../helpers/seed';
import { renderPanel, resetDb, seed } from './helpers';

beforeEach(async () => {
  await resetDb();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('RubricSettings', { timeout: 20_000 }, () => {
  it('switches rubric in the synced settings record', async () => {
    const user = userEvent.setup();
    renderPanel(<RubricSettings />);
    const select = await screen.findByTestId('rubric-select');
    const other = PRESET_RUBRICS[PRESET_RUBRICS.length - 1]!;
    await user.selectOptions(select, other.id);
    await waitFor(async () => expect((await getSettings())?.rubricId).toBe(other.id));
  });

  it('shows the ladder parser’s errors and stores nothing when the file is not a ladder', async () => {
    const user = userEvent.setup();
    renderPanel(<RubricSettings />);
    await user.click(await screen.findByTestId('ladder-import-open'));
    await user.type(screen.getByTestId('ladder-name'), 'Acme L5');
    fireEvent.change(screen.getByTestId('ladder-text'), { target: { value: 'this is,not\na ladder' } });
    await user.click(screen.getByTestId('ladder-import'));
    const errors = await screen.findByTestId('ladder-errors');
    expect(errors.textContent).toContain('The ladder was not imported');
    expect(errors.querySelectorAll('li').length).toBeGreaterThan(0);
    expect((await getSettings())?.customRubrics ?? []).toEqual([]);
    expect(ladderId('Acme Senior Engineer (L5)')).toBe('custom-acme-senior-engineer-l5');
  });
});

describe('ServerSettings', { timeout: 20_000 }, () => {
  it('asks for the new origin’s host permission, then uses it', async () => {
    const user = userEvent.setup();
    const request = vi.fn<() => Promise<boolean>>(async () => true);
    fakeBrowser.permissions.request = request as never;
    renderPanel(<ServerSettings signedIn={false} />);
    const input = await screen.findByTestId('server-url');
    await waitFor(() => expect((input as HTMLInputElement).value).toBe(serverOrigin()));
    await user.clear(input);
    await user.type(input, 'casebook.example.com/whatever');
    await user.click(screen.getByTestId('server-save'));
    await screen.findByText('Now using https://casebook.example.com.');
    expect(request).toHaveBeenCalledWith({ origins: ['https://casebook.example.com/*'] });
    expect(await getServerOrigin()).toBe('https://casebook.example.com');
  });

  it('changes nothing when the permission is refused, and rejects plain http', async () => {
    const user = userEvent.setup();
    fakeBrowser.permissions.request = vi.fn<() => Promise<boolean>>(async () => false) as never;
    renderPanel(<ServerSettings signedIn={false} />);
    const input = await screen.findByTestId('server-url');
    await waitFor(() => expect((input as HTMLInputElement).value).toBe(serverOrigin()));
    await user.clear(input);
    await user.type(input, 'https://casebook.example.com');
    await user.click(screen.getByTestId('server-save'));
    expect((await screen.findByRole('alert')).textContent).toContain('nothing was changed');
    expect(await getServerOrigin()).toBe(serverOrigin());

    await user.clear(input);
    await user.type(input, 'http://casebook.example.com');
    await user.click(screen.getByTestId('server-save'));
    expect((await screen.findByRole('alert')).textContent).toContain('https://');
  });
});

describe('OriginsSettings', { timeout: 20_000 }, () => {
  it('adds a self-hosted origin only after its permission is granted', async () => {
    const user = userEvent.setup();
    const request = vi.fn<() => Promise<boolean>>(async () => true);
    fakeBrowser.permissions.request = request as never;
    renderPanel(<OriginsSettings />);
    await user.type(await screen.findByTestId('origin-input'), 'https://jira.example.com/browse/X-1');
    await user.click(screen.getByRole('button', { name: 'Allow' }));
    await waitFor(async () => expect((await getSettings())?.selfHostedOrigins).toEqual(['https://jira.example.com']));
    expect(request).toHaveBeenCalledWith({ origins: ['https://jira.example.com/*'] });
  });
});

describe('DataSettings', { timeout: 20_000 }, () => {
  it('reports a file that is not a backup and keeps everything stored', async () => {
    const user = userEvent.setup();
    const items = seedEvidence(3);
    await seed({ evidence: items });
    renderPanel(<DataSettings />);
    const file = new File(['{"hello": 1'], 'notes.json', { type: 'application/json' });
    await user.upload(await screen.findByTestId('backup-import'), file);
    expect((await screen.findByRole('alert')).textContent).toContain('not JSON');
    expect(await db.evidence.count()).toBe(3);
  });

  it('imports a backup file and shows the report', async () => {
    const user = userEvent.setup();
    renderPanel(<DataSettings />);
    const backup = {
      format: 'casebook-backup',
      version: 1,
      exportedAt: '2026-11-20T10:00:00.000Z',
      evidence: seedEvidence(2),
      weeklyLogs: [],
      goals: [],
      settings: [],
    };
    const file = new File([JSON.stringify(backup)], 'casebook-backup.json', { type: 'application/json' });
    await user.upload(await screen.findByTestId('backup-import'), file);
    const report = await screen.findByTestId('import-report');
    expect(report.textContent).toMatch(/\d+ added · \d+ updated · \d+ skipped/);
  });
});
