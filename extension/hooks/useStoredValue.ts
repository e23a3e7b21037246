/**
 * React hook over one device-local value in `browser.storage.local` (not
 * synced): e.g. the 90-day plan's start date. The stored value is parsed with
 * `schema`; an unreadable value counts as absent. Reads and watches
 * `browser.storage.local` directly (same keys as WXT's `local:` storage items),
 * so the panel's first chunk does not carry a storage library for the
 * first-run card (docs/DESIGN.md, extension bundle budget).
 */
import { useCallback, useEffect, useState } from 'react';
import type { ZodMiniType } from 'zod/mini';
import { browser, type Browser } from 'wxt/browser';

/**
 * `[value, set]` for storage.local key `key`: `value` is undefined while loading,
 * null when absent; `set(null)` removes it. Follows changes from other contexts.
 */
export function useStoredValue<T>(
  key: string,
  schema: ZodMiniType<T>,
): [T | null | undefined, (value: T | null) => Promise<void>] {
  const [value, setValue] = useState<T | null | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    const read = (raw: unknown) => {
      if (raw === null || raw === undefined) return null;
      const parsed = schema.safeParse(raw);
      return parsed.success ? parsed.data : null;
    };
    void browser.storage.local.get(key).then((got) => alive && setValue(read(got[key])));
    const onChanged = (changes: Record<string, Browser.storage.StorageChange>, area: string) => {
      if (area === 'local' && key in changes) setValue(read(changes[key]!.newValue));
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [key, schema]);
  const set = useCallback(
    async (v: T | null) => {
      if (v === null) await browser.storage.local.remove(key);
      else await browser.storage.local.set({ [key]: v });
      setValue(v);
    },
    [key],
  );
  return [value, set];
}
