/**
 * Casebook's data model as zod schemas: the single source of truth for the
 * extension, the worker and every import/export path. See ../docs and the
 * design document for the vocabulary (evidence, claim, impact, competency...).
 */
import * as z from 'zod/mini';

import { CompetencyId, Hlc, IsoDate, IsoDateTime, Ulid } from './primitives';

export * from './primitives';
export * from './api-schemas';
export * from './meta-schemas';
import { Meta } from './meta-schemas';
/** Where a piece of evidence came from. */
export const Source = z.enum(['github-pr', 'jira', 'confluence', 'google-docs', 'notion', 'web', 'manual']);
export type Source = z.infer<typeof Source>;
/** What kind of work the evidence is. */
export const Kind = z.enum([
  'pull-request',
  'code-review',
  'design-doc',
  'ticket',
  'incident',
  'mentoring',
  'talk',
  'other',
]);
export type Kind = z.infer<typeof Kind>;
/** The user's role in the work. */
export const Role = z.enum([
  'author',
  'reviewer',
  'approver',
  'owner',
  'assignee',
  'reporter',
  'contributor',
  'mentor',
]);
export type Role = z.infer<typeof Role>;

/** One number about the work, e.g. `{ label: 'Lines changed', value: 183 }`; `unit` e.g. `ms`, `%`. */
export const Metric = z.object({
  label: z.string().check(z.minLength(1), z.maxLength(80)),
  value: z.number(),
  unit: z.optional(z.string().check(z.maxLength(20))),
});
export type Metric = z.infer<typeof Metric>;

/** One dimension of a rubric, with its observable signals (the checklist). */
export const Competency = z.object({
  id: CompetencyId,
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  description: z.string().check(z.maxLength(1000)),
  signals: z.array(z.string().check(z.minLength(1), z.maxLength(500))).check(z.maxLength(30)),
  /** Ids of the default rubric's competencies this one corresponds to (company presets, imported ladders). */
  mapsTo: z.optional(z.array(CompetencyId).check(z.maxLength(20))),
});
export type Competency = z.infer<typeof Competency>;

/** A named ladder step (e.g. "Senior software engineer") with its competencies. */
export const Rubric = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  competencies: z.array(Competency).check(z.minLength(1), z.maxLength(50)),
});
export type Rubric = z.infer<typeof Rubric>;

