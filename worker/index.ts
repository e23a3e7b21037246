/**
 * Worker entry point: HTTP (`fetch`, the Hono app), the hourly cron
 * (`scheduled`, digest fan-out) and the queue consumers (`queue`: the digest
 * queue and its dead-letter queue, told apart by `batch.queue`).
 */
import { createApp } from './app';
import { enqueueDueDigests } from './digest/schedule';
import { DIGEST_DLQ, handleDeadLetterBatch, handleDigestBatch } from './digest/send';
import type { DigestMessage, Env } from './env';

const app = createApp();

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  async scheduled(controller, env) {
    const r = await enqueueDueDigests(env, new Date(controller.scheduledTime));
    if (r.enqueued > 0)
      console.log(
        `digest fan-out: ${r.users} user(s) read, ${r.enqueued} message(s) enqueued in ${r.batches} batch(es)`,
      );
  },
  async queue(batch, env) {
    if (batch.queue === DIGEST_DLQ) await handleDeadLetterBatch(batch, env);
    else await handleDigestBatch(batch, env);
  },
} satisfies ExportedHandler<Env, DigestMessage>;
