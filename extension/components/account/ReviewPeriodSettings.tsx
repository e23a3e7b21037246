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
import { SelectField, type Choice } from '../form/SelectField';
import { TextField } from '../form/TextField';
import { SettingsForm, SyncedSettings, type SyncedFormProps } from './SettingsForm';
import { DateRange } from '../form/DateRange';

/** The review period and coverage target settings card. */
export function ReviewPeriodSettings() {
  return <SyncedSettings form={PeriodForm} />;
}

/** The review period presets as choices (label shown, preset id stored). */
export const PERIOD_CHOICES: readonly Choice<ReviewPeriod['preset']>[] = PERIOD_PRESETS.map((p) => ({
  value: p.id,
  label: p.label,
}));

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
        <SelectField
          label="Period"
          fieldClassName="grow"
          value={preset}
          options={PERIOD_CHOICES}
          testId="period-preset"
          onChange={setPreset}
        />
        <TextField
          label="Target a half"
          inputClassName="input narrow"
          type="number"
          min={1}
          max={50}
          value={target}
          testId="period-target"
          onChange={setTarget}
        />
      </div>
      {preset === 'custom' && <DateRange from={from} to={to} onFrom={setFrom} onTo={setTo} bounded={false} />}
      <p className="hint" data-testid="period-resolved">
        {formatDay(resolved.from, today)} to {formatDay(resolved.to, today)}: items per competency are measured against{' '}
        {target || DEFAULT_TARGET_PER_HALF} a half.
      </p>
    </SettingsForm>
  );
}
