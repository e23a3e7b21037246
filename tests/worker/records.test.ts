import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { applyPush, chunkChanges, pullChanges, utf8Length } from '../../worker/db/records';
import { ensureUser } from '../../worker/db/users';
import { insertDevice } from '../../worker/db/devices';
import { hlcAt, jiraEvidence, upsert } from './helpers';

describe('records query helpers', () => {
  it('chunkChanges keeps every chunk a JSON array under the byte limit, in order', () => {
    const items = Array.from({ length: 10 }, (_, i) => JSON.stringify({ i, s: 'é'.repeat(40) }));
    const chunks = chunkChanges(items, 200);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) expect(utf8Length(c)).toBeLessThanOrEqual(200);
    expect(chunks.flatMap((c) => JSON.parse(c) as unknown[])).toEqual(items.map((s) => JSON.parse(s)));
    // A single change larger than the limit still gets a chunk of its own.
    expect(chunkChanges([JSON.stringify('x'.repeat(300))], 200)).toHaveLength(1);
  });

  it('applyPush and pullChanges work on D1 directly, scoped by user', async () => {
    const now = new Date().toISOString();
    const user = await ensureUser(env.DB, 'direct@example.com', '01JD3K8Q2VZ7AAAAAAAAAAAAA1', now);
    const other = await ensureUser(env.DB, 'other@example.com', '01JD3K8Q2VZ7AAAAAAAAAAAAA2', now);
    await insertDevice(env.DB, { id: 'dev-1', userId: user.id, name: 'a', tokenHash: 'h1', now });
    await insertDevice(env.DB, { id: 'dev-2', userId: other.id, name: 'b', tokenHash: 'h2', now });
    const changes = [1, 2, 3].map((seq) => upsert(seq, jiraEvidence({ hlc: hlcAt(Date.UTC(2026, 10, 20), 'c', seq) })));
    expect(await applyPush(env.DB, user.id, 'dev-1', changes, now)).toEqual({
      lastSeq: 3,
      rev: 3,
      applied: 3,
      ignored: 0,
    });
    // A device of another user cannot write into this user's records (its last_seq lookup finds nothing).
    expect((await applyPush(env.DB, user.id, 'dev-2', changes, now)).applied).toBe(0);
    const page = await pullChanges(env.DB, user.id, 0, 2);
    expect(page.more).toBe(true);
    expect(page.changes.map((c) => c.rev)).toEqual([1, 2]);
    expect(page.rev).toBe(2);
    const rest = await pullChanges(env.DB, user.id, page.rev, 2);
    expect(rest).toMatchObject({ more: false, rev: 3 });
    expect((await pullChanges(env.DB, other.id, 0, 10)).changes).toEqual([]);
  });
});
