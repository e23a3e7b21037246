/**
 * THE module for local writes. Every change to evidence, stories, weekly logs, goals
 * and settings goes through here so that, in ONE Dexie transaction, it:
 * 1. ticks the hybrid logical clock (shared/hlc.ts) kept in `meta`,
 * 2. validates the full record with its zod schema (shared/schemas.ts) and the size
 *    the server takes (shared/limits.ts: at most 511 KiB of JSON), so nothing is stored
 *    that sync could never deliver,
 * 3. writes the record and its outbox entry (replacing an older pending entry for
 *    the same record, so the outbox holds at most one change per record).
 * An invalid record throws `RecordValidationError` and nothing is written.
 * After the commit the debounced sync trigger is notified.
 */
import * as z from 'zod/mini';
import { ulid } from 'ulid';
import {
  collectionSchemas,
  type Collection,
  type Evidence,
  type Goal,
  type Story,
  type UserSettingsRecord,
  type WeeklyLog,
} from '../../shared/schemas';
import { formatHlc, tickHlc } from '../../shared/hlc';
import { jsonBytes, MAX_LOCAL_RECORD_BYTES } from '../../shared/limits';
import { canonicalizeUrl, isHttpUrl } from '../../shared/url';
import { SENIOR_ENGINEER } from '../../shared/rubric';
import { db as defaultDb, type CasebookDB, type CollectionRecords } from './index';
import { ensureDeviceId, getMeta, setMeta } from './meta';
import { notifyLocalWrite } from '../sync/trigger';

/** Thrown when a record does not match its schema; `issues` are zod's. Nothing was written. */
export class RecordValidationError extends Error {
  override readonly name = 'RecordValidationError';
  constructor(
    readonly collection: Collection,
    readonly issues: z.core.$ZodIssue[],
    message: string,
  ) {
    super(message);
  }
}

/** Thrown when a write refers to a record id that does not exist locally. */
export class RecordNotFoundError extends Error {
  override readonly name = 'RecordNotFoundError';
  constructor(
    readonly collection: Collection,
    readonly id: string,
  ) {
    super(`No ${collection} record with id ${id}`);
  }
}

/** Injectable dependencies of the write functions (tests pass their own database and clock). */
export interface WriteDeps {
  db: CasebookDB;
  /** Wall clock in milliseconds since the epoch. */
  now: () => number;
}

const defaultDeps: WriteDeps = { db: defaultDb, now: () => Date.now() };

function deps(partial?: Partial<WriteDeps>): WriteDeps {
  return { ...defaultDeps, ...partial };
}

/**
 * Ticks the local HLC for one event at wall time `now` (ms, corrected by the
 * stored `clockOffset` that sync measured against the server) and returns its
 * string form. Must run inside a `rw` transaction that includes `db.meta`.
 */
export async function nextLocalHlc(db: CasebookDB, now: number): Promise<string> {
  // The three reads go out together (one round trip instead of three; same transaction).
  const [knownDevice, stored, offset] = await Promise.all([
    getMeta(db, 'deviceId'),
    getMeta(db, 'hlc'),
    getMeta(db, 'clockOffset'),
  ]);
  // The first write of a device creates its id (a nested transaction only then).
  const deviceId = knownDevice || (await ensureDeviceId(db));
  const next = tickHlc(stored ?? { millis: 0, counter: 0 }, now + (offset ?? 0));
  await setMeta(db, 'hlc', next);
  return formatHlc(next, deviceId);
}

/**
 * Stages one local change inside an open `rw` transaction over the collection's
 * table, `db.outbox` and `db.meta`: ticks the HLC, builds the record with
 * `make(hlc)`, validates it, writes it and replaces the record's pending outbox
 * entry. Used by the functions below (and by tests that seed many writes in one
 * transaction).
 * @returns the stored record.
 * @throws RecordValidationError when the record fails its schema or is larger than
 *   `MAX_LOCAL_RECORD_BYTES` (the transaction aborts, nothing is written).
 */
