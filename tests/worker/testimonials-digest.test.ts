/**
 * The digest's one line about testimonial answers ("Sam answered your
 * request", docs/DESIGN.md "Peer testimonials"): composed from the names the
 * loader passes, escaped, in both parts; and the loader picks the answers
 * first given during the digest's ISO week.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { loadDigestInput } from '../../worker/digest/load';
import { getUserById } from '../../worker/db/users';
import { composeDigest, peerAnswerLine } from '../../worker/render/digest';
import { sampleDigest } from './render-fixtures';
import { fixtures } from './render-load';
import { signIn } from './helpers';

describe('the digest line about peer answers', () => {
  it('names who answered, in one line', () => {
    expect(peerAnswerLine([])).toBeNull();
    expect(peerAnswerLine(['Sam'])).toBe('Sam answered your request.');
    expect(peerAnswerLine(['Sam', 'Alex'])).toBe('Sam and Alex answered your requests.');
    expect(peerAnswerLine(['Sam', 'Alex', 'Kim', 'Lee'])).toBe('Sam, Alex and 2 others answered your requests.');
    expect(peerAnswerLine(['Sam\nBcc: x@example.com'])).toBe('Sam Bcc: x@example.com answered your request.');
  });

  it('appears in the HTML (escaped) and the text part, and not at all without answers', () => {
    const digest = composeDigest(sampleDigest(fixtures, { peerAnswers: ['<b>Sam</b>'] }));
    expect(digest.text).toContain('<b>Sam</b> answered your request.');
    expect(digest.html).toContain('&lt;b&gt;Sam&lt;/b&gt; answered your request.');
    expect(composeDigest(sampleDigest(fixtures)).text).not.toContain('answered your request');
  });

  it('the loader passes the names of answers first given that week, oldest first', async () => {
    const session = await signIn('digest-peers@example.com');
    const user = (await getUserById(env.DB, session.user.id))!;
    const insert = (id: string, name: string, createdAt: string) =>
      env.DB.batch([
        env.DB.prepare(
          `INSERT INTO testimonial_requests (id, user_id, token_hash, peer_name, evidence_ids, created_at, expires_at)
           VALUES (?1, ?2, ?3, ?4, '[]', ?5, ?5)`,
        ).bind(`r-${id}`, user.id, `h-${id}`, name, createdAt),
        env.DB.prepare(
          `INSERT INTO testimonials (id, request_id, user_id, name, relationship, text, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, 'Peer', 'text', ?5, ?5)`,
        ).bind(id, `r-${id}`, user.id, name, createdAt),
      ]);
    await insert('t1', 'Alex', '2026-11-19T10:00:00.000Z');
    await insert('t2', 'Sam', '2026-11-17T10:00:00.000Z');
    await insert('t3', 'Old', '2026-11-10T10:00:00.000Z');
    const input = await loadDigestInput(
      env.DB,
      user,
      '2026-W47',
      { viewInBrowser: 'https://x.example/d/T', unsubscribe: 'https://x.example/u/T' },
      new Date('2026-11-20T16:00:00.000Z'),
    );
    expect(input.peerAnswers).toEqual(['Sam', 'Alex']);
  });
});
