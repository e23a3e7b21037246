/**
 * Settings → Review period (shared/period.ts): the preset or fixed dates the
 * case view, its coverage and its calibration answers are scoped to, and the
 * coverage target per competency (items a half). Stored in the synced
 * `settings` record. Mounted in AccountTab.tsx `CommonSettings`.
 */
import { useState, type FormEvent } from 'react';
import type { ReviewPeriod, UserSettingsRecord } from '../../../shared/schemas';
import { DEFAULT_TARGET_PER_HALF, PERIOD_PRESETS, resolvePeriod } from '../../../shared/period';
import { formatDay } from '../../../shared/case';
import { saveSettings } from '../../db/write';
import { useCaseData } from '../../hooks/useCaseData';
import { errorMessage, localToday } from '../format';

/** The review period and coverage target settings card. */
export function ReviewPeriodSettings() {
  const { settings } = useCaseData();
  // The message lives here: the form remounts when the synced record changes (e.g. after this save).
  const [message, setMessage] = useState<string | null>(null);
  return (
    <PeriodForm key={settings?.updatedAt ?? 'none'} initial={settings} message={message} setMessage={setMessage} />
  );
}

function PeriodForm({
  initial,
  message,
  setMessage,
}: {
  initial: UserSettingsRecord | undefined;
  message: string | null;
  setMessage: (m: string | null) => void;
}) {
  const today = localToday();
  const [preset, setPreset] = useState<ReviewPeriod['preset']>(initial?.reviewPeriod?.preset ?? 'last-12-months');
  const [from, setFrom] = useState(initial?.reviewPeriod?.from ?? '');
  const [to, setTo] = useState(initial?.reviewPeriod?.to ?? '');
  const [target, setTarget] = useState(String(initial?.coverageTarget ?? DEFAULT_TARGET_PER_HALF));
  const period: ReviewPeriod =
    preset === 'custom' ? { preset, ...(from ? { from } : {}), ...(to ? { to } : {}) } : { preset };
  const resolved = resolvePeriod(period, today);

  async function save(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    const n = Number(target);
    if (!Number.isInteger(n) || n < 1 || n > 50) {
      setMessage('The target is a whole number from 1 to 50.');
      return;
    }
    try {
      await saveSettings({ reviewPeriod: period, coverageTarget: n });
      setMessage('Saved');
    } catch (err) {
      setMessage(errorMessage(err));
    }
  }

  return (
    <form className="card" onSubmit={(e) => void save(e)} aria-labelledby="period-title" data-testid="period-settings">
      <h2 className="card-title" id="period-title">
        Review period
      </h2>
      <p className="muted small">
        The case view, its coverage and its calibration answers count the evidence from this period. Synced.
      </p>
      <div className="row">
        <label className="field grow">
          <span className="label">Period</span>
          <select
            className="input"
            value={preset}
            data-testid="period-preset"
            onChange={(e) => setPreset(e.target.value as ReviewPeriod['preset'])}
          >
            {PERIOD_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="label">Target a half</span>
          <input
            className="input narrow"
            type="number"
            min={1}
            max={50}
            value={target}
            data-testid="period-target"
            onChange={(e) => setTarget(e.target.value)}
          />
        </label>
      </div>
      {preset === 'custom' && (
        <div className="row">
          <label className="field">
            <span className="label">From</span>
            <input className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="field">
            <span className="label">To</span>
            <input className="input" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
        </div>
      )}
      <p className="hint" data-testid="period-resolved">
        {formatDay(resolved.from, today)} to {formatDay(resolved.to, today)}: items per competency are measured against{' '}
        {target || DEFAULT_TARGET_PER_HALF} a half.
      </p>
      <div className="actions">
        <button type="submit" className="button secondary" data-testid="period-save">
          Save period
        </button>
        {message && (
          <span className="saved" role="status">
            {message}
          </span>
        )}
      </div>
    </form>
  );
}