export async function stageLocalWrite<C extends Collection>(
  db: CasebookDB,
  collection: C,
  op: 'upsert' | 'delete',
  make: (hlc: string) => unknown,
  now: number,
): Promise<CollectionRecords[C]> {
  const hlc = await nextLocalHlc(db, now);
  const parsed = collectionSchemas[collection].safeParse(make(hlc));
  if (!parsed.success) {
    throw new RecordValidationError(
      collection,
      parsed.error.issues,
      `Invalid ${collection} record: ${z.prettifyError(parsed.error)}`,
    );
  }
  const record = parsed.data as CollectionRecords[C];
  const bytes = jsonBytes(record);
  if (bytes > MAX_LOCAL_RECORD_BYTES) {
    const kib = (n: number) => `${Math.ceil(n / 1024)} KiB`;
    const message = `Too large to sync (${kib(bytes)}; the limit is ${kib(MAX_LOCAL_RECORD_BYTES)}). Shorten its text or metadata; nothing was saved.`;
    throw new RecordValidationError(
      collection,
      [{ code: 'custom', path: [], message, input: undefined } as z.core.$ZodIssue],
      `Invalid ${collection} record: ${message}`,
    );
  }
  // The record's put and the outbox replacement go out together; the outbox's delete
  // still precedes its add. Any failure rejects and aborts the whole transaction.
  await Promise.all([
    db.recordTable(collection).put(record as never),
    db.outbox
      .where('[collection+id]')
      .equals([collection, record.id])
      .delete()
      .then(() =>
        db.outbox.add(
          op === 'upsert'
            ? { collection, id: record.id, op, hlc, data: record as unknown as Record<string, unknown> }
            : { collection, id: record.id, op, hlc },
        ),
      ),
  ]);
  return record;
}

/** Runs one staged write in its own transaction, then notifies the sync trigger. */
async function commitWrite<C extends Collection>(
  d: WriteDeps,
  collection: C,
  body: () => Promise<CollectionRecords[C]>,
): Promise<CollectionRecords[C]> {
  const record = await d.db.transaction('rw', [d.db.recordTable(collection), d.db.outbox, d.db.meta], body);
  notifyLocalWrite();
  return record;
}

function isoNow(ms: number): string {
  return new Date(ms).toISOString();
}

/** What the panel supplies to save evidence; the write module fills ids, clocks and times. */
export type EvidenceInput = Omit<Evidence, 'id' | 'capturedAt' | 'updatedAt' | 'deletedAt'> & {
  /** Existing id to update; a new ULID when absent. */
  id?: string;
};

/**
 * Saves (creates or updates) one piece of evidence. An http(s) `url` is stored in
 * canonical form; `capturedAt` is kept from the existing record or set to now.
 * @returns the stored record (with `updatedAt` = its HLC, `deletedAt` null).
 * @throws RecordValidationError when the record is invalid (nothing is written).
 */
export async function saveEvidence(input: EvidenceInput, partial?: Partial<WriteDeps>): Promise<Evidence> {
  const d = deps(partial);
  const now = d.now();
  return commitWrite(d, 'evidence', async () => {
    const id = input.id ?? ulid(now);
    // A fresh ULID names no stored record: only an update reads the existing one.
    const existing = input.id === undefined ? undefined : await d.db.evidence.get(id);
    const url = isHttpUrl(input.url) ? canonicalizeUrl(input.url) : input.url;
    return stageLocalWrite(
      d.db,
      'evidence',
      'upsert',
      (hlc) => ({
        ...input,
        id,
        url,
        capturedAt: existing?.capturedAt ?? isoNow(now),
        updatedAt: hlc,
        deletedAt: null,
      }),
      now,
    );
  });
}

/** Shared tombstone logic: sets `deletedAt` and pushes an op `delete`. */
async function tombstone<C extends Collection>(collection: C, id: string, d: WriteDeps): Promise<CollectionRecords[C]> {
  const now = d.now();
  return commitWrite(d, collection, async () => {
    const existing = await d.db.recordTable(collection).get(id as never);
    if (!existing) throw new RecordNotFoundError(collection, id);
    return stageLocalWrite(
      d.db,
      collection,
      'delete',
      (hlc) => ({ ...existing, updatedAt: hlc, deletedAt: existing.deletedAt ?? isoNow(now) }),
      now,
    );
  });
}

/**
 * Deletes evidence `id` as a tombstone (`deletedAt` set, record kept locally so a
 * stale remote copy cannot resurrect it); syncs as op `delete`.
 * @throws RecordNotFoundError when there is no such record.
 */
export async function deleteEvidence(id: string, partial?: Partial<WriteDeps>): Promise<Evidence> {
  return tombstone('evidence', id, deps(partial));
}

/**
 * Undoes a delete: the tombstoned evidence `id` becomes live again (a new write, so
 * it wins over the tombstone everywhere).
 * @throws RecordNotFoundError when there is no such record.
 */
export async function restoreEvidence(id: string, partial?: Partial<WriteDeps>): Promise<Evidence> {
  const d = deps(partial);
  const now = d.now();
  return commitWrite(d, 'evidence', async () => {
    const existing = await d.db.evidence.get(id);
    if (!existing) throw new RecordNotFoundError('evidence', id);
    return stageLocalWrite(
      d.db,
      'evidence',
      'upsert',
      (hlc) => ({ ...existing, updatedAt: hlc, deletedAt: null }),
      now,
    );
  });
}

/** A story as the panel supplies it; the write module fills the id (when new) and clocks. */
export type StoryInput = Omit<Story, 'id' | 'updatedAt' | 'deletedAt'> & { id?: string };

