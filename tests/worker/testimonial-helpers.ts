/**
 * Helpers of the peer-testimonial worker tests: an account with two evidence
 * items (a PR and a Jira ticket, both with a private note), a request, the
 * peer's form POST and the engineer's list, each checking its status.
 */
import type { Env } from '../../worker/env';
import { TestimonialList, TestimonialRequestCreated } from '../../shared/testimonials';
import { expect } from 'vitest';
import { call, hlcAt, jiraEvidence, prEvidence, push, signIn, upsert } from './helpers';

export const T0 = Date.parse('2026-11-20T09:00:00.000Z');
export const SECRET = 'PRIVATE: salary talk with my manager';
export const GOOD =
  'She found the retry storm between checkout and billing, wrote the design doc for idempotency keys and paired with two of us on the rollout; duplicate charges went from 40 a week to zero.';

/** A signed-in account holding a PR and a Jira ticket (private notes: `SECRET`). */
export async function seeded(email: string) {
  const session = await signIn(email);
  const pr = prEvidence('rest-pull-merged-artsy-emission-327.json', {
    hlc: hlcAt(T0, 'd'),
    competencies: ['ownership'],
    privateNote: SECRET,
  });
  const jira = jiraEvidence({ hlc: hlcAt(T0, 'd', 1), competencies: ['judgment'], privateNote: SECRET });
  expect((await push(session.token, [upsert(1, pr), upsert(2, jira)])).status).toBe(200);
  return { ...session, pr, jira };
}

/** `POST /api/v1/testimonial-requests` (expects 201): the answer, the link's token and `/t/` path. */
export async function ask(token: string, body: Record<string, unknown>) {
  const res = await call('/api/v1/testimonial-requests', { token, json: body });
  expect(res.status).toBe(201);
  const created = TestimonialRequestCreated.parse(await res.json());
  const t = created.url.split('/t/')[1]!;
  return { ...created, token: t, path: `/t/${t}` };
}

/** The peer's form POST to `path` (urlencoded; repeated keys for arrays). */
export function form(
  path: string,
  fields: Record<string, string | string[]>,
  init: { headers?: Record<string, string>; env?: Env } = {},
) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return call(path, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...init.headers },
    ...(init.env ? { env: init.env } : {}),
  });
}

/** `GET /api/v1/testimonials` (expects 200), parsed. */
export async function list(token: string) {
  const res = await call('/api/v1/testimonials', { token });
  expect(res.status).toBe(200);
  return TestimonialList.parse(await res.json());
}
