/**
 * The digest queue consumer: for each `{ userId, isoWeek }` message, claim the
 * (user, week) row under its unique constraint, compose, send with
 * List-Unsubscribe (RFC 8058 one-click) and a view-in-browser link, and mark
 * it sent. A redelivered message finds the claim and sends nothing.
 */
import { ulid } from 'ulid';
import { IsoWeek } from '../../shared/schemas';
import { claimDigest, markDigestSent, releaseDigestClaim, storeComposedDigest } from '../db/digests';
import { getUserById } from '../db/users';
import type { DigestMessage, Env } from '../env';
import { randomToken, sha256Hex } from '../lib/crypto';
import { appUrl } from '../lib/urls';
import { mailerFor } from '../mail';
import { composeDigest } from '../render/digest';
import { loadDigestInput } from './load';

/** What happened to one message. */
export type DigestOutcome = 'sent' | 'duplicate' | 'skipped';

/**
 * Sends `message`'s digest once.
 * @returns `sent`; `duplicate` when it was sent or is being sent already;
 *   `skipped` when the user is gone, has turned the digest off, or the body is malformed.
 * @throws Error when composing or sending fails (the claim is released first, so a retry can send);
 *   a failure to mark an already sent digest is only logged, so it is never sent twice.
 */
export async function sendDigest(env: Env, message: DigestMessage, now: Date): Promise<DigestOutcome> {
  if (typeof message?.userId !== 'string' || !IsoWeek.safeParse(message?.isoWeek).success) return 'skipped';
  const { userId, isoWeek } = message;
  const user = await getUserById(env.DB, userId);
  if (!user || user.digest_enabled !== 1) return 'skipped';
  const claimId = ulid();
  if (!(await claimDigest(env.DB, { id: ulid(), userId, isoWeek, claimId, now }))) return 'duplicate';
  let mailId: string;
  try {
    const viewToken = randomToken();
    const unsubscribeToken = randomToken();
    const unsubscribeUrl = appUrl(env, `/unsubscribe/${unsubscribeToken}`);
    const input = await loadDigestInput(
      env.DB,
      user,
      isoWeek,
      { viewInBrowser: appUrl(env, `/d/${viewToken}`), unsubscribe: unsubscribeUrl },
      now,
    );
    const content = composeDigest(input);
    await storeComposedDigest(env.DB, {
      userId,
      isoWeek,
      claimId,
      ...content,
      viewTokenHash: await sha256Hex(viewToken),
      unsubscribeTokenHash: await sha256Hex(unsubscribeToken),
    });
    mailId = (
      await mailerFor(env).send({
        to: user.email,
        from: env.MAIL_FROM,
        ...content,
        headers: {
          'List-Unsubscribe': `<${unsubscribeUrl}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      })
    ).id;
  } catch (err) {
    await releaseDigestClaim(env.DB, userId, isoWeek, claimId);
    throw err;
  }
  try {
    await markDigestSent(env.DB, { userId, isoWeek, claimId, mailId, now: new Date().toISOString() });
  } catch (err) {
    // The e-mail went out: keep the claim (no resend); the row just lacks sent_at.
    console.error('digest sent but not marked sent', err instanceof Error ? err.message : err);
  }
  return 'sent';
}

/**
 * Queue handler: processes the batch's messages one by one; `ack()` each one
 * handled (sent, duplicate or skipped), `retry()` each one that failed.
 */
export async function handleDigestBatch(batch: MessageBatch<DigestMessage>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    try {
      const outcome = await sendDigest(env, message.body, new Date());
      if (outcome === 'skipped') console.warn('digest message skipped (user gone, digest off or bad body)');
      message.ack();
    } catch (err) {
      console.error('digest send failed; will retry', err instanceof Error ? err.message : err);
      message.retry();
    }
  }
}
