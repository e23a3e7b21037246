/**
 * Settings → Review period (shared/period.ts): the preset or fixed dates the
 * case view, its coverage and its calibration answers are scoped to, and the
 * coverage target per competency (items a half). Stored in the synced
 * `settings` record. Mounted in AccountTab.tsx `CommonSettings`.
 */
import { useState } from 'react';
import type { ReviewPeriod } from '../../../shared/schemas';
import { DEFAULT_TARGET_PER_HALF, PERIOD_PRESETS, resolvePeriod } from '../../../shared/period';
import { formatDay } from '../../../shared/case';
import { saveSettings } from '../../db/write';
import { localToday } from '../format';
import { Field } from '../form/Field';
import { SettingsForm, SyncedSettings, type SyncedFormProps } from './SettingsForm';

/** The review period and coverage target settings card. */
export function ReviewPeriodSettings() {
  return <SyncedSettings form={PeriodForm} />;
}

/** The period presets as `<option>`s; `keep(id)` filters them (default: all). */
export function PeriodOptions({ keep = () => true }: { keep?: (id: ReviewPeriod['preset']) => boolean }) {
  return PERIOD_PRESETS.filter((p) => keep(p.id)).map((p) => (
    <option key={p.id} value={p.id}>
      {p.label}
    </option>
  ));
}

function PeriodForm({ initial, status }: SyncedFormProps) {
  const today = localToday();
  const [preset, setPreset] = useState<ReviewPeriod['preset']>(initial?.reviewPeriod?.preset ?? 'last-12-months');
  const [from, setFrom] = useState(initial?.reviewPeriod?.from ?? '');
  const [to, setTo] = useState(initial?.reviewPeriod?.to ?? '');
  const [target, setTarget] = useState(String(initial?.coverageTarget ?? DEFAULT_TARGET_PER_HALF));
  const period: ReviewPeriod =
    preset === 'custom' ? { preset, ...(from ? { from } : {}), ...(to ? { to } : {}) } : { preset };
  const resolved = resolvePeriod(period, today);

  function save() {
    const n = Number(target);
    if (!Number.isInteger(n) || n < 1 || n > 50) {
      status.setMessage('The target is a whole number from 1 to 50.');
      return;
    }
    void status.save(() => saveSettings({ reviewPeriod: period, coverageTarget: n }));
  }

  return (
    <SettingsForm
      titleId="period-title"
      title="Review period"
      intro="The case view, its coverage and its calibration answers count the evidence from this period. Synced."
      testId="period-settings"
      saveLabel="Save period"
      saveTestId="period-save"
      message={status.message}
      onSave={save}
    >
      <div className="row">
        <Field label="Period" className="grow">
          <select
            className="input"
            value={preset}
            data-testid="period-preset"
            onChange={(e) => setPreset(e.target.value as ReviewPeriod['preset'])}
          >
            <PeriodOptions />
          </select>
        </Field>
        <Field label="Target a half">
          <input
            className="input narrow"
            type="number"
            min={1}
            max={50}
            value={target}
            data-testid="period-target"
            onChange={(e) => setTarget(e.target.value)}
          />
        </Field>
      </div>
      {preset === 'custom' && (
        <div className="row">
          <Field label="From">
            <input className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </Field>
          <Field label="To">
            <input className="input" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </Field>
        </div>
      )}
      <p className="hint" data-testid="period-resolved">
        {formatDay(resolved.from, today)} to {formatDay(resolved.to, today)}: items per competency are measured against{' '}
        {target || DEFAULT_TARGET_PER_HALF} a half.
      </p>
    </SettingsForm>
  );
}
