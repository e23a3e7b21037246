/**
 * Store-side events: the local store announces its committed writes here and
 * knows nothing of who listens. The sync module subscribes at start-up
 * (extension/sync/trigger.ts `setSyncTrigger`), so db/ never imports sync/
 * (docs/ARCHITECTURE.md, "Layers").
 */

/** Called after a local write committed; takes no arguments and returns nothing. */
export type LocalWriteListener = () => void;

const listeners = new Set<LocalWriteListener>();

/**
 * Subscribes `cb` to every committed local write (records, outbox or both).
 * Adding the same function twice subscribes it once.
 * @returns a function that unsubscribes it.
 */
export function onLocalWrite(cb: LocalWriteListener): () => void {
  listeners.add(cb);
  return () => {
    listeners.delete(cb);
  };
}

/**
 * Tells every listener that a local write committed. Called by the write
 * modules after their transaction; a listener that throws is logged and never
 * fails the write.
 */
export function emitLocalWrite(): void {
  for (const cb of listeners) {
    try {
      cb();
    } catch (err) {
      console.warn('casebook: local write listener failed', err);
    }
  }
}
