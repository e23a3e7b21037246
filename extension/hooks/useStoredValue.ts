/**
 * React hook over one device-local value in `browser.storage.local` (not
 * synced): e.g. the 90-day plan's start date. The stored value is parsed with
 * `schema`; an unreadable value counts as absent.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ZodMiniType } from 'zod/mini';
import { storage } from 'wxt/utils/storage';

/**
 * `[value, set]` for storage.local key `key`: `value` is undefined while loading,
 * null when absent; `set(null)` removes it. Follows changes from other contexts.
 */
export function useStoredValue<T>(
  key: string,
  schema: ZodMiniType<T>,
): [T | null | undefined, (value: T | null) => Promise<void>] {
  const item = useMemo(() => storage.defineItem<unknown>(`local:${key}`, { fallback: null }), [key]);
  const [value, setValue] = useState<T | null | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    const read = (raw: unknown) => {
      const parsed = schema.safeParse(raw);
      return raw === null || !parsed.success ? null : parsed.data;
    };
    void item.getValue().then((raw) => alive && setValue(read(raw)));
    const unwatch = item.watch((raw) => setValue(read(raw)));
    return () => {
      alive = false;
      unwatch();
    };
  }, [item, schema]);
  const set = useCallback(
    async (v: T | null) => {
      if (v === null) await item.removeValue();
      else await item.setValue(v);
      setValue(v);
    },
    [item],
  );
  return [value, set];
}
