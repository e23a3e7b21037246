/**
 * Worker entry point: HTTP (`fetch`, the Hono app), the hourly cron
 * (`scheduled`, digest fan-out) and the digest queue consumer (`queue`).
 */
import { createApp } from './app';
import { enqueueDueDigests } from './digest/schedule';
import { handleDigestBatch } from './digest/send';
import type { DigestMessage, Env } from './env';

const app = createApp();

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  async scheduled(controller, env) {
    const count = await enqueueDueDigests(env, new Date(controller.scheduledTime));
    console.log(`digest fan-out: ${count} message(s) enqueued`);
  },
  async queue(batch, env) {
    await handleDigestBatch(batch, env);
  },
} satisfies ExportedHandler<Env, DigestMessage>;
