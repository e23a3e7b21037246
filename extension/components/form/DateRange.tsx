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
  const label = (text: string) => (optional ? <Optional>{text}</Optional> : text);
  return (
    <div className="row">
      <TextField
        label={label('From')}
        type="date"
        testId={testIds?.[0]}
        value={from}
        max={bounded ? to || undefined : undefined}
        disabled={disabled}
        onChange={onFrom}
      />
      <TextField
        label={label('To')}
        type="date"
        testId={testIds?.[1]}
        value={to}
        min={bounded ? from || undefined : undefined}
        max={latest}
        disabled={disabled}
        onChange={onTo}
      />
    </div>
  );
}
