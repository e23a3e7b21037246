/**
 * Worker entry point: HTTP (`fetch`, the Hono app), the hourly cron
 * (`scheduled`, clean-up then digest fan-out) and the queue consumers (`queue`: the digest
 * queue and its dead-letter queue, told apart by `batch.queue`).
 */
import { createApp } from './app';
import { enqueueDueDigests } from './digest/schedule';
import { DIGEST_DLQ, handleDeadLetterBatch, handleDigestBatch } from './digest/send';
import type { DigestMessage, Env } from './env';
import { runMaintenance } from './maintenance';

const app = createApp();

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  async scheduled(controller, env) {
    try {
      const m = await runMaintenance(env, new Date(controller.scheduledTime));
      if (m.codes + m.buckets + m.digests > 0) {
        console.log(`maintenance: deleted ${m.codes} code(s), ${m.buckets} bucket(s), ${m.digests} digest(s)`);
      }
    } catch (err) {
      // Clean-up failing must not stop the digest fan-out.
      console.error('maintenance failed', err instanceof Error ? err.message : String(err));
    }
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
