/**
 * Sync push throughput: 10,000 evidence changes pushed to a local worker
 * (`wrangler dev`, local D1) in requests of 500, against inserting the same
 * rows straight into D1 in batches of the same size inside the same worker
 * (the development-only route `POST /dev/bench/d1-insert`). Budget: push at
 * no less than half the raw insert rate.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { migrateLocal, startLocalWorker } from '../scripts/lib/env';
import { makeEvidence } from './lib/data';
import { median, type BenchRow } from './lib/stats';

const PORT = Number(process.env.CASEBOOK_BENCH_SYNC_PORT ?? 8796);

interface OutboxMessage {
  to: string;
  text: string;
}

async function signIn(server: string, email: string): Promise<string> {
  const start = await fetch(`${server}/api/v1/auth/start`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  if (start.status !== 202) throw new Error(`auth/start answered ${start.status}`);
  const mails = (await (await fetch(`${server}/dev/outbox.json`)).json()) as OutboxMessage[];
  const code = /\b(\d{8})\b/.exec([...mails].reverse().find((m) => m.to.includes(email))?.text ?? '')?.[1];
  if (!code) throw new Error('no sign-in code in the dev outbox');
  const res = await fetch(`${server}/api/v1/auth/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, code, deviceName: 'bench' }),
  });
  if (!res.ok) throw new Error(`auth/verify answered ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** Runs `rounds` rounds of push-10k vs raw-insert-10k on a fresh local worker. */
export async function benchSync(rounds = 3, total = 10_000, batch = 500): Promise<BenchRow[]> {
  const persistTo = resolve(tmpdir(), 'casebook-bench-sync-state');
  rmSync(persistTo, { recursive: true, force: true });
  migrateLocal({ persistTo });
  const worker = await startLocalWorker({ port: PORT, persistTo, environment: 'development' });
  try {
    const push: number[] = [];
    const raw: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const token = await signIn(worker.url, `bench${round}@example.com`);
      const deviceId = `BENCHDEV${round}`;
      const records = makeEvidence(total, 100 + round, deviceId);
      // Baseline: the same rows, straight into D1 in batches of `batch`, inside the worker.
      let t = performance.now();
      for (let i = 0; i < total; i += batch) {
        const res = await fetch(`${worker.url}/dev/bench/d1-insert`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            rows: records.slice(i, i + batch).map((r) => ({ id: r.id, hlc: r.updatedAt, data: r })),
          }),
        });
        if (!res.ok) throw new Error(`/dev/bench/d1-insert answered ${res.status}: ${await res.text()}`);
      }
      raw.push(performance.now() - t);
      // Measure: the sync protocol, 500 changes a request.
      t = performance.now();
      for (let i = 0; i < total; i += batch) {
        const changes = records.slice(i, i + batch).map((r, k) => ({
          seq: i + k + 1,
          collection: 'evidence',
          id: r.id,
          op: 'upsert',
          hlc: r.updatedAt,
          data: r,
        }));
        const res = await fetch(`${worker.url}/api/v1/sync/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ changes }),
        });
        if (!res.ok) throw new Error(`sync/push answered ${res.status}: ${await res.text()}`);
      }
      push.push(performance.now() - t);
    }
    const pushRate = total / (median(push) / 1000);
    const rawRate = total / (median(raw) / 1000);
    return [
      {
        group: 'sync',
        name: `push ${total.toLocaleString('en-US')} changes to the local worker (${batch} a request)`,
        value: pushRate,
        baseline: rawRate,
        baselineName: `same rows inserted straight into D1 in batches of ${batch}, same worker`,
        ratio: pushRate / rawRate,
        unit: 'ops/s',
        budget: '≥ 0.5× the raw insert rate',
        pass: pushRate / rawRate >= 0.5,
        runs: rounds,
        note: `push ${(median(push) / 1000).toFixed(2)} s, raw ${(median(raw) / 1000).toFixed(2)} s`,
      },
    ];
  } finally {
    await worker.stop();
  }
}
