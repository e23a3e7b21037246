// @vitest-environment happy-dom
/**
 * Making and growing stories in the panel (Testing Library over a real Dexie
 * store): the Inbox's `s` key, an evidence card's "Add to story", the story
 * editor's link suggestions (confirmed one by one) and its refusal of a
 * hostile title. Evidence from the capture fixtures (tests/unit/helpers/story-fixtures.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CaseTab } from '../../../extension/components/case/CaseTab';
import { InboxTab } from '../../../extension/components/inbox/InboxTab';
import { LibraryTab } from '../../../extension/components/library/LibraryTab';
import { StoryDialog } from '../../../extension/components/stories/StoryDialog';
import { StoriesSection } from '../../../extension/components/stories/StoriesSection';
import { closeStory, openStory } from '../../../extension/components/stories/open';
import { addCandidates } from '../../../extension/db/candidates';
import { db } from '../../../extension/db/index';
import { importHistory } from '../../../extension/importers/index';
import { fakeGitHubFetch } from '../../../scripts/fakes/github';
import type { Story } from '../../../shared/schemas';
import { IDS, syncWork } from '../helpers/story-fixtures';
import { renderPanel, resetDb, seed } from './helpers';

const STORY: Story = {
  id: '01JD3K8Q2VZ70000000000STRY',
  title: 'Versioned sync API',
  problem: 'Lost edits.',
  approach: 'I drove the HLC decision.',
  outcome: 'Lost edits went from 12 a week to 0.',
  evidenceIds: [IDS.pr],
  scope: [],
  privateNote: '',
  updatedAt: '2026-11-20T09:00:00.000Z-0000-01JD3K8Q2VZ7',
  deletedAt: null,
};

beforeEach(async () => {
  await resetDb();
});
afterEach(() => {
  closeStory();
  cleanup();
});

describe('stories in the panel', { timeout: 20_000 }, () => {
  it('Inbox: `s` accepts the selection as drafts and makes a story of it', async () => {
    const user = userEvent.setup();
    const fake = fakeGitHubFetch({ login: 'casey-dev', authored: 4, reviewed: 1, extras: false });
    const r = await importHistory(
      { source: 'github', login: 'casey-dev', from: fake.data.from, to: fake.data.to },
      { fetch: fake },
    );
    await addCandidates(r.candidates, 'RUN1');
    renderPanel(
      <>
        <InboxTab onOpenConnections={vi.fn<() => void>()} />
        <StoryDialog />
      </>,
    );
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(r.candidates.length));
    screen.getByRole('listbox').focus();
    await user.keyboard('xjx');
    await user.keyboard('s');
    await user.click(await screen.findByTestId('story-pick-new'));
    const editor = await screen.findByTestId('story-editor');
    await waitFor(() => expect(within(editor).getByTestId('story-evidence').querySelectorAll('li')).toHaveLength(2));
    await user.type(within(editor).getByTestId('story-title'), 'Billing API migration');
    await user.click(within(editor).getByTestId('story-save'));
    await waitFor(() => expect(screen.queryByTestId('story-dialog')).toBeNull());
    const [story] = await db.stories.toArray();
    expect(story?.title).toBe('Billing API migration');
    expect(story?.evidenceIds).toHaveLength(2);
    for (const id of story!.evidenceIds) expect((await db.evidence.get(id))?.deletedAt).toBeNull();
  });

  it('an evidence card adds its item to an existing story', async () => {
    const user = userEvent.setup();
    const { rfc, ticket, pr } = syncWork();
    await seed({ evidence: [rfc, ticket, pr] });
    await db.stories.put(STORY);
    renderPanel(
      <>
        <LibraryTab active onCapture={vi.fn<() => void>()} />
        <StoryDialog />
      </>,
    );
    const card = await screen.findByRole('article', { name: rfc.title });
    await user.click(within(card).getByTestId('evidence-add-to-story'));
    await user.click(await screen.findByTestId('story-pick'));
    const editor = await screen.findByTestId('story-editor');
    await waitFor(() =>
      expect(within(editor).getByTestId('story-title')).toHaveProperty('value', 'Versioned sync API'),
    );
    await user.click(within(editor).getByTestId('story-save'));
    await waitFor(() => expect(screen.queryByTestId('story-dialog')).toBeNull());
    expect((await db.stories.get(STORY.id))?.evidenceIds).toEqual([IDS.pr, IDS.rfc]);
  });

  it('the editor suggests linked items, adds one only when confirmed, and refuses a hostile title', async () => {
    const user = userEvent.setup();
    const { rfc, ticket, pr } = syncWork();
    await seed({ evidence: [rfc, ticket, pr] });
    await db.stories.put(STORY);
    renderPanel(<StoryDialog />);
    openStory({ mode: 'edit', storyId: STORY.id });
    const editor = await screen.findByTestId('story-editor');
    const suggestions = await within(editor).findByTestId('story-suggestions');
    expect(suggestions.textContent).toContain('Jira key PLAT-1432 in a PR title or branch');
    expect(within(editor).getByTestId('story-evidence').querySelectorAll('li')).toHaveLength(1);
    await user.click(within(suggestions).getAllByTestId('story-suggestion-add')[0]!);
    expect(within(editor).getByTestId('story-evidence').querySelectorAll('li')).toHaveLength(2);
    // The ticket mentions the RFC's URL: now the RFC is suggested too.
    expect(within(editor).getByTestId('story-suggestions').textContent).toContain(`Mentions ${rfc.url}`);

    const title = within(editor).getByTestId('story-title');
    await user.clear(title);
    await user.type(title, 'Sync\u202Eevil');
    await user.click(within(editor).getByTestId('story-save'));
    expect((await within(editor).findByTestId('story-error')).textContent).toMatch(/text-direction/);
    expect((await db.stories.get(STORY.id))?.evidenceIds).toEqual([IDS.pr]);

    await user.clear(title);
    await user.type(title, 'Versioned sync API');
    await user.click(within(editor).getByTestId('story-save'));
    await waitFor(() => expect(screen.queryByTestId('story-editor')).toBeNull());
    expect((await db.stories.get(STORY.id))?.evidenceIds).toEqual([IDS.pr, IDS.ticket]);
  });

  it('the case view shows an empty story as empty, not dropped', async () => {
    await db.stories.put({ ...STORY, evidenceIds: ['01JD3K8Q2VZ70000000000XXXX'] });
    renderPanel(<StoriesSection evidence={[]} />);
    expect((await screen.findByTestId('story-empty')).textContent).toContain('No evidence left (1 deleted)');
  });

  it('the case view lists stories above coverage and cites them first in the calibration answers', async () => {
    const { rfc, ticket, pr } = syncWork();
    await seed({ evidence: [rfc, ticket, pr] });
    await db.stories.put({ ...STORY, evidenceIds: [IDS.rfc, IDS.ticket, IDS.pr], scope: ['architecture'] });
    renderPanel(<CaseTab ownerName="Dana" onOpenLibrary={vi.fn<() => void>()} />);
    const card = await screen.findByTestId('story-card');
    expect(card.textContent).toContain('Architecture');
    expect(
      [...card.querySelectorAll('.story-timeline li')].map(
        (li) => li.textContent?.match(/Design doc|Ticket|Pull request/)?.[0],
      ),
    ).toEqual(['Design doc', 'Ticket', 'Pull request']);
    const stories = screen.getByTestId('case-stories');
    const coverage = screen.getByTestId('coverage-table');
    expect(stories.compareDocumentPosition(coverage) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId('calibration-story').length).toBeGreaterThanOrEqual(2));
    const first = within(screen.getByTestId('calibration')).getAllByRole('listitem')[0]!;
    expect(first.querySelector('.compact-list li')?.textContent).toBe('Story: Versioned sync API');
  });
});
