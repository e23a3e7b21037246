-- Peer testimonials (docs/DESIGN.md "Peer testimonials"). Numbered 0005 so it
-- never collides with 0003_hardening (0004 is left free).
-- A request is a capability link sent to one colleague about 1 to 20 evidence
-- items: only the SHA-256 hex of its token is stored. The colleague's e-mail
-- address is used once to send the request and never stored (emailed_at only
-- records that a mail went out, for the 20-a-day cap).
CREATE TABLE testimonial_requests (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  peer_name TEXT NOT NULL,
  evidence_ids TEXT NOT NULL,
  question TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  emailed_at TEXT
);
CREATE INDEX testimonial_requests_user ON testimonial_requests (user_id, created_at);
CREATE INDEX testimonial_requests_emailed ON testimonial_requests (user_id, emailed_at) WHERE emailed_at IS NOT NULL;

-- One testimonial per request (a second submission through the same link
-- updates it until the link expires). competencies is a JSON array of ids.
CREATE TABLE testimonials (
  id TEXT PRIMARY KEY,
  request_id TEXT NOT NULL UNIQUE REFERENCES testimonial_requests (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  relationship TEXT NOT NULL,
  text TEXT NOT NULL,
  competencies TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1))
);
CREATE INDEX testimonials_user ON testimonials (user_id, created_at);
