/**
 * The digest queue consumers.
 *
 * `casebook-digests`: for each `{ userId, isoWeek }` message, claim the
 * (user, week) row under its unique constraint, compose, send with
 * List-Unsubscribe (RFC 8058 one-click) and a view-in-browser link, and mark
 * it sent. A redelivered message finds the row sent and sends nothing. A
 * failed send is recorded on the row and retried with exponential backoff;
 * after the queue's `max_retries` the message goes to `casebook-digests-dlq`.
 *
 * `casebook-digests-dlq`: stamps the row dead so people can see it
 * (`/dev/dead-letters`, `/admin/dead-letters`), and logs one line without
 * tokens or addresses.
 */
import { ulid } from 'ulid';
import { IsoWeek } from '../../shared/schemas';
import {
  claimDigest,
  markDigestDead,
  markDigestSent,
  recordDigestFailure,
  STALE_CLAIM_MS,
  storeComposedDigest,
} from '../db/digests';
import { getUserById } from '../db/users';
import type { DigestMessage, Env } from '../env';
import { randomToken, sha256Hex } from '../lib/crypto';
import { appUrl } from '../lib/urls';
import { mailerFor } from '../mail';
import { composeDigest } from '../render/digest';
import { loadDigestInput } from './load';

/** Name of the dead-letter queue (wrangler.toml `dead_letter_queue`). */
export const DIGEST_DLQ = 'casebook-digests-dlq';

/** What happened to one message: sent now; sent before; another attempt holds the claim; nothing to send. */
export type DigestOutcome = 'sent' | 'duplicate' | 'busy' | 'skipped';

/** First retry delay (seconds); each further attempt waits 4 times longer. */
export const RETRY_BASE_SECONDS = 60;
/** Longest retry delay (seconds). */
export const RETRY_MAX_SECONDS = 6 * 60 * 60;

/**
 * Delay before retrying a message on its `attempts`-th delivery (1-based):
 * 60 s, 240 s, 960 s, 3840 s, then capped at 6 h, each with up to 20% random
 * jitter added so a provider outage does not bring every retry back at once.
 * `random` is injectable for tests (0 <= random() < 1).
 */
export function retryDelaySeconds(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(RETRY_BASE_SECONDS * 4 ** Math.max(0, attempts - 1), RETRY_MAX_SECONDS);
  return Math.min(Math.round(base * (1 + 0.2 * random())), RETRY_MAX_SECONDS);
}

/** Links carried by `userId`'s digest for `isoWeek`: capability links use fresh tokens. */
export function digestLinks(env: Pick<Env, 'APP_URL'>, isoWeek: string, viewToken: string, unsubscribeToken: string) {
  return {
    viewInBrowser: appUrl(env, `/d/${viewToken}`),
    unsubscribe: appUrl(env, `/unsubscribe/${unsubscribeToken}`),
    weeklyLog: appUrl(env, `/open/weekly-log?week=${isoWeek}`),
    followUp: appUrl(env, '/open/follow-up'),
  };
}

/** Error text safe to store and log: the message only, never a stack or a URL with a token. */
function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\/(d|s|unsubscribe)\/[A-Za-z0-9_-]{43}/g, '/$1/[token]');
}

/**
 * Sends `message`'s digest at most once.
 * @returns `sent`; `duplicate` when it was sent already; `busy` when another
 *   attempt holds a fresh claim; `skipped` when the user is gone, has turned
 *   the digest off, or the body is malformed.
 * @throws Error when composing or sending fails (recorded on the row and the
 *   claim given up first, so a retry can send); a failure to mark an already
 *   sent digest is only logged, so it is never sent twice.
 */
export async function sendDigest(env: Env, message: DigestMessage, now: Date): Promise<DigestOutcome> {
  if (typeof message?.userId !== 'string' || !IsoWeek.safeParse(message?.isoWeek).success) return 'skipped';
  const { userId, isoWeek } = message;
  const user = await getUserById(env.DB, userId);
  if (!user || user.digest_enabled !== 1) return 'skipped';
  const claimId = ulid();
  const claim = await claimDigest(env.DB, { id: ulid(), userId, isoWeek, claimId, now });
  if (claim === 'sent') return 'duplicate';
  if (claim === 'busy') return 'busy';
  let mailId: string;
  try {
    const viewToken = randomToken();
    const unsubscribeToken = randomToken();
    const links = digestLinks(env, isoWeek, viewToken, unsubscribeToken);
    const input = await loadDigestInput(env.DB, user, isoWeek, links, now);
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
          'List-Unsubscribe': `<${links.unsubscribe}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      })
    ).id;
  } catch (err) {
    await recordDigestFailure(env.DB, {
      userId,
      isoWeek,
      claimId,
      error: errorText(err),
      now: new Date().toISOString(),
    });
    throw err;
  }
  try {
    await markDigestSent(env.DB, { userId, isoWeek, claimId, mailId, now: new Date().toISOString() });
  } catch (err) {
    // The e-mail went out: keep the claim (no resend); the row just lacks sent_at.
    console.error('digest sent but not marked sent', errorText(err));
  }
  return 'sent';
}

/**
 * Main queue handler: processes the batch's messages one by one. `ack()`
 * each one sent, duplicate or skipped; `retry()` a busy one after the claim
 * could have gone stale, and a failed one after {@link retryDelaySeconds}.
 */
export async function handleDigestBatch(batch: MessageBatch<DigestMessage>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    try {
      const outcome = await sendDigest(env, message.body, new Date());
      if (outcome === 'busy') {
        message.retry({ delaySeconds: Math.ceil(STALE_CLAIM_MS / 1000) + 60 });
        continue;
      }
      if (outcome === 'skipped') console.warn('digest message skipped (user gone, digest off or bad body)');
      message.ack();
    } catch (err) {
      const delaySeconds = retryDelaySeconds(message.attempts);
      console.error(`digest send failed (attempt ${message.attempts}); retry in ${delaySeconds} s:`, errorText(err));
      message.retry({ delaySeconds });
    }
  }
}

/**
 * Dead-letter queue handler: each message is a digest the main queue gave up
 * on. Stamps its row dead (visible in the dead-letter views) and acks it;
 * malformed bodies are acked and logged. A D1 failure retries the message.
 */
export async function handleDeadLetterBatch(batch: MessageBatch<DigestMessage>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    const body = message.body;
    if (typeof body?.userId !== 'string' || !IsoWeek.safeParse(body?.isoWeek).success) {
      console.error('dead-lettered digest message with a malformed body dropped');
      message.ack();
      continue;
    }
    try {
      await markDigestDead(env.DB, {
        id: ulid(),
        userId: body.userId,
        isoWeek: body.isoWeek,
        attempts: message.attempts,
        now: new Date().toISOString(),
      });
      console.error(`digest dead-lettered: user ${body.userId}, week ${body.isoWeek}`);
      message.ack();
    } catch (err) {
      console.error('could not record a dead-lettered digest; will retry', errorText(err));
      message.retry({ delaySeconds: RETRY_BASE_SECONDS });
    }
  }
}
