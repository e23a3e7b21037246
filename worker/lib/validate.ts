/**
 * `@hono/zod-validator` with the API's error shape: a failed parse becomes
 * 400 `validation_failed` carrying zod's issues.
 */
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type * as z from 'zod/mini';
import { ApiFailure } from './errors';

/**
 * Validator middleware for `target` (`json`, `query`, `param`...) with
 * `schema`; the handler reads the parsed value with `c.req.valid(target)`.
 * @throws ApiFailure 400 `validation_failed` with `issues` when parsing fails.
 */
export function validate<T extends z.core.$ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      throw new ApiFailure(400, 'validation_failed', `The request ${target} is not valid.`, {
        issues: result.error.issues,
      });
    }
  });
}
