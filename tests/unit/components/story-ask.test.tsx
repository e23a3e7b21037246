// @vitest-environment happy-dom
/**
 * "Ask a colleague" from a story (docs/DESIGN.md "Peer testimonials"): the
 * story editor opens the testimonial request with the story's evidence
 * chosen, the first 20 in timeline order when the story has more, and says
 * so; the request sent holds exactly those ids. The server is a fake
 * answering `POST /api/v1/testimonial-requests` in its real shape
 * (`TestimonialRequestCreated`, checked by the client's schema).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setSession } from '../../../extension/api/session';
import { StoryDialog } from '../../../extension/components/stories/StoryDialog';
import { closeStory, openStory } from '../../../extension/components/stories/open';
import { db } from '../../../extension/db/index';
import type { Story } from '../../../shared/schemas';
import { storyTimeline } from '../../../shared/story';
import { TestimonialRequestCreate } from '../../../shared/testimonials';
import { seedEvidence } from '../helpers/seed';
import { renderPanel, resetDb, seed } from './helpers';

const STORY_ID = '01JD3K8Q2VZ70000000000STRY';

function story(evidenceIds: string[]): Story {
  return {
    id: STORY_ID,
    title: 'Versioned sync API',
    problem: 'Lost edits.',
    approach: 'I drove the HLC decision.',
    outcome: 'Lost edits went from 12 a week to 0.',
    evidenceIds,
    scope: [],
    privateNote: 'never sent',
    updatedAt: '2026-11-20T09:00:00.000Z-0000-01JD3K8Q2VZ7',
    deletedAt: null,
  };
}

/** Records the request bodies the panel sends and answers 201 like the worker. */
function fakeServer() {
  const bodies: unknown[] = [];
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) => {
    const url = String(input);
    if (init?.method === 'POST' && url.endsWith('/api/v1/testimonial-requests')) {
      bodies.push(JSON.parse(String(init.body)));
      return Response.json(
        { id: 'r1', url: 'https://casebook.test/t/abc', expiresAt: '2026-12-04T10:00:00.000Z', emailed: false },
        { status: 201 },
      );
    }
    return Response.json({ error: { code: 'not_found', message: 'no route' } }, { status: 404 });
  });
  vi.stubGlobal('fetch', fetch);
  return bodies;
}

beforeEach(async () => {
  await resetDb();
  await setSession({ token: 'tok', user: { id: 'u1', email: 'ana@example.com' }, device: { id: 'd1', name: 'x' } });
});
afterEach(() => {
  closeStory();
  cleanup();
  vi.unstubAllGlobals();
});

describe('Ask a colleague from a story', { timeout: 20_000 }, () => {
  it('chooses the first 20 of 23 items, says so, and sends exactly those ids', async () => {
    const user = userEvent.setup();
    const bodies = fakeServer();
    const items = seedEvidence(23, { asOf: '2026-11-20', spanDays: 60 });
    await seed({ evidence: items });
    await db.stories.put(story(items.map((e) => e.id)));
    const timeline = storyTimeline({ evidenceIds: items.map((e) => e.id) }, new Map(items.map((e) => [e.id, e])));
    const first20 = timeline.items.slice(0, 20).map((e) => e.id);

    renderPanel(<StoryDialog />);
    openStory({ mode: 'edit', storyId: STORY_ID });
    const editor = await screen.findByTestId('story-editor');
    await waitFor(() => expect(within(editor).getByTestId('story-evidence').querySelectorAll('li')).toHaveLength(23));
    await user.click(within(editor).getByTestId('story-ask-colleague'));

    const form = await screen.findByTestId('ask-colleague-form');
    expect(within(form).getByTestId('ask-capped').textContent).toContain('23 items here');
    expect(within(form).getByTestId('ask-capped').textContent).toContain('the first 20 are chosen');
    const boxes = within(form).getAllByRole('checkbox');
    expect(boxes).toHaveLength(23);
    expect(boxes.map((b) => (b as HTMLInputElement).checked)).toEqual([
      ...Array<boolean>(20).fill(true),
      ...Array<boolean>(3).fill(false),
    ]);

    await user.type(within(form).getByTestId('ask-name'), 'Sam Lee');
    await user.click(within(form).getByTestId('ask-create'));
    expect(((await within(form).findByTestId('ask-url')) as HTMLInputElement).value).toBe(
      'https://casebook.test/t/abc',
    );
    expect(bodies).toHaveLength(1);
    const sent = TestimonialRequestCreate.parse(bodies[0]);
    expect(sent.evidenceIds).toEqual(first20);
    expect(sent.peerName).toBe('Sam Lee');
    expect(JSON.stringify(bodies[0])).not.toContain('never sent');

    // Done goes back to the editor, the story unchanged.
    await user.click(within(form).getByRole('button', { name: 'Done' }));
    expect(await screen.findByTestId('story-editor')).toBeTruthy();
    expect((await db.stories.get(STORY_ID))?.evidenceIds).toHaveLength(23);
  });

  it('a small story preselects all of its items without the cap note', async () => {
    const user = userEvent.setup();
    fakeServer();
    const items = seedEvidence(3, { asOf: '2026-11-20', spanDays: 30 });
    await seed({ evidence: items });
    await db.stories.put(story(items.map((e) => e.id)));
    renderPanel(<StoryDialog />);
    openStory({ mode: 'edit', storyId: STORY_ID });
    const editor = await screen.findByTestId('story-editor');
    await waitFor(() => expect(within(editor).getByTestId('story-evidence').querySelectorAll('li')).toHaveLength(3));
    await user.click(within(editor).getByTestId('story-ask-colleague'));
    const form = await screen.findByTestId('ask-colleague-form');
    expect(within(form).queryByTestId('ask-capped')).toBeNull();
    const boxes = within(form).getAllByRole('checkbox') as HTMLInputElement[];
    expect(boxes.map((b) => b.checked)).toEqual([true, true, true]);
  });
});
