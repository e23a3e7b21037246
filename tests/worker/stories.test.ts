/**
 * Stories on the server: synced through push/pull like evidence (validated,
 * last writer wins), and shown on share pages and in packet.md only with
 * their in-scope evidence, never with their private note, escaped like all
 * evidence text. Evidence from real fixtures (artsy/emission#327 2016,
 * github3py#671 2017, Jira TES-41 2019).
 */
import { describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { ShareCreateResponse, type Story } from '../../shared/schemas';
import { call, hlcAt, jiraEvidence, prEvidence, pull, push, signIn, upsert } from './helpers';

const T0 = Date.parse('2026-11-20T09:00:00.000Z');
const NOTE = 'STORY-PRIVATE: promo committee gossip';

function story(evidenceIds: string[], over: Partial<Story> = {}): Story {
  return {
    id: ulid(),
    title: 'Gene page end to end',
    problem: 'Collectors could not browse by gene; support noticed first.',
    approach: 'I split the view controller and drove the API shape with the web team.',
    outcome: 'Gene page shipped on iOS; 3 teams reuse the component.',
    evidenceIds,
    scope: ['cross-team', 'architecture'],
    privateNote: NOTE,
    updatedAt: hlcAt(T0, 'd', 9),
    deletedAt: null,
    ...over,
  };
}

function storyChange(seq: number, s: Story) {
  return { seq, collection: 'stories', id: s.id, op: 'upsert', hlc: s.updatedAt, data: s };
}

async function seeded(email: string) {
  const session = await signIn(email);
  const pr327 = prEvidence('rest-pull-merged-artsy-emission-327.json', {
    hlc: hlcAt(T0, 'd'),
    competencies: ['ownership'],
  });
  const pr671 = prEvidence('rest-pull-merged-github3py-671.json', {
    hlc: hlcAt(T0, 'd', 1),
    competencies: ['multiplier'],
  });
  const jira = jiraEvidence({ hlc: hlcAt(T0, 'd', 2), competencies: ['ownership'] });
  expect((await push(session.token, [upsert(1, pr327), upsert(2, pr671), upsert(3, jira)])).status).toBe(200);
  return { ...session, pr327, pr671, jira };
}

async function share(token: string, body: Record<string, unknown>) {
  const res = await call('/api/v1/shares', { token, json: body });
  expect(res.status).toBe(201);
  return `/s/${ShareCreateResponse.parse(await res.json()).url.split('/s/')[1]!}`;
}

describe('stories sync', () => {
  it('a story is pushed and pulled back whole (private note included: it is the owner); last writer wins', async () => {
    const { token, pr327, jira } = await seeded('stories-sync@example.com');
    const s = story([pr327.id, jira.id]);
    expect((await push(token, [storyChange(4, s)])).status).toBe(200);
    const other = await signIn('stories-sync@example.com', 'Phone');
    const pulled = (await pull(other.token)).changes.find((c) => c.collection === 'stories');
    expect(pulled?.data).toEqual(s);
    // An older write from another device loses; a newer one wins.
    const older = { ...s, title: 'Older title', updatedAt: hlcAt(T0 - 60_000, 'p') };
    const newer = { ...s, title: 'Newer title', updatedAt: hlcAt(T0 + 60_000, 'p') };
    const res = await push(other.token, [storyChange(1, older), storyChange(2, newer)]);
    expect(res.status).toBe(200);
    const latest = (await pull(token)).changes.filter((c) => c.collection === 'stories');
    expect(latest.at(-1)?.data?.title).toBe('Newer title');
  });

  it('an invalid story (hostile title, over the limits) is refused with 400 and nothing is stored', async () => {
    const { token, pr327 } = await seeded('stories-bad@example.com');
    for (const bad of [
      story([pr327.id], { title: 'Ship\u202Eit' }),
      story([pr327.id], { outcome: 'x'.repeat(5001) }),
    ]) {
      const res = await push(token, [storyChange(4, bad)]);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; issues?: unknown[] } };
      expect(body.error.issues?.length).toBeGreaterThan(0);
    }
    expect((await pull(token)).changes.filter((c) => c.collection === 'stories')).toEqual([]);
  });
});

describe('stories on share pages and packet.md', () => {
  it('shows a story with only its in-scope items, first, escaped, never its private note', async () => {
    const { token, pr327, pr671, jira } = await seeded('stories-share@example.com');
    const s = story([pr327.id, pr671.id, jira.id], { title: '<script>alert(1)</script> Gene page' });
    const out = story([pr327.id], { title: 'Only 2016 work' });
    expect((await push(token, [storyChange(4, s), storyChange(5, out)])).status).toBe(200);

    const path = await share(token, { label: 'Since 2017', from: '2017-01-01' });
    const html = await (await call(path)).text();
    expect(html).not.toContain(NOTE);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Gene page');
    // The story leads the page, with only the two in-scope items in its timeline.
    expect(html.indexOf('id="stories"')).toBeGreaterThan(0);
    expect(html.indexOf('id="stories"')).toBeLessThan(html.indexOf('id="summary"'));
    const storyHtml = html.slice(
      html.indexOf(`id="story-${s.id}"`),
      html.indexOf('</article>', html.indexOf(`id="story-${s.id}"`)),
    );
    expect(storyHtml).toContain(`#ev-${pr671.id}`);
    expect(storyHtml).toContain(`#ev-${jira.id}`);
    expect(storyHtml).not.toContain(pr327.title);
    // A story with no in-scope item is not shown at all.
    expect(html).not.toContain('Only 2016 work');
    // Calibration answers cite the story before single items.
    expect(html).toMatch(/Story: <a href="#story-/);

    const md = await (await call(`${path}/packet.md`)).text();
    expect(md).not.toContain(NOTE);
    expect(md).not.toContain('Only 2016 work');
    expect(md.indexOf('## Stories')).toBeLessThan(md.indexOf('## Calibration summary'));
    expect(md).toContain('### \\<script\\>alert(1)\\</script\\> Gene page');
    expect(md).not.toContain(pr327.title);
    for (const format of ['google', 'amazon', 'meta']) {
      const res = await call(`${path}/packet.md?format=${format}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain(`-${format}.md`);
      const text = await res.text();
      expect(text).toContain('Gene page');
      expect(text).not.toContain(NOTE);
      expect(text).not.toContain('Only 2016 work');
    }
  });

  it('a share with none of its evidence in scope shows no story; a deleted story is gone', async () => {
    const { token, pr327 } = await seeded('stories-out@example.com');
    const s = story([pr327.id]);
    expect((await push(token, [storyChange(4, s)])).status).toBe(200);
    const path = await share(token, { label: 'Multiplier only', competencies: ['multiplier'] });
    const html = await (await call(path)).text();
    expect(html).not.toContain('id="stories"');
    expect(html).not.toContain(s.title);
    const all = await share(token, { label: 'All' });
    expect(await (await call(all)).text()).toContain(s.title);
    expect(
      (await push(token, [{ seq: 5, collection: 'stories', id: s.id, op: 'delete', hlc: hlcAt(T0 + 1000, 'd') }]))
        .status,
    ).toBe(200);
    expect(await (await call(all)).text()).not.toContain(s.title);
    expect(await (await call(`${all}/packet.md?format=amazon`)).text()).not.toContain(s.title);
  });
});
