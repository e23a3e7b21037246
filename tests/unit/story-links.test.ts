/**
 * Link suggestions for stories (shared/story-links.ts) on evidence built from
 * the capture fixtures, with real Jira keys (PLAT-1432, TST-8, KT-17/KT-22)
 * in PR titles, branches and ticket fields.
 */
import { describe, expect, it } from 'vitest';
import { describeLink, jiraKeysIn, mentionedUrls, storyNudges, suggestLinks } from '../../shared/story-links';
import { fromDraft, IDS, syncWork } from './helpers/story-fixtures';

describe('jiraKeysIn', () => {
  it('finds key-shaped tokens (a link needs a ticket with that key), not lower-case ones', () => {
    expect(jiraKeysIn('PLAT-1432: Version the sync API')).toEqual(['PLAT-1432']);
    expect(jiraKeysIn('[TST-8] issue with resolution, see TESTKEY13-1 and TST-8')).toEqual(['TST-8', 'TESTKEY13-1']);
    expect(jiraKeysIn('UTF-8 decoding, HTTP-2 and A-1')).toEqual(['UTF-8', 'HTTP-2']);
    expect(jiraKeysIn('fix utf-8 and plat-0')).toEqual([]);
  });
});

describe('suggestLinks', () => {
  it('suggests the ticket whose key is in a PR title, and the PR from the ticket', () => {
    const { ticket, pr } = syncWork();
    expect(suggestLinks([pr], [ticket])).toEqual([
      { evidenceId: IDS.ticket, viaId: IDS.pr, reason: 'jira-key', detail: 'PLAT-1432' },
    ]);
    expect(suggestLinks([ticket], [pr])).toEqual([
      { evidenceId: IDS.pr, viaId: IDS.ticket, reason: 'jira-key', detail: 'PLAT-1432' },
    ]);
  });

  it('reads a key from the PR branch when the title has none', () => {
    const { ticket, pr } = syncWork();
    const plain = { ...pr, title: 'Version the sync API', meta: { ...pr.meta, headRef: 'dana/plat-1432-hlc' } };
    expect(suggestLinks([ticket], [plain])[0]).toMatchObject({ reason: 'jira-key', detail: 'PLAT-1432' });
    expect(suggestLinks([ticket], [{ ...plain, meta: { ...pr.meta } }])).toEqual([]);
  });

  it('a key in a ticket title is not a PR mention (only PRs carry keys by the rule)', () => {
    const { ticket } = syncWork();
    const other = fromDraft('jira--server-resolved-bug-TST-8', IDS.tst8, { title: 'Follow-up to PLAT-1432' });
    expect(suggestLinks([ticket], [other])).toEqual([]);
  });

  it('suggests the design doc whose URL a ticket mentions', () => {
    const { rfc, ticket } = syncWork();
    expect(mentionedUrls(ticket)).toContain(rfc.url);
    expect(suggestLinks([ticket], [rfc])).toEqual([
      { evidenceId: IDS.rfc, viaId: IDS.ticket, reason: 'url', detail: rfc.url },
    ]);
    // And the other way round: from the doc, the ticket that mentions it.
    expect(suggestLinks([rfc], [ticket])[0]).toMatchObject({ evidenceId: IDS.ticket, reason: 'url' });
  });

  it('a URL with tracking parameters or a trailing full stop still matches', () => {
    const { rfc, pr } = syncWork();
    const withLink = {
      ...pr,
      title: 'Version the sync API',
      claim: `Built what ${rfc.url}?utm_source=slack. describes.`,
    };
    expect(suggestLinks([rfc], [withLink])[0]).toMatchObject({ reason: 'url', detail: rfc.url });
  });

  it('suggests tickets in the same epic, and the epic itself', () => {
    const kt22 = fromDraft('jira--cloud-webhook-epic-link-KT-22', IDS.epicTicket);
    const sibling = {
      ...kt22,
      id: IDS.tst8,
      url: 'https://mmtest.atlassian.net/browse/KT-23',
      meta: { ...kt22.meta, key: 'KT-23' },
    };
    expect(suggestLinks([kt22], [sibling])).toEqual([
      { evidenceId: IDS.tst8, viaId: IDS.epicTicket, reason: 'epic', detail: 'KT-17' },
    ]);
    const epic = {
      ...kt22,
      id: IDS.doc,
      url: 'https://mmtest.atlassian.net/browse/KT-17',
      meta: { key: 'KT-17', project: 'KT', issueType: 'Epic' },
    };
    expect(suggestLinks([kt22], [epic])[0]).toMatchObject({ reason: 'epic', detail: 'KT-17' });
  });

  it('suggests a PR in the same repository, at overlapping dates, with a shared person', () => {
    const { pr } = syncWork();
    const next = {
      ...pr,
      id: IDS.artsy,
      title: 'Page on-call when the sync queue backs up',
      url: 'https://github.com/casebook-demo/platform/pull/1301',
      occurredOn: '2026-10-20',
      meta: { ...pr.meta, number: 1301, reviewers: ['lin-qa'] },
    };
    expect(suggestLinks([pr], [next], ['octo-dev'])).toEqual([
      { evidenceId: IDS.artsy, viaId: IDS.pr, reason: 'repo-people', detail: 'casebook-demo/platform with lin-qa' },
    ]);
    // The engineer's own login is not a shared person.
    const onlyMe = { ...next, meta: { ...next.meta, reviewers: [] } };
    expect(suggestLinks([pr], [onlyMe], ['octo-dev'])).toEqual([]);
    // Too far apart.
    expect(suggestLinks([pr], [{ ...next, occurredOn: '2026-12-20' }], ['octo-dev'])).toEqual([]);
  });

  it('never suggests an item already in the story, nor an unrelated PR from a recorded answer', () => {
    const { rfc, ticket, pr } = syncWork();
    const artsy = fromDraft('github-pr--merged-files-tab-2019', IDS.artsy);
    expect(suggestLinks([rfc, ticket, pr], [pr, artsy])).toEqual([]);
  });

  it('describes each reason in plain words', () => {
    expect(describeLink({ reason: 'jira-key', detail: 'TST-8' })).toBe('Jira key TST-8 in a PR title or branch');
    expect(describeLink({ reason: 'epic', detail: 'KT-17' })).toBe('Same epic KT-17');
  });
});

describe('storyNudges', () => {
  it('finds the week item that could join an existing story, once', () => {
    const { rfc, ticket, pr } = syncWork();
    const story = { id: '01JD3K8Q2VZ70000000000STRY', evidenceIds: [rfc.id, ticket.id] };
    const byId = new Map([rfc, ticket, pr].map((e) => [e.id, e]));
    const nudges = storyNudges([pr], [story], (s) => s.evidenceIds.map((id) => byId.get(id)!));
    expect(nudges).toEqual([{ evidenceId: IDS.pr, storyId: story.id, reason: 'jira-key' }]);
    // Already in a story: no nudge.
    expect(
      storyNudges([pr], [{ ...story, evidenceIds: [...story.evidenceIds, pr.id] }], (s) =>
        s.evidenceIds.map((id) => byId.get(id)!),
      ),
    ).toEqual([]);
  });
});
