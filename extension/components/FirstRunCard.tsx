/**
 * The first-run card (docs/DESIGN.md "The first week"): above the Capture tab
 * until dismissed, and reachable again from Account ("Getting started"). It
 * asks for what makes the first clips right: the GitHub login and the
 * Atlassian display name (role detection; a connected GitHub token fills the
 * login in, see ConnectionsSection), the rubric or ladder, and the review
 * period; and it says how to open the panel on a page. What it saves goes to
 * the synced settings record; whether it is dismissed is per device
 * (storage.local `casebook.firstRun`).
 */
import { useState, type FormEvent } from 'react';
import * as z from 'zod/mini';
import type { ReviewPeriod } from '../../shared/schemas';
import { saveSettings } from '../db/write';
import { useCaseData } from '../hooks/useCaseData';
import { useStoredValue } from '../hooks/useStoredValue';
import { errorMessage } from './format';
import { SelectField } from './form/SelectField';
import { FormStatus } from './form/FormStatus';
import { IdentityFields, identityOf } from './account/IdentityFields';
import { PERIOD_CHOICES } from './account/ReviewPeriodSettings';
import { Card } from './common/Card';

/** storage.local key of the card's state. */
export const FIRST_RUN_KEY = 'casebook.firstRun';
/** `dismissed`: the user closed or completed it; `reopened`: asked for it again from Account. */
export const FirstRunState = z.object({ state: z.enum(['dismissed', 'reopened']) });
export type FirstRunState = z.infer<typeof FirstRunState>;

/** `[show, set]`: whether the card shows (undefined while loading) and a setter of its state. */
export function useFirstRun(): [boolean | undefined, (s: FirstRunState['state']) => Promise<void>] {
  const [value, setValue] = useStoredValue(FIRST_RUN_KEY, FirstRunState);
  const { settings } = useCaseData();
  let show: boolean | undefined;
  if (value === undefined) show = undefined;
  else if (value === null) show = !settings?.githubLogin && !settings?.atlassianName;
  else show = value.state === 'reopened';
  return [show, (state) => setValue({ state })];
}

/** The card; renders nothing once dismissed. */
export function FirstRunCard() {
  const [show, setState] = useFirstRun();
  const { settings } = useCaseData();
  if (!show) return null;
  return <FirstRunForm key={settings?.updatedAt ?? 'none'} onDone={() => void setState('dismissed')} />;
}

function FirstRunForm({ onDone }: { onDone: () => void }) {
  const { settings, rubric, rubrics } = useCaseData();
  const [identity, setIdentity] = useState(() => identityOf(settings));
  const [rubricId, setRubricId] = useState(rubric.id);
  const [preset, setPreset] = useState<ReviewPeriod['preset']>(settings?.reviewPeriod?.preset ?? 'last-12-months');
  const [error, setError] = useState<string | null>(null);
  const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const reviewPeriod: ReviewPeriod =
        preset === 'custom' && settings?.reviewPeriod?.preset === 'custom' ? settings.reviewPeriod : { preset };
      await saveSettings({ ...identity, rubricId, reviewPeriod });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <form className="card first-run" data-testid="first-run" aria-labelledby="first-run-title" onSubmit={save}>
      <div className="first-run-head">
        <h2 className="card-title" id="first-run-title">
          Welcome to Casebook
        </h2>
        <button type="button" className="link-button small" data-testid="first-run-dismiss" onClick={onDone}>
          Not now
        </button>
      </div>
      <p className="small">
        On a PR, ticket or design doc, press <kbd>{isMac ? 'Option' : 'Alt'}</kbd>+<kbd>Shift</kbd>+<kbd>C</kbd> or
        click the Casebook icon in the toolbar: the panel opens on that page and reads it.
      </p>
      <p className="muted small">Four answers make the first clips right (you can change them in Account).</p>
      <IdentityFields value={identity} onChange={setIdentity} variant="first-run" />
      <SelectField
        label="Rubric or ladder"
        value={rubricId}
        options={rubrics.map((r) => ({ value: r.id, label: r.name }))}
        testId="first-run-rubric"
        onChange={setRubricId}
      />
      <SelectField
        label="Review period"
        value={preset}
        options={PERIOD_CHOICES.filter((p) => p.value !== 'custom' || settings?.reviewPeriod?.preset === 'custom')}
        testId="first-run-period"
        onChange={setPreset}
      />
      <FormStatus message={error} />
      <div className="actions">
        <button type="submit" className="button primary" data-testid="first-run-save">
          Save and start clipping
        </button>
      </div>
    </form>
  );
}

/** Account → Getting started: brings the first-run card back above the Capture tab. */
export function GettingStartedSection({ onShown }: { onShown?: () => void }) {
  const [show, setState] = useFirstRun();
  return (
    <Card
      titleId="getting-started-title"
      title="Getting started"
      testId="getting-started"
      intro={<>The welcome card: your identities, rubric and review period, and how to open the panel on a page.</>}
    >
      <button
        type="button"
        className="button secondary"
        data-testid="first-run-reopen"
        disabled={show === true}
        onClick={() => void setState('reopened').then(() => onShown?.())}
      >
        {show ? 'Shown on the Capture tab' : 'Show the welcome card again'}
      </button>
    </Card>
  );
}
