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
import { PERIOD_PRESETS } from '../../shared/period';
import { saveSettings } from '../db/write';
import { useCaseData } from '../hooks/useCaseData';
import { useStoredValue } from '../hooks/useStoredValue';
import { errorMessage } from './format';

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
  const [githubLogin, setGithubLogin] = useState(settings?.githubLogin ?? '');
  const [atlassianName, setAtlassianName] = useState(settings?.atlassianName ?? '');
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
      await saveSettings({ githubLogin, atlassianName, rubricId, reviewPeriod });
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
      <label className="field">
        <span className="label">GitHub login</span>
        <input
          className="input"
          value={githubLogin}
          maxLength={100}
          autoComplete="off"
          placeholder="octocat"
          data-testid="first-run-github"
          onChange={(e) => setGithubLogin(e.target.value)}
        />
        <span className="hint">
          Tells your PRs from your reviews. Connecting GitHub in Account → Connections fills it in.
        </span>
      </label>
      <label className="field">
        <span className="label">Atlassian display name</span>
        <input
          className="input"
          value={atlassianName}
          maxLength={200}
          autoComplete="off"
          placeholder="Ada Lovelace"
          data-testid="first-run-atlassian"
          onChange={(e) => setAtlassianName(e.target.value)}
        />
        <span className="hint">As Jira and Confluence show it, for tickets and docs.</span>
      </label>
      <label className="field">
        <span className="label">Rubric or ladder</span>
        <select
          className="input"
          value={rubricId}
          data-testid="first-run-rubric"
          onChange={(e) => setRubricId(e.target.value)}
        >
          {rubrics.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="label">Review period</span>
        <select
          className="input"
          value={preset}
          data-testid="first-run-period"
          onChange={(e) => setPreset(e.target.value as ReviewPeriod['preset'])}
        >
          {PERIOD_PRESETS.filter((p) => p.id !== 'custom' || settings?.reviewPeriod?.preset === 'custom').map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
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
    <section className="card" aria-labelledby="getting-started-title" data-testid="getting-started">
      <h2 className="card-title" id="getting-started-title">
        Getting started
      </h2>
      <p className="muted small">
        The welcome card: your identities, rubric and review period, and how to open the panel on a page.
      </p>
      <button
        type="button"
        className="button secondary"
        data-testid="first-run-reopen"
        disabled={show === true}
        onClick={() => void setState('reopened').then(() => onShown?.())}
      >
        {show ? 'Shown on the Capture tab' : 'Show the welcome card again'}
      </button>
    </section>
  );
}