/**
 * Saves (creates or updates) a story (docs/DESIGN.md "Stories"). Text is kept
 * as typed; the title is trimmed.
 * @returns the stored record.
 * @throws RecordValidationError when the story is invalid (over a limit, a hostile title): nothing is written.
 */
export async function saveStory(input: StoryInput, partial?: Partial<WriteDeps>): Promise<Story> {
  const d = deps(partial);
  const now = d.now();
  return commitWrite(d, 'stories', async () => {
    const id = input.id ?? ulid(now);
    return stageLocalWrite(
      d.db,
      'stories',
      'upsert',
      (hlc) => ({ ...input, title: input.title.trim(), id, updatedAt: hlc, deletedAt: null }),
      now,
    );
  });
}

/**
 * Deletes story `id` as a tombstone (its evidence is untouched).
 * @throws RecordNotFoundError when there is no such record.
 */
export async function deleteStory(id: string, partial?: Partial<WriteDeps>): Promise<Story> {
  return tombstone('stories', id, deps(partial));
}

/** The four weekly prompts for ISO week `week` (`2026-W47`). */
export type WeeklyLogInput = Omit<WeeklyLog, 'id' | 'updatedAt' | 'deletedAt'> & { id?: string };

/**
 * Saves the weekly log of `input.week` (one per week: an existing live log of that
 * week is updated rather than duplicated).
 * @throws RecordValidationError when the log is invalid (nothing is written).
 */
export async function saveWeeklyLog(input: WeeklyLogInput, partial?: Partial<WriteDeps>): Promise<WeeklyLog> {
  const d = deps(partial);
  const now = d.now();
  return commitWrite(d, 'weeklyLogs', async () => {
    const sameWeek = await d.db.weeklyLogs
      .where('week')
      .equals(input.week)
      .filter((l) => l.deletedAt === null)
      .first();
    const id = input.id ?? sameWeek?.id ?? ulid(now);
    return stageLocalWrite(
      d.db,
      'weeklyLogs',
      'upsert',
      (hlc) => ({ ...input, id, updatedAt: hlc, deletedAt: null }),
      now,
    );
  });
}

/**
 * Deletes weekly log `id` as a tombstone.
 * @throws RecordNotFoundError when there is no such record.
 */
export async function deleteWeeklyLog(id: string, partial?: Partial<WriteDeps>): Promise<WeeklyLog> {
  return tombstone('weeklyLogs', id, deps(partial));
}

/** A goal agreed with the manager, as the panel supplies it. */
export type GoalInput = Omit<Goal, 'id' | 'updatedAt' | 'deletedAt'> & { id?: string };

/**
 * Saves (creates or updates) a goal.
 * @throws RecordValidationError when the goal is invalid (nothing is written).
 */
export async function saveGoal(input: GoalInput, partial?: Partial<WriteDeps>): Promise<Goal> {
  const d = deps(partial);
  const now = d.now();
  return commitWrite(d, 'goals', async () => {
    const id = input.id ?? ulid(now);
    return stageLocalWrite(d.db, 'goals', 'upsert', (hlc) => ({ ...input, id, updatedAt: hlc, deletedAt: null }), now);
  });
}

/**
 * Deletes goal `id` as a tombstone.
 * @throws RecordNotFoundError when there is no such record.
 */
export async function deleteGoal(id: string, partial?: Partial<WriteDeps>): Promise<Goal> {
  return tombstone('goals', id, deps(partial));
}

/** Settings before the user changes anything. */
export const DEFAULT_SETTINGS: Omit<UserSettingsRecord, 'updatedAt' | 'deletedAt'> = {
  id: 'settings',
  githubLogin: '',
  atlassianName: '',
  rubricId: SENIOR_ENGINEER.id,
};

/** Fields of the synced settings record the user can change. */
export type SettingsPatch = Partial<
  Pick<
    UserSettingsRecord,
    | 'githubLogin'
    | 'atlassianName'
    | 'rubricId'
    | 'customRubrics'
    | 'selfHostedOrigins'
    | 'reviewPeriod'
    | 'coverageTarget'
    | 'displayName'
  >
>;

/**
 * Merges `patch` into the synced settings record (id `settings`), trimming text.
 * @throws RecordValidationError when the result is invalid (nothing is written).
 */
export async function saveSettings(patch: SettingsPatch, partial?: Partial<WriteDeps>): Promise<UserSettingsRecord> {
  const d = deps(partial);
  const now = d.now();
  const trimmed = Object.fromEntries(
    Object.entries(patch).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]),
  ) as SettingsPatch;
  return commitWrite(d, 'settings', async () => {
    const existing = await d.db.settings.get('settings');
    return stageLocalWrite(
      d.db,
      'settings',
      'upsert',
      (hlc) => ({ ...DEFAULT_SETTINGS, ...existing, ...trimmed, id: 'settings', updatedAt: hlc, deletedAt: null }),
      now,
    );
  });
}
