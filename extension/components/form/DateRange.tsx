/**
 * "From" and "To" date fields side by side (`YYYY-MM-DD` strings, empty when
 * unset), for a share link's period, the history import and a custom review
 * period. When `bounded` (the default), each field limits the other so the
 * browser's date picker cannot choose an end before the start.
 */
import { Optional } from './Field';
import { TextField } from './TextField';

/** Props of {@link DateRange}. */
export interface DateRangeProps {
  from: string;
  to: string;
  onFrom: (from: string) => void;
  onTo: (to: string) => void;
  /** `data-testid`s of the two inputs. */
  testIds?: readonly [string, string];
  /** The latest day "To" may take (e.g. today). */
  latest?: string;
  disabled?: boolean;
  /** Labels read "From (optional)" and "To (optional)". */
  optional?: boolean;
  /** Limit "From" to at most "To" and "To" to at least "From"; default true. */
  bounded?: boolean;
}

/** `<div class="row">` with the From and To date fields. */
export function DateRange({
  from,
  to,
  onFrom,
  onTo,
  testIds,
  latest,
  disabled,
  optional = false,
  bounded = true,
}: DateRangeProps) {
  const ends = [
    { label: 'From', value: from, onChange: onFrom, min: undefined, max: bounded ? to || undefined : undefined },
    { label: 'To', value: to, onChange: onTo, min: bounded ? from || undefined : undefined, max: latest },
  ];
  return (
    <div className="row">
      {ends.map((end, i) => (
        <TextField
          key={end.label}
          label={optional ? <Optional>{end.label}</Optional> : end.label}
          type="date"
          testId={testIds?.[i]}
          value={end.value}
          min={end.min}
          max={end.max}
          disabled={disabled}
          onChange={end.onChange}
        />
      ))}
    </div>
  );
}
