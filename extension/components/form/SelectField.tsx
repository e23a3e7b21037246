/**
 * Choices from a fixed list: {@link Options} renders `<option>`s from
 * `{ value, label }` pairs, and {@link SelectField} is a labelled `<select>`
 * whose `onChange` receives the chosen option's typed value (looked up in
 * `options`, so no cast or parse is needed at the call site).
 */
import type { ReactNode } from 'react';
import { Field } from './Field';

/** One choice: `value` is what the form stores, `label` what the user reads. */
export interface Choice<V extends string | number> {
  value: V;
  label: string;
}

/** The `<option>`s of `options`, in order. */
export function Options<V extends string | number>({ options }: { options: readonly Choice<V>[] }) {
  return options.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));
}

/** The option of `options` whose value reads as `text` (a `<select>`'s value), or `undefined`. */
export function findChoice<V extends string | number>(options: readonly Choice<V>[], text: string): V | undefined {
  return options.find((o) => String(o.value) === text)?.value;
}

/** Props of {@link SelectField}. */
export interface SelectFieldProps<V extends string | number> {
  label: ReactNode;
  value: V;
  options: readonly Choice<V>[];
  /** Receives the chosen option's value. */
  onChange: (value: V) => void;
  /** `data-testid` of the select. */
  testId?: string;
  disabled?: boolean;
  /** Extra classes of the label (after `field`), e.g. `grow`. */
  fieldClassName?: string;
}

/** `<label class="field"><span class="label">label</span><select class="input">options</select></label>`. */
export function SelectField<V extends string | number>({
  label,
  value,
  options,
  onChange,
  testId,
  disabled,
  fieldClassName,
}: SelectFieldProps<V>) {
  return (
    <Field label={label} className={fieldClassName}>
      <select
        className="input"
        data-testid={testId}
        value={value}
        disabled={disabled}
        onChange={(e) => {
          const next = findChoice(options, e.target.value);
          if (next !== undefined) onChange(next);
        }}
      >
        <Options options={options} />
      </select>
    </Field>
  );
}
