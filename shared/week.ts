/**
 * ISO week helpers: moved to shared/dates.ts, the one home for dates. Kept as
 * a re-export for importers outside that change (the Week tab, the digest
 * renderer, tests); new code imports from ./dates.
 */
export { backfilledInWeek, evidenceOfWeek, isoWeekOf, isoWeekRange, quarterOf } from './dates';