/** An http(s) origin such as `https://jira.example.com` (no path). */
export const HttpOrigin = z
  .string()
  .check(z.regex(/^https?:\/\/[^/\s?#]+$/, 'expected an origin like https://jira.example.com'));

/** Canonical URL: http(s) only (its length is bounded by the 512 KiB record limit, not here: a URL cannot be truncated). */
export const HttpUrl = z.url({ protocol: /^https?$/ });

/** A string of at most `max` characters (claim, impact, notes, names). */
function text(max: number) {
  return z.string().check(z.maxLength(max));
}
/** A one-line title: 1 to 500 characters. */
const Title = z.string().check(z.minLength(1), z.maxLength(500));
/** When the record was deleted (a tombstone), or null. */
const DeletedAt = z.nullable(IsoDateTime);

/**
 * One clipped item of evidence. `privateNote` never leaves the user's own
 * devices and server account (never in a share page or a digest sent to others).
 */
export const Evidence = z.object({
  id: Ulid,
  source: Source,
  kind: Kind,
  role: Role,
  url: z.union([HttpUrl, z.literal('')]),
  title: Title,
  occurredOn: IsoDate,
  capturedAt: IsoDateTime,
  claim: text(5000),
  impact: text(5000),
  metrics: z.array(Metric).check(z.maxLength(50)),
  competencies: z.array(CompetencyId).check(z.maxLength(50)),
  tags: z.array(z.string().check(z.minLength(1), z.maxLength(60))).check(z.maxLength(50)),
  people: z.array(z.string().check(z.minLength(1), z.maxLength(120))).check(z.maxLength(50)),
  meta: Meta,
  privateNote: text(10000),
  /** Outcome follow-up state (docs/DESIGN.md "Outcome follow-ups"): snoozed until a date, or dismissed. */
  followUp: z.optional(z.partial(z.object({ snoozedUntil: IsoDate, dismissedAt: IsoDateTime }))),
  updatedAt: Hlc,
  deletedAt: DeletedAt,
});
export type Evidence = z.infer<typeof Evidence>;

/** What an extractor produces from a page, before the user adds claim and impact. */
export const CaptureDraft = z.object({
  source: Source,
  kind: Kind,
  url: HttpUrl,
  title: Title,
  occurredOn: z.optional(IsoDate),
  role: z.optional(Role),
  suggestedCompetencies: z.array(CompetencyId),
  metrics: z.array(Metric),
  meta: Meta,
  /** Why a site extractor fell back to the generic capture, if it did. */
  fallbackReason: z.optional(text(500)),
});
export type CaptureDraft = z.infer<typeof CaptureDraft>;

/** ISO week id, e.g. `2026-W47`. */
export const IsoWeek = z
  .string()
  .check(z.regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'expected an ISO week like 2026-W47'));

/** One weekly log entry: the four prompts for an ISO week. */
export const WeeklyLog = z.object({
  id: Ulid,
  week: IsoWeek,
  shipped: text(10000),
  decisions: text(10000),
  helped: text(10000),
  impact: text(10000),
  updatedAt: Hlc,
  deletedAt: DeletedAt,
});
export type WeeklyLog = z.infer<typeof WeeklyLog>;

/** A goal agreed with the manager. */
export const Goal = z.object({
  id: Ulid,
  competency: CompetencyId,
  description: z.string().check(z.minLength(1), z.maxLength(2000)),
  dueOn: z.nullable(IsoDate),
  status: z.enum(['open', 'in-progress', 'done', 'dropped']),
  updatedAt: Hlc,
  deletedAt: DeletedAt,
});
export type Goal = z.infer<typeof Goal>;

/**
 * The review period a case is argued for: a preset relative to today, or fixed
 * dates (`custom`, `from` and `to` inclusive). See shared/period.ts.
 */
export const ReviewPeriod = z.object({
  preset: z.enum(['last-12-months', 'this-half', 'last-half', 'this-quarter', 'last-quarter', 'custom']),
  from: z.optional(IsoDate),
  to: z.optional(IsoDate),
});
export type ReviewPeriod = z.infer<typeof ReviewPeriod>;

/** User settings synced across devices (one record, id `settings`). */
export const UserSettingsRecord = z.object({
  id: z.literal('settings'),
  githubLogin: text(100),
  atlassianName: text(200),
  rubricId: text(100),
  /** Ladders the user imported (JSON or CSV); selectable by id like the built-in ones. */
  customRubrics: z.optional(z.array(Rubric).check(z.maxLength(20))),
  /** Self-hosted GitHub Enterprise, Jira or Confluence origins the user allowed. */
  selfHostedOrigins: z.optional(z.array(HttpOrigin).check(z.maxLength(50))),
  /** The review period the case view is scoped to (shared/period.ts); absent: the last 12 months. */
  reviewPeriod: z.optional(ReviewPeriod),
  /** The owner's name on share pages and the packet (never derived from the e-mail). */
  displayName: z.optional(text(100)),
  /** Coverage target: items per competency per half (default 3; shared/period.ts). */
  coverageTarget: z.optional(z.int().check(z.gte(1), z.lte(50))),
  updatedAt: Hlc,
  deletedAt: DeletedAt,
});
export type UserSettingsRecord = z.infer<typeof UserSettingsRecord>;

/**
 * A history-import candidate the user dismissed (docs/DESIGN.md "History import
 * and the inbox"): its canonical `url` is remembered and synced so that no
 * device imports it again. `dismissedAt` is an ISO time; id is a ULID.
 */
export const Dismissal = z.object({
  id: Ulid,
  url: HttpUrl.check(z.maxLength(2048)),
  dismissedAt: IsoDateTime,
  updatedAt: Hlc,
  deletedAt: DeletedAt,
});
export type Dismissal = z.infer<typeof Dismissal>;

/** Why a story is senior-sized (docs/DESIGN.md "Stories"). */
export const StoryScope = z.enum(['cross-team', 'ambiguous', 'architecture', 'incident', 'mentoring', 'org-wide']);
export type StoryScope = z.infer<typeof StoryScope>;

/** Most evidence items one story links. */
export const MAX_STORY_EVIDENCE = 200;

/**
 * C0/C1 control characters and Unicode bidirectional overrides: never part of
 * a real one-line title, and a bidi override can make a title read as
 * something else on a share page or in a packet.
 */
// oxlint-disable-next-line no-control-regex
const HOSTILE_TITLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]/;

/**
 * Several pieces of evidence forming one piece of work (docs/DESIGN.md
 * "Stories"): `problem` (what was wrong, who noticed), `approach` (what the
 * engineer decided, drove or changed), `outcome` (what changed, with
 * numbers), `evidenceIds` (ULIDs of evidence, no duplicates; an id whose
 * evidence is deleted or unknown is kept and simply not shown), `scope`
 * signals (no duplicates). Same size limits as evidence; `privateNote` never
 * leaves the owner's devices and account. Logic lives in shared/story.ts.
 */
export const Story = z.object({
  id: Ulid,
  title: z.string().check(
    z.maxLength(500),
    z.refine((t) => t.trim().length > 0, 'a story needs a title'),
    z.refine(
      (t) => !HOSTILE_TITLE.test(t),
      'the title holds control or text-direction characters; type it as plain text',
    ),
  ),
  problem: text(5000),
  approach: text(5000),
  outcome: text(5000),
  evidenceIds: z.array(Ulid).check(
    z.maxLength(MAX_STORY_EVIDENCE),
    z.refine((ids) => new Set(ids).size === ids.length, 'an evidence item is linked twice'),
  ),
  scope: z.array(StoryScope).check(z.refine((s) => new Set(s).size === s.length, 'a scope signal is listed twice')),
  privateNote: text(10000),
  updatedAt: Hlc,
  deletedAt: DeletedAt,
});
export type Story = z.infer<typeof Story>;

// ---------------------------------------------------------------------------
// Sync protocol
// ---------------------------------------------------------------------------

/** Synced collections and the schema of their records. */
export const Collection = z.enum(['evidence', 'weeklyLogs', 'goals', 'settings', 'dismissals', 'stories']);
export type Collection = z.infer<typeof Collection>;
export const collectionSchemas = {
  evidence: Evidence,
  weeklyLogs: WeeklyLog,
  goals: Goal,
  settings: UserSettingsRecord,
  dismissals: Dismissal,
  stories: Story,
} as const;

/** A synced record's id in the sync protocol (1 to 64 characters). */
const RecordId = z.string().check(z.minLength(1), z.maxLength(64));
/** A cursor or a count in the sync protocol: a whole number, 0 or more. */
const Count = z.int().check(z.nonnegative());

/** Maximum changes in one push request. */
export const MAX_PUSH_CHANGES = 500;

/**
 * Deepest nesting of arrays and objects a synced record may have. The server
 * stores records through SQLite's JSON functions, which refuse documents deeper
 * than 1,000 levels; real records are a few levels deep.
 */
export const MAX_RECORD_DEPTH = 64;

/**
 * Nesting depth of a JSON-like value: 0 for a primitive, 1 for `{}` or `[]`,
 * one more per level inside. Iterative, so a hostile value cannot overflow the stack.
 */
export function jsonDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const inner = depth + 1;
    if (inner > max) max = inner;
    for (const child of Object.values(v)) stack.push([child, inner]);
  }
  return max;
}

