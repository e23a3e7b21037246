/**
 * The panel forms' input limits, read from the zod schemas in shared/schemas.ts
 * (docs/DESIGN.md "Data model"), so a `maxLength` in a form can never drift
 * from what the write module accepts. String limits are zod's own `maxLength`;
 * list limits (most tags, people) come from the schema's JSON Schema `maxItems`.
 */
import { z } from 'zod';
import { Evidence, Metric, Story, WeeklyLog } from '../../../shared/schemas';

/** A string schema's maximum length in characters, as React's `maxLength` wants it (`undefined` when unbounded). */
function maxChars(schema: { maxLength: number | null }): number | undefined {
  return schema.maxLength ?? undefined;
}

/** An array schema's maximum number of items (`undefined` when unbounded). */
function maxItems(schema: z.ZodType): number | undefined {
  const json = z.toJSONSchema(schema) as { maxItems?: number };
  return json.maxItems;
}

const E = Evidence.shape;

/** Limits of one evidence item's fields (characters; `tags`/`people` also a count). */
export const EVIDENCE_LIMITS = {
  title: maxChars(E.title),
  claim: maxChars(E.claim),
  impact: maxChars(E.impact),
  privateNote: maxChars(E.privateNote),
  tag: maxChars(E.tags.element),
  tags: maxItems(E.tags),
  person: maxChars(E.people.element),
  people: maxItems(E.people),
  metricLabel: maxChars(Metric.shape.label),
  metricUnit: maxChars(Metric.shape.unit.unwrap()),
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
