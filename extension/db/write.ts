/**
 * THE module for local writes. Every change to evidence, stories, weekly logs, goals
 * and settings goes through here so that, in ONE Dexie transaction, it:
 * 1. ticks the hybrid logical clock (shared/hlc.ts) kept in `deviceState`,
 * 2. validates the full record with its zod schema (shared/schemas.ts) and the size
 *    the server takes (shared/limits.ts: at most 511 KiB of JSON), so nothing is stored
 *    that sync could never deliver,
 * 3. writes the record and its outbox entry (replacing an older pending entry for
 *    the same record, so the outbox holds at most one change per record).
 * An invalid record throws `RecordValidationError` and nothing is written.
 * After the commit it announces the write (./events.ts), which the sync trigger listens to.
 */
import { ulid } from 'ulid';
import {
  type Collection,
  type Evidence,
  type Goal,
  type Story,
  type UserSettingsRecord,
  type WeeklyLog,
} from '../../shared/schemas';
import { formatHlc, tickHlc } from '../../shared/hlc';
import { canonicalizeUrl, isHttpUrl } from '../../shared/url';
import { SENIOR_ENGINEER } from '../../shared/rubric';
import { db as defaultDb, type CasebookDB, type CollectionRecords } from './index';
import { ensureDeviceId, getDeviceState, setDeviceState } from './device-state';
import { emitLocalWrite } from './events';
import { RecordNotFoundError, validateRecord } from './validate';

export { RecordNotFoundError, RecordValidationError } from './validate';

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
 * string form. Must run inside a `rw` transaction that includes `db.deviceState`.
 */
export async function nextLocalHlc(db: CasebookDB, now: number): Promise<string> {
  // The three reads go out together (one round trip instead of three; same transaction).
  const [knownDevice, stored, offset] = await Promise.all([
    getDeviceState(db, 'deviceId'),
    getDeviceState(db, 'hlc'),
    getDeviceState(db, 'clockOffset'),
  ]);
  // The first write of a device creates its id (a nested transaction only then).
  const deviceId = knownDevice || (await ensureDeviceId(db));
  const next = tickHlc(stored ?? { millis: 0, counter: 0 }, now + (offset ?? 0));
  await setDeviceState(db, 'hlc', next);
  return formatHlc(next, deviceId);
}

/**
 * Stages one local change inside an open `rw` transaction over the collection's
 * table, `db.outbox` and `db.deviceState`: ticks the HLC, builds the record with
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
  const record = validateRecord(collection, make(hlc));
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

/** What one single-record write does (see `writeSingle`). */
interface SingleWrite<C extends Collection> {
  /** Outbox operation recorded for the change. */
  op: 'upsert' | 'delete';
  /** Id of the record written (a new ULID, or the record updated). */
  id: string;
  /** Read the stored record first and pass it to `make` (updates and tombstones). */
  readExisting: boolean;
  /**
   * Builds the record from the stored one (undefined when absent or not read)
   * and the write's HLC string. May throw (e.g. RecordNotFoundError): nothing
   * is written.
   */
  make: (existing: CollectionRecords[C] | undefined, hlc: string) => unknown;
}

/**
 * One record's write in its own Dexie transaction (joining the caller's when one
 * is open), then announces it (./events.ts).
 */
async function writeSingle<C extends Collection>(
  d: WriteDeps,
  collection: C,
  now: number,
  o: SingleWrite<C>,
): Promise<CollectionRecords[C]> {
  return commitWrite(d, collection, async () => {
    const existing = o.readExisting ? await d.db.recordTable(collection).get(o.id as never) : undefined;
    return stageLocalWrite(
      d.db,
      collection,
      o.op,
      (hlc) => o.make(existing as CollectionRecords[C] | undefined, hlc),
      now,
    );
  });
}

/** Runs one staged write in its own transaction, then announces it (./events.ts). */
async function commitWrite<C extends Collection>(
  d: WriteDeps,
  collection: C,
  body: () => Promise<CollectionRecords[C]>,
): Promise<CollectionRecords[C]> {
  const record = await d.db.transaction('rw', [d.db.recordTable(collection), d.db.outbox, d.db.deviceState], body);
  emitLocalWrite();
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
  const id = input.id ?? ulid(now);
  const url = isHttpUrl(input.url) ? canonicalizeUrl(input.url) : input.url;
  return writeSingle(d, 'evidence', now, {
    op: 'upsert',
    id,
    // A fresh ULID names no stored record: only an update reads the existing one.
    readExisting: input.id !== undefined,
    make: (existing, hlc) => ({
      ...input,
      id,
      url,
      capturedAt: existing?.capturedAt ?? isoNow(now),
      updatedAt: hlc,
      deletedAt: null,
    }),
  });
}

/** Shared tombstone logic: sets `deletedAt` and pushes an op `delete`. */
async function tombstone<C extends Collection>(collection: C, id: string, d: WriteDeps): Promise<CollectionRecords[C]> {
  const now = d.now();
  return writeSingle(d, collection, now, {
    op: 'delete',
    id,
    readExisting: true,
    make: (existing, hlc) => {
      if (!existing) throw new RecordNotFoundError(collection, id);
      return { ...existing, updatedAt: hlc, deletedAt: existing.deletedAt ?? isoNow(now) };
    },
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
  return writeSingle(d, 'evidence', now, {
    op: 'upsert',
    id,
    readExisting: true,
    make: (existing, hlc) => {
      if (!existing) throw new RecordNotFoundError('evidence', id);
      return { ...existing, updatedAt: hlc, deletedAt: null };
    },
  });
}

/**
 * Upserts record `id` of `collection` (a new ULID when absent) built by
 * `make(id, hlc)`, without reading the stored one.
 */
function upsertById<C extends 'stories' | 'goals'>(
  collection: C,
  given: string | undefined,
  make: (id: string, hlc: string) => unknown,
  partial?: Partial<WriteDeps>,
): Promise<CollectionRecords[C]> {
  const d = deps(partial);
  const now = d.now();
  const id = given ?? ulid(now);
  return writeSingle(d, collection, now, {
    op: 'upsert',
    id,
    readExisting: false,
    make: (_, hlc) => make(id, hlc),
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
  return upsertById(
    'stories',
    input.id,
    (id, hlc) => ({ ...input, title: input.title.trim(), id, updatedAt: hlc, deletedAt: null }),
    partial,
  );
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

/** A goal agreed with the manager, as the panel supplies it. */
export type GoalInput = Omit<Goal, 'id' | 'updatedAt' | 'deletedAt'> & { id?: string };

/**
 * Saves (creates or updates) a goal.
 * @throws RecordValidationError when the goal is invalid (nothing is written).
 */
export async function saveGoal(input: GoalInput, partial?: Partial<WriteDeps>): Promise<Goal> {
  return upsertById('goals', input.id, (id, hlc) => ({ ...input, id, updatedAt: hlc, deletedAt: null }), partial);
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
  return writeSingle(d, 'settings', now, {
    op: 'upsert',
    id: 'settings',
    readExisting: true,
    make: (existing, hlc) => ({
      ...DEFAULT_SETTINGS,
      ...existing,
      ...trimmed,
      id: 'settings',
      updatedAt: hlc,
      deletedAt: null,
    }),
  });
}