/** One change a device pushes. `data` is required for `upsert`, absent for `delete`. */
export const PushChange = z
  .object({
    seq: z.int().check(z.positive()),
    collection: Collection,
    id: RecordId,
    op: z.enum(['upsert', 'delete']),
    hlc: Hlc,
    data: z.optional(z.record(z.string(), z.unknown())),
  })
  .check(
    z.superRefine((c, ctx) => {
      if (c.op === 'upsert') {
        if (!c.data) {
          ctx.addIssue({ code: 'custom', message: 'upsert needs data', path: ['data'] });
          return;
        }
        if (jsonDepth(c.data) > MAX_RECORD_DEPTH) {
          ctx.addIssue({ code: 'custom', message: `nested deeper than ${MAX_RECORD_DEPTH} levels`, path: ['data'] });
          return;
        }
        const parsed = collectionSchemas[c.collection].safeParse(c.data);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: ['data', ...issue.path] } as never);
        } else if ((parsed.data as { id: string }).id !== c.id) {
          ctx.addIssue({ code: 'custom', message: 'data.id must equal id', path: ['data', 'id'] });
        }
      }
    }),
  );
export type PushChange = z.infer<typeof PushChange>;

/** `POST /api/v1/sync/push` body. */
export const PushRequest = z.object({
  changes: z.array(PushChange).check(z.maxLength(MAX_PUSH_CHANGES)),
});
export type PushRequest = z.infer<typeof PushRequest>;

/** `POST /api/v1/sync/push` answer. */
export const PushResponse = z.object({ lastSeq: Count, rev: Count, applied: Count, ignored: Count });
export type PushResponse = z.infer<typeof PushResponse>;

/** `GET /api/v1/sync/pull` query. */
export const PullQuery = z.object({
  since: z._default(z.coerce.number().check(z.int(), z.nonnegative()), 0),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(1000)), 500),
});

/** One change the server sends back; `data` is null for a tombstone. */
export const PullChange = z.object({
  collection: Collection,
  id: RecordId,
  rev: z.int().check(z.positive()),
  hlc: Hlc,
  deleted: z.boolean(),
  data: z.nullable(z.record(z.string(), z.unknown())),
});
export type PullChange = z.infer<typeof PullChange>;

/** `GET /api/v1/sync/pull` answer. */
export const PullResponse = z.object({
  changes: z.array(PullChange),
  rev: Count,
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;
