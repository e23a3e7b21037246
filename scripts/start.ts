/**
 * `npm start`: Casebook on this machine with no account anywhere.
 * Applies the local D1 migrations, builds the extension against the local
 * worker, starts `wrangler dev` (local D1, local Queue, dev outbox mailer) at
 * http://127.0.0.1:8787 and stops every child on Ctrl+C (SIGINT/SIGTERM).
 */
import { buildExtension, migrateLocal, startLocalWorker, type LocalWorker } from './lib/env';

const PORT = Number(process.env.PORT ?? 8787);
const server = `http://127.0.0.1:${PORT}`;
const started = Date.now();
const secs = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

let worker: LocalWorker | undefined;
let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('\nStopping Casebook...');
    await worker?.stop();
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));

try {
  console.log('Casebook: applying local D1 migrations...');
  migrateLocal();
  console.log(`Casebook: building the extension against ${server}...`);
  const ext = buildExtension({ server });
  console.log('Casebook: starting the local worker...');
  worker = await startLocalWorker({ port: PORT, verbose: true, environment: 'development' });
  worker.process.on('exit', (code) => {
    if (!stopping) {
      console.error(`wrangler dev exited (${code}).`);
      void shutdown(1);
    }
  });
  console.log(`
Casebook is running (ready in ${secs()}).

  Worker      ${server}   (health: ${server}/health)
  Extension   ${ext}
              Load it in Chrome: chrome://extensions -> Developer mode -> Load unpacked -> pick that folder.
              Then pin Casebook and click it on a pull request, design doc or ticket.
  Outbox      ${server}/dev/outbox   (every email "sent": sign-in codes, digests)

Press Ctrl+C to stop everything.
`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  await shutdown(1);
}
