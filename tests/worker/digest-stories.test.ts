/**
 * The digest's one-line story nudge (worker/render/digest/): when this
 * week's evidence could join an existing story by the panel's link rules
 * (here: the Jira key TES-41 of a story's ticket in this week's PR title,
 * both from the real fixtures), the digest says so once; otherwise nothing.
 */
import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../worker/render/digest';
import { evidenceOfWeek } from '../../shared/week';
import type { Story } from '../../shared/schemas';
import { sampleDigest } from './render-fixtures';
import { fixtures } from './render-load';

function setup() {
  const input = sampleDigest(fixtures);
  const pr = evidenceOfWeek(input.evidence, input.week).find((e) => e.source === 'github-pr')!;
  const ticket = input.evidence.find((e) => e.source === 'jira')!;
  const evidence = input.evidence.map((e) => (e.id === pr.id ? { ...e, title: `TES-41: ${e.title}` } : e));
  const story: Story = {
    id: '01JD3K8Q2VZ70000000000STRY',
    title: 'Release unblocked <b>end to end</b>',
    problem: '',
    approach: '',
    outcome: '',
    evidenceIds: [ticket.id],
    scope: [],
    privateNote: 'DIGEST-PRIVATE-NOTE',
    updatedAt: ticket.updatedAt,
    deletedAt: null,
  };
  return { input: { ...input, evidence }, pr, story };
}

describe('digest story nudge', () => {
  it('says once that this week’s PR could join the story, escaped in HTML', () => {
    const { input, pr, story } = setup();
    const digest = composeDigest({ ...input, stories: [story] });
    const line = `“TES-41: ${pr.title}” could join your story “Release unblocked <b>end to end</b>”; add it from the Library.`;
    expect(digest.text).toContain(line);
    expect(digest.html).toContain('Release unblocked &lt;b&gt;end to end&lt;/b&gt;');
    expect(digest.html).not.toContain('<b>end to end</b>');
    expect(digest.text).not.toContain('DIGEST-PRIVATE-NOTE');
  });

  it('no nudge without stories, when the item is already in the story, or when nothing links', () => {
    const { input, pr, story } = setup();
    expect(composeDigest(input).text).not.toContain('could join your story');
    expect(
      composeDigest({ ...input, stories: [{ ...story, evidenceIds: [...story.evidenceIds, pr.id] }] }).text,
    ).not.toContain('could join your story');
    const unlinked = input.evidence.map((e) => (e.id === pr.id ? { ...e, title: pr.title } : e));
    expect(composeDigest({ ...input, evidence: unlinked, stories: [story] }).text).not.toContain(
      'could join your story',
    );
  });
});
