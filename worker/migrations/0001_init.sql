-- Casebook initial schema. Never edit once landed: add 0002_... instead.
-- Times are ISO 8601 UTC strings (sortable); booleans are 0/1 integers.
-- Secrets (sign-in codes, bearer tokens, share and digest tokens) are stored
-- only as SHA-256 hex digests.

-- One account per e-mail address, with its server-side settings and the
-- per-user sync revision counter (the highest rev stamped on its records).
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL DEFAULT '',
  timezone TEXT NOT NULL DEFAULT 'UTC',
  digest_day INTEGER NOT NULL DEFAULT 5 CHECK (digest_day BETWEEN 0 AND 6),
  digest_hour INTEGER NOT NULL DEFAULT 16 CHECK (digest_hour BETWEEN 0 AND 23),
  digest_enabled INTEGER NOT NULL DEFAULT 1 CHECK (digest_enabled IN (0, 1)),
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX users_digest_enabled ON users (digest_enabled, id);

-- A signed-in browser: bearer token (hash only), push cursor, revocation.
CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  last_seq INTEGER NOT NULL DEFAULT 0,
  revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
  created_at TEXT NOT NULL,
  last_seen_at TEXT
);
CREATE INDEX devices_user ON devices (user_id);

-- E-mailed one-time sign-in codes: 8 digits, 15 minutes, single use, 5 attempts.
CREATE TABLE auth_codes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1)),
  created_at TEXT NOT NULL
);
CREATE INDEX auth_codes_email ON auth_codes (email, created_at);

-- Synced records (evidence, weeklyLogs, goals, settings), last writer wins by
-- (hlc, device_id); rev orders changes for pull; data is NULL for tombstones.
CREATE TABLE records (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  device_id TEXT NOT NULL,
  rev INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  data TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (user_id, collection, id)
) WITHOUT ROWID;
CREATE INDEX records_user_rev ON records (user_id, rev);

-- Read-only capability links to a scoped case.
CREATE TABLE shares (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  scope TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  view_count INTEGER NOT NULL DEFAULT 0,
  last_viewed_at TEXT
);
CREATE INDEX shares_user ON shares (user_id, created_at);

-- Weekly digests: one row per (user, ISO week), claimed before sending so a
-- redelivered queue message never sends twice. claim_id/claimed_at mark an
-- in-flight send; sent_at marks a finished one.
CREATE TABLE digests (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  iso_week TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  html TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL DEFAULT '',
  view_token_hash TEXT UNIQUE,
  unsubscribe_token_hash TEXT UNIQUE,
  claim_id TEXT,
  claimed_at TEXT,
  mail_id TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  UNIQUE (user_id, iso_week)
);

-- Development mailer: every "sent" e-mail, listed at /dev/outbox.
CREATE TABLE dev_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  to_addr TEXT NOT NULL,
  from_addr TEXT NOT NULL,
  subject TEXT NOT NULL,
  text TEXT NOT NULL,
  html TEXT NOT NULL,
  headers TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL
);
