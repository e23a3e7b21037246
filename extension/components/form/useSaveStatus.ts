/**
 * The status line of a small settings form: `message` is `null` before a save,
 * the success text after one, or the error's message when it failed. Settings
 * forms remount when the synced record changes (after their own save too), so
 * the hook lives in the component above the form and the form gets it as a
 * prop (see account/SettingsForm.tsx).
 */
import { useCallback, useMemo, useState } from 'react';
import { errorMessage } from '../format';

/** What {@link useSaveStatus} returns. */
export interface SaveStatus {
  /** The line to show (`FormStatus`), or `null`. */
  message: string | null;
  /** Sets the line directly, e.g. a validation message before saving. */
  setMessage: (message: string | null) => void;
  /**
   * Clears the line, runs `action`, then shows `done` (default `Saved`; `null`
   * shows nothing) or, when `action` throws, the error's message. Never throws.
   */
  save: (action: () => Promise<unknown>, done?: string | null) => Promise<void>;
}

/** A saving status line: see {@link SaveStatus}. */
export function useSaveStatus(): SaveStatus {
  const [message, setMessage] = useState<string | null>(null);
  const save = useCallback(async (action: () => Promise<unknown>, done: string | null = 'Saved') => {
    setMessage(null);
    try {
      await action();
      if (done !== null) setMessage(done);
    } catch (err) {
      setMessage(errorMessage(err));
    }
  }, []);
  return useMemo(() => ({ message, setMessage, save }), [message, save]);
}
