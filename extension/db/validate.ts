/**
 * The check every local write makes before anything is stored: the record
 * parses with its collection's zod schema (shared/schemas.ts) and its JSON is
 * no larger than the server takes (shared/limits.ts `MAX_LOCAL_RECORD_BYTES`),
 * so nothing is stored that sync could never deliver. Used by ./write.ts
 * (inside Dexie transactions).
 */
import * as z from 'zod/mini';
import { collectionSchemas, type Collection } from '../../shared/schemas';
import { jsonBytes, MAX_LOCAL_RECORD_BYTES } from '../../shared/limits';
import type { CollectionRecords } from './index';

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

/**
 * `value` parsed as a `collection` record (unknown keys stripped or kept as the
 * schema says).
 * @throws RecordValidationError when it fails the schema or its JSON is larger
 *   than `MAX_LOCAL_RECORD_BYTES` (511 KiB).
 */
export function validateRecord<C extends Collection>(collection: C, value: unknown): CollectionRecords[C] {
  const parsed = collectionSchemas[collection].safeParse(value);
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
  return record;
}
