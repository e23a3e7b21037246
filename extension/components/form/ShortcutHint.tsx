/**
 * The key hint beside a form's submit button: "⌘+Enter saves" on a Mac,
 * "Ctrl+Enter saves" elsewhere, and "· Esc cancels" when the form has a cancel
 * (the keys `useSubmitShortcut` handles).
 */
import { isApplePlatform } from './useSubmitShortcut';

/** The hint; `escape` adds "Esc cancels". */
export function ShortcutHint({ escape = false }: { escape?: boolean }) {
  return (
    <span className="kbd-hint">
      <kbd>{isApplePlatform() ? '⌘' : 'Ctrl'}</kbd>+<kbd>Enter</kbd> saves
      {escape && (
        <>
          {' '}
          · <kbd>Esc</kbd> cancels
        </>
      )}
    </span>
  );
}
