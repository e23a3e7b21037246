/**
 * The panel forms' keyboard shortcuts: Ctrl+Enter (⌘+Enter on a Mac) submits,
 * and Escape cancels where the form has a cancel. Put the returned handler on
 * the `<form>`'s `onKeyDown`; the key hint beside the submit button is
 * `ShortcutHint` (form/ShortcutHint.tsx).
 */
import { useCallback, type KeyboardEvent } from 'react';

/** An `onKeyDown` for a form: Ctrl/Cmd+Enter runs `onSubmit`, Escape runs `onEscape` when given. */
export function useSubmitShortcut(
  onSubmit: () => void,
  onEscape?: () => void,
): (e: KeyboardEvent<HTMLElement>) => void {
  return useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        onSubmit();
      } else if (e.key === 'Escape' && onEscape) {
        e.preventDefault();
        onEscape();
      }
    },
    [onSubmit, onEscape],
  );
}

/** True on a Mac, iPhone or iPad, where the shortcut's modifier is ⌘. */
export function isApplePlatform(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform);
}
