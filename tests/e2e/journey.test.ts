import { describe, expect, inject, it } from 'vitest';
import { CLAIM, EMAIL, GITHUB_LOGIN, PR_TITLE, PRIVATE_NOTE, runJourney } from '../../scripts/lib/journey';

describe('the Casebook loop in real Chromium against the local worker', () => {
  it('clips a real PR, signs in, syncs, sends the digest, shares and revokes', async () => {
    const r = await runJourney({ ext: inject('extensionDir'), server: inject('server'), outDir: inject('outDir') });

    // Clip: the local record is the PR, canonical, with its number, repo and state.
    expect(r.localEvidence).toHaveLength(1);
    const ev = r.localEvidence[0]!;
    expect(ev).toMatchObject({
      source: 'github-pr',
      kind: 'pull-request',
      role: 'author',
      url: 'https://github.com/sourcegraph/sourcegraph/pull/3257',
      title: PR_TITLE,
      claim: CLAIM,
      privateNote: PRIVATE_NOTE,
      meta: { repo: 'sourcegraph/sourcegraph', number: 3257, state: 'merged', author: GITHUB_LOGIN },
    });
    expect(ev.competencies).toContain('technical-leadership');

    // Sign-in code came through the dev outbox.
    expect(r.signInCode).toMatch(/^\d{8}$/);
    expect(r.syncStatus).toMatch(/synced/i);

    // Sync: the server returns the same record on pull.
    const remote = r.pulled.changes.filter((c) => c.collection === 'evidence' && !c.deleted);
    expect(remote.map((c) => c.id)).toEqual([ev.id]);
    expect(remote[0]!.data).toMatchObject({ title: PR_TITLE, meta: { number: 3257, state: 'merged' } });

    // Digest: sent once to the user, with one-click unsubscribe. The PR was merged in 2019: this
    // week is when the work happened (shared/week.ts), so it is counted in one line, not listed.
    expect(r.digest.to).toContain(EMAIL);
    expect(r.digest.text).toContain('1 item imported from your history this week.');
    expect(r.digest.text).not.toContain(PR_TITLE);
    expect(r.digest.html).not.toContain(PRIVATE_NOTE);
    const headerNames = Object.keys(r.digest.headers).map((h) => h.toLowerCase());
    expect(headerNames).toEqual(expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post']));

    // Share page: shows the evidence, never the private note, with the security headers.
    expect(r.share.status).toBe(200);
    expect(r.share.html).toContain(PR_TITLE);
    expect(r.share.html).toContain('href="https://github.com/sourcegraph/sourcegraph/pull/3257"');
    expect(r.share.html).not.toContain(PRIVATE_NOTE);
    expect(r.share.headers['referrer-policy']).toBe('no-referrer');
    expect(r.share.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(r.share.headers['cache-control']).toBe('no-store');
    expect(r.share.headers['content-security-policy']).toContain("default-src 'none'");
    expect(r.share.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.packet.status).toBe(200);
    expect(r.packet.text).toContain(PR_TITLE);
    expect(r.packet.text).not.toContain(PRIVATE_NOTE);

    // Revoked: 404 at once.
    expect(r.revokedStatus).toBe(404);
  });
});
