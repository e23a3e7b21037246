/**
 * The scalar schemas every other schema builds on: dates, times, ULIDs, hybrid
 * logical clocks and competency ids (docs/DESIGN.md "Data model"). Re-exported
 * by ./schemas, which most code imports.
 */
import * as z from 'zod/mini';

// zod/mini (the functional API, a smaller bundle for the side panel; docs/DESIGN.md
// "Bundles") loads no locale by itself: English, as classic zod has by default, so every
// error message and issue the API answers and the panel shows reads as before.
z.config(z.locales.en());

/** `YYYY-MM-DD` calendar date (the day the work happened). */
export const IsoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'));
/** ISO 8601 UTC timestamp, e.g. `2026-11-20T09:15:02.114Z`. */
export const IsoDateTime = z.iso.datetime({ offset: false });
/** ULID: 26 Crockford base32 characters, made on the client. */
export const Ulid = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'expected a ULID'));
/**
 * Hybrid logical clock string: `<UTC ISO time with ms>-<4 hex counter>-<deviceId>`.
 * Lexicographic order of two strings is the order of the clocks.
 */
export const Hlc = z
  .string()
  .check(
    z.regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9a-f]{4}-[0-9A-Za-z]{1,64}$/,
      'expected a hybrid logical clock string',
    ),
    z.refine(isRealHlcTime, 'the clock holds an impossible time'),
  );

/**
 * True when the time part of an HLC-shaped string is a real instant: it
 * round-trips through `new Date(t).toISOString()` (so `9999-99-99T99:99:99.999Z`
 * or `2026-02-30T...` is refused).
 */
export function isRealHlcTime(hlc: string): boolean {
  const time = hlc.slice(0, 24);
  const ms = Date.parse(time);
  return Number.isFinite(ms) && new Date(ms).toISOString() === time;
}

/** Competency id: lower-case kebab, e.g. `technical-leadership`. */
export const CompetencyId = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected a competency id like technical-leadership'));

/**
 * The most characters (or items) a schema accepts, read from its `maxLength` checks (the
 * smallest), looking through `optional`/`nullable` wrappers; `undefined` when unbounded. For forms
 * whose `maxLength` must follow the schema, e.g. `maxLengthOf(Evidence.shape.claim)` is 5000.
 * (Classic zod's `.maxLength` getter does not exist on `zod/mini` schemas.)
 */
export function maxLengthOf(schema: z.core.$ZodType): number | undefined {
  let s: z.core.$ZodType = schema;
  while (s._zod.def.type === 'optional' || s._zod.def.type === 'nullable')
    s = (s._zod.def as z.core.$ZodOptionalDef).innerType;
  let max: number | undefined;
  for (const check of s._zod.def.checks ?? []) {
    const def = check._zod.def as { check: string; maximum?: number };
    if (def.check === 'max_length' && typeof def.maximum === 'number') max = Math.min(max ?? Infinity, def.maximum);
  }
  return max;
}
