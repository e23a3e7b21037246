/**
 * The panel forms' input limits, read from the zod schemas in shared/schemas.ts
 * (docs/DESIGN.md "Data model"), so a `maxLength` in a form can never drift
 * from what the write module accepts. String and list limits are the schemas'
 * `maxLength` checks (`maxLengthOf`, shared/primitives.ts: the schemas are on `zod/mini`).
 */
import { Evidence, Metric, Story, WeeklyLog, maxLengthOf as maxChars } from '../../../shared/schemas';

/** An array schema's maximum number of items (`undefined` when unbounded). */
const maxItems = maxChars;

const E = Evidence.shape;

/** Limits of one evidence item's fields (characters; `tags`/`people` also a count). */
export const EVIDENCE_LIMITS = {
  title: maxChars(E.title),
  claim: maxChars(E.claim),
  impact: maxChars(E.impact),
  privateNote: maxChars(E.privateNote),
  tag: maxChars(E.tags._zod.def.element),
  tags: maxItems(E.tags),
  person: maxChars(E.people._zod.def.element),
  people: maxItems(E.people),
  metricLabel: maxChars(Metric.shape.label),
  metricUnit: maxChars(Metric.shape.unit),
} as const;

/** Limits of a story's fields (characters). */
export const STORY_LIMITS = {
  title: maxChars(Story.shape.title),
  problem: maxChars(Story.shape.problem),
  approach: maxChars(Story.shape.approach),
  outcome: maxChars(Story.shape.outcome),
  privateNote: maxChars(Story.shape.privateNote),
} as const;

/** Limits of a weekly log's four answers (characters). */
export const WEEKLY_LOG_LIMITS = {
  shipped: maxChars(WeeklyLog.shape.shipped),
  decisions: maxChars(WeeklyLog.shape.decisions),
  helped: maxChars(WeeklyLog.shape.helped),
  impact: maxChars(WeeklyLog.shape.impact),
} as const;
