-- Hardening (issue 16): per-account storage counters, D1 token buckets for
-- the push rate limit and sign-in back-off, and the requester of each
-- sign-in code (so caps count per address AND requesting IP).

-- Live records and their bytes (UTF-8 of the stored JSON), kept up to date by
-- the sync push in the same D1 batch as the records it writes
-- (worker/db/records.ts). Tombstones count for neither.
ALTER TABLE users ADD COLUMN usage_records INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN usage_bytes INTEGER NOT NULL DEFAULT 0;
UPDATE users SET
  usage_records = (SELECT count(*) FROM records r WHERE r.user_id = users.id AND r.deleted = 0),
  usage_bytes = (SELECT coalesce(sum(length(CAST(r.data AS BLOB))), 0) FROM records r WHERE r.user_id = users.id AND r.deleted = 0);

-- Token buckets (worker/db/buckets.ts): `tokens` left at `updated_ms` (epoch
-- ms). A row untouched for a day is full again; the cron deletes it.
CREATE TABLE rate_buckets (
  key TEXT PRIMARY KEY,
  tokens REAL NOT NULL,
  updated_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX rate_buckets_updated ON rate_buckets (updated_ms);

-- Who asked for a sign-in code: `ip:<IPv4>` or `ip6:<first 64 bits>`, or '-'
-- when the request carried no client IP (never the case behind Cloudflare).
ALTER TABLE auth_codes ADD COLUMN requester TEXT NOT NULL DEFAULT '-';
CREATE INDEX auth_codes_requester ON auth_codes (email, requester, created_at);
CREATE INDEX auth_codes_expires ON auth_codes (expires_at);

-- The cron deletes digests older than 400 days (worker/maintenance.ts).
CREATE INDEX digests_created ON digests (created_at);
