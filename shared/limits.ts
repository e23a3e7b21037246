/**
 * Size limits both sides agree on (docs/SECURITY.md "Limits"). The worker refuses a
 * pushed change whose serialised JSON is larger than `MAX_CHANGE_BYTES` with
 * `413 record_too_large`; the extension refuses to store a record that could not
 * be pushed (extension/db/write.ts) and sets aside an outbox entry that is too
 * large before sending it (extension/sync/client.ts).
 */

/** Largest serialised change (UTF-8 bytes of its JSON) a push may carry: 512 KiB. */
export const MAX_CHANGE_BYTES = 512 * 1024;

/**
 * Largest record (UTF-8 bytes of its JSON) the extension stores: the change limit
 * minus 1 KiB for the change's envelope (`seq`, `collection`, `id`, `op`, `hlc`).
 */
export const MAX_LOCAL_RECORD_BYTES = MAX_CHANGE_BYTES - 1024;

const encoder = new TextEncoder();

/** UTF-8 length of `s` in bytes. */
export function utf8Bytes(s: string): number {
  return encoder.encode(s).length;
}

/** UTF-8 length in bytes of `JSON.stringify(value)`. */
export function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value));
}
