/**
 * The status line of a form whose answer is either good news or an error
 * (the sync server, the self-hosted origins): `{ ok: true }` reads as a small
 * "saved" line, `{ ok: false }` as an error (`FormStatus`).
 */
import { FormStatus } from './FormStatus';

/** What a form says after an action: `ok` picks the tone. */
export interface Outcome {
  ok: boolean;
  text: string;
}

/** `FormStatus` for an {@link Outcome}; nothing when `outcome` is `null`. */
export function OutcomeStatus({ outcome }: { outcome: Outcome | null }) {
  return (
    <FormStatus
      tone={outcome?.ok ? 'saved' : 'error'}
      className={outcome?.ok ? 'small' : undefined}
      message={outcome?.text}
    />
  );
}
