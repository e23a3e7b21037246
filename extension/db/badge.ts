/**
 * Moved to extension/background/badge.ts (the badge is not database code),
 * and its local-day code to shared/timezone.ts. Kept as a re-export for importers
 * outside that change; new code imports from those two modules.
 */
export { DIGEST_SCHEDULE_KEY, DigestSchedule, defaultSchedule, shouldNudge } from '../background/badge';
export { localDay } from '../../shared/timezone';
