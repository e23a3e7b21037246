// @vitest-environment happy-dom
/**
 * The Capture tab's first-week behaviour over a real Dexie store: the claim is
 * focused when the panel opens on a page, a save with no claim says it is a
 * draft, "New entry" gives a blank manual form, the role follows the kind, a
 * missing page date is marked as a guess, and "Re-read page" replaces a role
 * that was only the fallback. The page read (`captureTab`, which injects a
 * script into a browser tab) is replaced by a draft from a real fixture's
 * facts; everything after it is the panel's own code.
 */
import { deriveGithubRole } from '../../../extension/extractors/github-pr';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CaptureDraft } from '../../../shared/schemas';
import { db } from '../../../extension/db/index';
import { saveSettings } from '../../../extension/db/write';
import { renderPanel, resetDb } from './helpers';

/** sourcegraph/sourcegraph#3257 as the GitHub PR extractor reads it (tests/fixtures/github, SOURCES.md). */
const PR_DRAFT: CaptureDraft = {
  source: 'github-pr',
  kind: 'pull-request',
  url: 'https://github.com/sourcegraph/sourcegraph/pull/3257',
  title: 'gitserver: Use opentracing for exec endpoint',
  occurredOn: '2019-04-08',
  role: 'author',
  suggestedCompetencies: ['ownership'],
  metrics: [],
  meta: { repo: 'sourcegraph/sourcegraph', number: 3257, state: 'merged', author: 'keegancsmith' },
};

const page = vi.hoisted(() => ({ draft: null as CaptureDraft | null }));

vi.mock('../../../extension/capture/panel', async (original) => {
  const real = await original<typeof import('../../../extension/capture/panel')>();
  return {
    ...real,
    findTargetTab: async () => ({ id: 7, url: page.draft?.url }),
    captureTab: async (tab: { id: number; url?: string }) =>
      page.draft
        ? {
            kind: 'draft',
            draft: page.draft,
            tab,
            missing: [],
            diagnostics: {
              extractor: page.draft.source,
              usedExtractor: page.draft.source,
              origin: '',
              route: '',
              missing: [],
              markers: {},
              fellBack: false,
              version: '0',
            },
          }
        : { kind: 'unreadable', reason: 'Browser pages cannot be read by extensions.', tab, grantOrigins: [] },
  };
});

const { CaptureTab } = await import('../../../extension/components/CaptureTab');

beforeEach(async () => {
  await resetDb();
  page.draft = null;
  // As in the end-to-end tests, the panel names its tab (`?tabId=`): no window tracking.
  history.replaceState(null, '', '/sidepanel.html?tabId=7');
});
afterEach(() => {
  cleanup();
});

describe('Capture tab: drafts and the first week', { timeout: 20_000 }, () => {
  it('focuses the claim when the panel opens on a page', async () => {
    page.draft = PR_DRAFT;
    renderPanel(<CaptureTab session={null} />);
    const claim = await screen.findByTestId('capture-claim');
    await waitFor(() => expect(document.activeElement).toBe(claim), { timeout: 5000 });
    expect(screen.queryByTestId('capture-date-guess')).toBeNull();
  });

  it('saves an empty claim as a draft and says so; "New entry" gives a blank manual form', async () => {
    const user = userEvent.setup();
    page.draft = PR_DRAFT;
    renderPanel(<CaptureTab session={null} />);
    await screen.findByTestId('capture-claim');
    await user.click(screen.getByTestId('save-evidence'));
    expect((await screen.findByTestId('capture-saved')).textContent).toBe('Saved as a draft: add your claim');
    expect(await db.evidence.count()).toBe(1);

    await user.click(screen.getByTestId('capture-new'));
    const title = screen.getByTestId('capture-title') as HTMLInputElement;
    expect(title.value).toBe('');
    expect((screen.getByLabelText('URL', { exact: true }) as HTMLInputElement).value).toBe('');
    expect((screen.getByTestId('capture-claim') as HTMLTextAreaElement).value).toBe('');
    expect(screen.getByTestId('save-evidence').textContent).toBe('Save evidence');

    await user.type(title, 'Mentored Mei through her first on-call week');
    await user.type(screen.getByTestId('capture-claim'), 'I paired with Mei on every page for a week.');
    await user.click(screen.getByTestId('save-evidence'));
    expect((await screen.findByTestId('capture-saved')).textContent).toBe('✓ Saved to your case');
    expect(await db.evidence.count()).toBe(2);
  });

  it('moves the role with the kind where it is obvious', async () => {
    const user = userEvent.setup();
    renderPanel(<CaptureTab session={null} />);
    const kind = await screen.findByLabelText('Kind');
    const role = screen.getByLabelText('My role') as HTMLSelectElement;
    expect(role.value).toBe('author');
    await user.selectOptions(kind, 'mentoring');
    expect(role.value).toBe('mentor');
    await user.selectOptions(kind, 'code-review');
    expect(role.value).toBe('reviewer');
    await user.selectOptions(kind, 'design-doc');
    expect(role.value).toBe('author');
    await user.selectOptions(role, 'owner');
    await user.selectOptions(kind, 'incident');
    expect(role.value).toBe('owner');
  });

  it('marks a date the page did not give as a guess', async () => {
    page.draft = { ...PR_DRAFT, occurredOn: undefined, meta: { ...PR_DRAFT.meta, state: 'closed' } };
    renderPanel(<CaptureTab session={null} />);
    expect((await screen.findByTestId('capture-date-guess')).textContent).toContain('A guess');
  });

  it('"Re-read page" replaces a stored role that was only the fallback', async () => {
    const user = userEvent.setup();
    // Saved before the GitHub login was set: the extractor could only say "contributor".
    page.draft = { ...PR_DRAFT, role: 'contributor', suggestedCompetencies: [] };
    renderPanel(<CaptureTab session={null} />);
    await screen.findByTestId('capture-claim');
    await user.type(screen.getByTestId('capture-claim'), 'I added tracing to the exec endpoint.');
    await user.click(screen.getByTestId('save-evidence'));
    await screen.findByTestId('capture-saved', {}, { timeout: 5000 });
    await waitFor(async () => expect((await db.evidence.toArray())[0]?.role).toBe('contributor'), { timeout: 5000 });

    // The login is set now, so the page reads as authored by the user.
    await saveSettings({ githubLogin: 'keegancsmith' });
    page.draft = PR_DRAFT;
    await user.click(screen.getByText('Re-read page'));
    await waitFor(() => expect((screen.getByLabelText('My role') as HTMLSelectElement).value).toBe('author'), {
      timeout: 5000,
    });
    expect((screen.getByTestId('capture-claim') as HTMLTextAreaElement).value).toBe(
      'I added tracing to the exec endpoint.',
    );
    // The suggestions are re-derived with the role (the GitHub rule's, not the page draft's stored list).
    const derived = deriveGithubRole(PR_DRAFT, { githubLogin: 'keegancsmith' });
    await waitFor(() => {
      const checked = [...document.querySelectorAll<HTMLInputElement>('[data-testid^="competency-"]')]
        .filter((box) => box.checked)
        .map((box) => box.dataset['testid']!.replace('competency-', ''));
      expect(checked.sort()).toEqual([...derived.suggestedCompetencies].sort());
    });
  });
});
