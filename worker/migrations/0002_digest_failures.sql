-- Digest delivery failures. A failed send keeps its (user, week) row, unclaimed,
-- so the hourly cron does not enqueue it again while the queue retries it with
-- backoff; attempts and the last error are kept for people to see. When the
-- queue gives up, the dead-letter consumer stamps dead_at (shown at
-- /dev/dead-letters in development and /admin/dead-letters with ADMIN_TOKEN).
ALTER TABLE digests ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE digests ADD COLUMN last_error TEXT;
ALTER TABLE digests ADD COLUMN failed_at TEXT;
ALTER TABLE digests ADD COLUMN dead_at TEXT;
CREATE INDEX digests_dead ON digests (dead_at) WHERE dead_at IS NOT NULL;
