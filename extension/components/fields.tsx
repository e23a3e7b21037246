/**
 * Small form controls shared by the capture form, the library's inline editor,
 * the weekly log and the case view: a chips input (tags, people), the
 * competency picker, a metrics editor, a select over one of the data model's
 * enums (kind, role, source) and the specificity coach's hints.
 * Every control has a visible or accessible label and works from the keyboard.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import type { Metric, Rubric } from '../../shared/schemas';
import type { CoachHint } from '../../shared/coach';
import { EVIDENCE_LIMITS } from './form/limits';

/**
 * A list of short strings edited as removable chips: type and press Enter (or a
 * comma) to add, Backspace in the empty box removes the last one.
 */
export function ChipsInput({
  label,
  values,
  onChange,
  placeholder,
  maxLength = EVIDENCE_LIMITS.tag,
  max = EVIDENCE_LIMITS.tags ?? Infinity,
  testId,
}: {
  label: string;
  values: readonly string[];
  onChange: (values: string[]) => void;
  placeholder?: string;
  /** Longest chip in characters (default: an evidence tag's limit). */
  maxLength?: number;
  /** Most chips (default: an evidence item's most tags). */
  max?: number;
  testId?: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState('');
  function add() {
    const v = draft.trim().replace(/,$/, '').trim();
    if (v && !values.includes(v) && values.length < max) onChange([...values, v.slice(0, maxLength)]);
    setDraft('');
  }
  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && draft === '' && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  }
  return (
    <div className="field">
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <div className="chips-input">
        {values.length > 0 && (
          <ul className="chips" aria-label={label}>
            {values.map((v) => (
              <li key={v} className="chip removable">
                {v}
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={`Remove ${v}`}
                  onClick={() => onChange(values.filter((x) => x !== v))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          id={id}
          className="input"
          value={draft}
          maxLength={maxLength}
          placeholder={placeholder}
          data-testid={testId}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKey}
          onBlur={add}
        />
      </div>
    </div>
  );
}

/** Checkboxes for the competencies of `rubric`; `testIdPrefix` + id names each box for tests. */
export function CompetencyPicker({
  rubric,
  value,
  onChange,
  suggested = [],
  testIdPrefix,
  legend = 'Competencies',
}: {
  rubric: Rubric;
  value: readonly string[];
  onChange: (ids: string[]) => void;
  suggested?: readonly string[];
  testIdPrefix?: string;
  legend?: string;
}) {
  return (
    <fieldset className="competencies">
      <legend className="label">{legend}</legend>
      <div className="competency-grid">
        {rubric.competencies.map((c) => (
          <label key={c.id} className="check" title={c.description}>
            <input
              type="checkbox"
              data-testid={testIdPrefix ? `${testIdPrefix}${c.id}` : undefined}
              checked={value.includes(c.id)}
              onChange={(e) => onChange(e.target.checked ? [...value, c.id] : value.filter((x) => x !== c.id))}
            />
            <span>
              {c.name}
              {suggested.includes(c.id) && (
                <span className="suggested" title="Suggested from the page">
                  suggested
                </span>
              )}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Rows of label / value / unit; empty labels are dropped by the caller before saving. */
export function MetricsEditor({ value, onChange }: { value: readonly Metric[]; onChange: (m: Metric[]) => void }) {
  const set = (i: number, patch: Partial<Metric>) => onChange(value.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <fieldset className="metrics-editor">
      <legend className="label">Metrics</legend>
      {value.map((m, i) => (
        <div className="metric-row" key={i}>
          <input
            className="input"
            aria-label={`Metric ${i + 1} label`}
            placeholder="Label"
            maxLength={EVIDENCE_LIMITS.metricLabel}
            value={m.label}
            onChange={(e) => set(i, { label: e.target.value })}
          />
          <input
            className="input metric-value"
            aria-label={`Metric ${i + 1} value`}
            type="number"
            step="any"
            value={Number.isFinite(m.value) ? m.value : ''}
            onChange={(e) => set(i, { value: e.target.value === '' ? Number.NaN : Number(e.target.value) })}
          />
          <input
            className="input metric-unit"
            aria-label={`Metric ${i + 1} unit`}
            placeholder="unit"
            maxLength={EVIDENCE_LIMITS.metricUnit}
            value={m.unit ?? ''}
            onChange={(e) => set(i, { unit: e.target.value || undefined })}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove metric ${i + 1}`}
            onClick={() => onChange(value.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="link-button"
        onClick={() => onChange([...value, { label: '', value: Number.NaN }])}
      >
        + Add metric
      </button>
    </fieldset>
  );
}

/** Metrics ready to store: rows with a label and a finite value, trimmed. */
export function cleanMetrics(value: readonly Metric[]): Metric[] {
  return value
    .filter((m) => m.label.trim() && Number.isFinite(m.value))
    .map((m) => ({ label: m.label.trim(), value: m.value, ...(m.unit?.trim() ? { unit: m.unit.trim() } : {}) }));
}

/**
 * The specificity coach's hints under a claim or impact box (never blocking):
 * each hint's message and its suggested pattern. `id` is referenced by the
 * box's `aria-describedby`; `fallback` is shown when there is no hint.
 */
export function CoachHints({ id, hints, fallback }: { id: string; hints: readonly CoachHint[]; fallback: string }) {
  if (hints.length === 0) {
    return (
      <span id={id} className="hint">
        {fallback}
      </span>
    );
  }
  return (
    <ul id={id} className="coach" aria-live="polite" data-testid="coach-hints">
      {hints.map((h, i) => (
        <li key={`${h.code}-${i}`} className="coach-hint" data-code={h.code}>
          <span className="coach-message">{h.message}</span>
          {h.suggestion && <span className="coach-suggestion">Try: {h.suggestion}</span>}
        </li>
      ))}
    </ul>
  );
}

/**
 * A labelled select over one of the data model's enums (kind, role, source), or
 * any fixed set of string options with their labels (the library's sort).
 * `anyLabel` adds a first option with the value `''` (filters: "Any").
 * `onChange` gets the raw option value; callers parse it with the enum's schema.
 */
export function EnumSelect<T extends string>({
  label,
  value,
  options,
  labels,
  onChange,
  anyLabel,
  testId,
  className = 'field',
  hideLabel = false,
}: {
  label: string;
  value: T | '';
  options: readonly T[];
  labels: Record<T, string>;
  onChange: (value: string) => void;
  anyLabel?: string;
  testId?: string;
  className?: string;
  /** Read the label out only (visually hidden). */
  hideLabel?: boolean;
}) {
  return (
    <label className={className}>
      <span className={hideLabel ? 'visually-hidden' : 'label'}>{label}</span>
      <select className="input" data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {labels[o]}
          </option>
        ))}
      </select>
    </label>
  );
}
