/**
 * Helpers for the worker tests: requests through the real worker entry point
 * (inside workerd, real local D1 and Queue), sign-in through the dev outbox,
 * and evidence built from real fixtures (tests/fixtures/github and tests/fixtures/jira).
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { ulid } from 'ulid';
import { expect } from 'vitest';
import type { AuthVerifyResponse, Evidence, PushChange } from '../../shared/schemas';
import type { OutboxMessage } from '../../worker/db/outbox';
import type { Env } from '../../worker/env';
import worker from '../../worker/index';

/** Origin the tests address (APP_URL in wrangler.toml). */
export const BASE = 'http://127.0.0.1:8787';

/** Options for {@link call}: a bearer `token` and a `json` body are added for you. */
export interface CallInit extends RequestInit {
  token?: string;
  json?: unknown;
  /** Environment override (defaults to the test env). */
  env?: Env;
}

/** Sends one request to the worker's `fetch` and waits for its background work. */
export async function call(path: string, init: CallInit = {}): Promise<Response> {
  const { token, json, env: envOverride, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (json !== undefined) headers.set('content-type', 'application/json');
  const request = new Request(BASE + path, {
    ...rest,
    headers,
    ...(json !== undefined ? { body: JSON.stringify(json), method: rest.method ?? 'POST' } : {}),
  });
  const ctx = createExecutionContext();
  const res = await worker.fetch(request as Parameters<typeof worker.fetch>[0], envOverride ?? env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** Every message in the dev outbox (`GET /dev/outbox.json`), oldest first. */
export async function outbox(): Promise<OutboxMessage[]> {
  const res = await call('/dev/outbox.json');
  if (res.status !== 200) throw new Error(`outbox answered ${res.status}`);
  return res.json();
}

/** The 8-digit code in the newest sign-in e-mail to `email`. */
export async function latestCode(email: string): Promise<string> {
  const mail = (await outbox()).filter((m) => m.to === email && /sign-in code/.test(m.subject)).at(-1);
  const code = mail && /\b(\d{8})\b/.exec(mail.text)?.[1];
  if (!code) throw new Error(`no sign-in code for ${email} in the outbox`);
  return code;
}

/** Signs `email` in as a new device (start, read the code from the outbox, verify). */
export async function signIn(email: string, deviceName = 'Work laptop'): Promise<AuthVerifyResponse> {
  const start = await call('/api/v1/auth/start', { json: { email } });
  if (start.status !== 202) throw new Error(`auth/start answered ${start.status}`);
  const verify = await call('/api/v1/auth/verify', { json: { email, code: await latestCode(email), deviceName } });
  if (verify.status !== 200) throw new Error(`auth/verify answered ${verify.status}: ${await verify.text()}`);
  return verify.json();
}

/** A hybrid logical clock string at `at` for client device `deviceId`. */
export function hlcAt(at: Date | number, deviceId: string, counter = 0): string {
  return `${new Date(at).toISOString()}-${counter.toString(16).padStart(4, '0')}-${deviceId}`;
}

/** A fixture file's parsed JSON. */
export function fixture<T>(name: string): T {
  const text = env.WORKER_FIXTURES[name];
  if (text === undefined) throw new Error(`no fixture ${name} in tests/fixtures/github or tests/fixtures/jira`);
  return JSON.parse(text) as T;
}

interface PullJson {
  number: number;
  title: string;
  html_url: string;
  merged_at: string;
  user: { login: string };
  additions: number;
  deletions: number;
  changed_files: number;
  commits: number;
  base: { repo: { full_name: string } };
}

interface JiraWebhook {
  issue: {
    key: string;
    fields: { summary: string; resolutiondate: string; status: { name: string }; issuetype: { name: string } };
  };
}

/** Fields every evidence builder lets the test choose. */
export interface EvidenceOptions {
  hlc: string;
  competencies?: string[];
  privateNote?: string;
  claim?: string;
  id?: string;
}

/** Evidence for a merged PR from a real `GET /repos/{o}/{r}/pulls/{n}` fixture. */
export function prEvidence(fixtureName: string, o: EvidenceOptions): Evidence {
  const pr = fixture<PullJson>(fixtureName);
  return {
    id: o.id ?? ulid(),
    source: 'github-pr',
    kind: 'pull-request',
    role: 'author',
    url: pr.html_url,
    title: pr.title,
    occurredOn: pr.merged_at.slice(0, 10),
    capturedAt: '2026-11-20T09:00:00.000Z',
    claim: o.claim ?? `I designed and shipped ${pr.title.toLowerCase()}.`,
    impact: `${pr.changed_files} files, +${pr.additions}/-${pr.deletions}.`,
    metrics: [
      { label: 'Lines added', value: pr.additions },
      { label: 'Files changed', value: pr.changed_files },
    ],
    competencies: o.competencies ?? ['technical-leadership'],
    tags: [],
    people: [],
    meta: {
      repo: pr.base.repo.full_name,
      number: pr.number,
      state: 'merged',
      author: pr.user.login,
      mergedAt: pr.merged_at,
      additions: pr.additions,
      deletions: pr.deletions,
      changedFiles: pr.changed_files,
      commits: pr.commits,
    },
    privateNote: o.privateNote ?? '',
    updatedAt: o.hlc,
    deletedAt: null,
  };
}

/** Evidence for a resolved Jira story from the real Cloud webhook fixture. */
export function jiraEvidence(o: EvidenceOptions): Evidence {
  const { issue } = fixture<JiraWebhook>('webhook-cloud-issue-updated-story-done-TES-41.json');
  const resolved = new Date(issue.fields.resolutiondate.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return {
    id: o.id ?? ulid(),
    source: 'jira',
    kind: 'ticket',
    role: 'assignee',
    url: `https://some-instance-test.atlassian.net/browse/${issue.key}`,
    title: `${issue.key}: ${issue.fields.summary}`,
    occurredOn: resolved.toISOString().slice(0, 10),
    capturedAt: '2026-11-20T09:00:00.000Z',
    claim: o.claim ?? 'I drove the story to done after splitting it into testable steps.',
    impact: 'Unblocked the release.',
    metrics: [],
    competencies: o.competencies ?? ['ownership'],
    tags: [],
    people: [],
    meta: { key: issue.key, issueType: issue.fields.issuetype.name, status: issue.fields.status.name },
    privateNote: o.privateNote ?? '',
    updatedAt: o.hlc,
    deletedAt: null,
  };
}

/** An upsert change for `record` (its `updatedAt` is the change's clock). */
export function upsert(seq: number, record: Evidence): PushChange {
  return { seq, collection: 'evidence', id: record.id, op: 'upsert', hlc: record.updatedAt, data: record };
}

/** Pushes `changes` as the device holding `token`. */
export function push(token: string, changes: unknown[]): Promise<Response> {
  return call('/api/v1/sync/push', { token, json: { changes } });
}

/** Pulls changes after `since` as the device holding `token`. */
export async function pull(
  token: string,
  since = 0,
  limit?: number,
): Promise<{
  changes: {
    collection: string;
    id: string;
    rev: number;
    hlc: string;
    deleted: boolean;
    data: Record<string, unknown> | null;
  }[];
  rev: number;
  more: boolean;
}> {
  const res = await call(`/api/v1/sync/pull?since=${since}${limit ? `&limit=${limit}` : ''}`, { token });
  if (res.status !== 200) throw new Error(`pull answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** The security headers every /s/ and /d/ answer must carry. */
export function expectCapabilityHeaders(res: Response): void {
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('x-robots-tag')).toBe('noindex, nofollow');
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
}
