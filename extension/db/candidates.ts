/**
 * The history-import inbox (docs/DESIGN.md "History import and the inbox").
 *
 * Candidates found by `importHistory` wait in the local `candidates` table
 * (keyed by canonical URL, never synced) until the user accepts or dismisses
 * them. Accepting writes evidence and dismissing writes a `dismissals` record,
 * both through the write module's `stageLocalWrite` (record + outbox entry +
 * clock in the same Dexie transaction that removes the candidate), so they sync
 * like any other write. A candidate whose URL is already live evidence or is
 * dismissed (on any device: dismissals sync) is never stored nor listed.
 */
import { ulid } from 'ulid';
import { Candidate } from '../../shared/import';
import type { Dismissal, Evidence, Role } from '../../shared/schemas';
import { canonicalizeUrl } from '../../shared/url';
import { emitLocalWrite } from './events';
import { db as defaultDb, type CasebookDB, type StoredCandidate } from './index';
import { stageLocalWrite, type WriteDeps } from './write';

/** What `addCandidates` did with the importer's candidates. */
export interface AddCandidatesOutcome {
  /** New in the inbox. */
  added: number;
  /** Already waiting in the inbox (refreshed with the new copy, not counted as new). */
  waiting: number;
  /** Left out: already live evidence, or dismissed. */
  known: number;
  /** Left out: failed the `Candidate` schema (never stored). */
  skipped: number;
}

function deps(partial?: Partial<WriteDeps>): WriteDeps {
  return { db: defaultDb, now: () => Date.now(), ...partial };
}

/** URLs among `urls` that are live evidence or live dismissals (the inbox never shows those). */
async function knownUrls(db: CasebookDB, urls: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  if (urls.length === 0) return known;
  const [evidence, dismissals] = await Promise.all([
    db.evidence.where('url').anyOf(urls).toArray(),
    db.dismissals.where('url').anyOf(urls).toArray(),
  ]);
  for (const e of evidence) if (e.deletedAt === null) known.add(e.url);
  for (const d of dismissals) if (d.deletedAt === null) known.add(d.url);
  return known;
}

/**
 * Stores the candidates of one import run (`ImportResult.candidates`) in the
 * inbox, in one transaction. Each is parsed with the `Candidate` schema (a
 * failure is counted in `skipped`, never stored) and keyed by its canonical URL;
 * one already live evidence or dismissed is counted in `known` and left out.
 * A candidate already waiting is replaced by the fresher copy (counted in `waiting`).
 * @param runId the `importRuns` id that found them.
 */
export async function addCandidates(
  candidates: readonly unknown[],
  runId: string,
  partial?: Partial<WriteDeps>,
): Promise<AddCandidatesOutcome> {
  const d = deps(partial);
  const importedAt = new Date(d.now()).toISOString();
  const valid = new Map<string, StoredCandidate>();
  let skipped = 0;
  for (const raw of candidates) {
    const parsed = Candidate.safeParse(raw);
    if (!parsed.success) {
      skipped++;
      continue;
    }
    const url = canonicalizeUrl(parsed.data.url);
    valid.set(url, { ...parsed.data, url, importedAt, importRunId: runId });
  }
  return d.db.transaction('rw', [d.db.candidates, d.db.evidence, d.db.dismissals], async () => {
    const known = await knownUrls(d.db, [...valid.keys()]);
    const fresh = [...valid.values()].filter((c) => !known.has(c.url));
    const stored = await d.db.candidates.bulkGet(fresh.map((c) => c.url));
    const waiting = stored.filter(Boolean).length;
    await d.db.candidates.bulkPut(fresh);
    return { added: fresh.length - waiting, waiting, known: valid.size - fresh.length, skipped };
  });
}

/**
 * The inbox: stored candidates that are neither live evidence nor dismissed,
 * newest work first (`occurredOn` descending, then title). Rows that fail the
 * `Candidate` schema are left out (and stay stored, untouched).
 */
export async function listInbox(db: CasebookDB = defaultDb): Promise<StoredCandidate[]> {
  const rows = await db.candidates.orderBy('occurredOn').reverse().toArray();
  const known = await knownUrls(
    db,
    rows.map((r) => r.url),
  );
  return rows
    .filter((r) => !known.has(r.url) && Candidate.safeParse(r).success)
    .sort(
      (a, b) =>
        (b.occurredOn ?? '').localeCompare(a.occurredOn ?? '') ||
        a.title.localeCompare(b.title, undefined, { numeric: true }),
    );
}

/** The role a candidate's evidence gets when the importer gave none. */
function roleOf(c: StoredCandidate): Role {
  if (c.role) return c.role;
  return c.reason === 'reviewed' ? 'reviewer' : c.reason === 'authored' ? 'author' : 'assignee';
}

/** What the user adds when accepting a candidate; everything else comes from the candidate. */
export interface AcceptInput {
  claim: string;
  impact: string;
  /** Competency ids; the candidate's suggested ones when omitted. */
  competencies?: string[];
  privateNote?: string;
}

/** The evidence record (before ids and clocks) that accepting `c` with `input` writes. */
function evidenceOf(c: StoredCandidate, input: AcceptInput, today: string) {
  return {
    source: c.source,
    kind: c.kind,
    role: roleOf(c),
    url: c.url,
    title: c.title,
    occurredOn: c.occurredOn ?? today,
    claim: input.claim.trim(),
    impact: input.impact.trim(),
    metrics: c.metrics,
    competencies: [...new Set(input.competencies ?? c.suggestedCompetencies)],
    tags: [],
    people: [],
    meta: c.meta,
    privateNote: (input.privateNote ?? '').trim(),
  };
}

/** Thrown when the candidate to accept or dismiss is no longer in the inbox. */
export class CandidateNotFoundError extends Error {
  override readonly name = 'CandidateNotFoundError';
  constructor(readonly url: string) {
    super(`This item is no longer in the inbox: ${url}`);
  }
}

/**
 * Accepts candidates as evidence in ONE transaction: each becomes evidence
 * (validated, with its outbox entry and clock, through `stageLocalWrite`) and
 * leaves the inbox. A URL that is already live evidence is not written twice.
 * @param items candidate URLs with what the user wrote for each (`claim: ''` makes a draft).
 * @returns the stored evidence, in the order given.
 * @throws CandidateNotFoundError when a URL is not in the inbox;
 *   RecordValidationError when a record is invalid. Either way nothing is written.
 */
export async function acceptCandidates(
  items: readonly { url: string; input: AcceptInput }[],
  partial?: Partial<WriteDeps>,
): Promise<Evidence[]> {
  const d = deps(partial);
  const now = d.now();
  const today = new Date(now).toISOString().slice(0, 10);
  const capturedAt = new Date(now).toISOString();
  const out = await d.db.transaction(
    'rw',
    [d.db.candidates, d.db.evidence, d.db.dismissals, d.db.outbox, d.db.deviceState],
    async () => {
      const rows = await d.db.candidates.bulkGet(items.map((i) => i.url));
      const existing = await d.db.evidence
        .where('url')
        .anyOf(items.map((i) => i.url))
        .filter((e) => e.deletedAt === null)
        .toArray();
      const byUrl = new Map(existing.map((e) => [e.url, e]));
      const stored: Evidence[] = [];
      for (const [i, item] of items.entries()) {
        const c = rows[i];
        if (!c) throw new CandidateNotFoundError(item.url);
        const already = byUrl.get(c.url);
        if (already) {
          stored.push(already);
        } else {
          const id = ulid(now);
          const e = await stageLocalWrite(
            d.db,
            'evidence',
            'upsert',
            (hlc) => ({ ...evidenceOf(c, item.input, today), id, capturedAt, updatedAt: hlc, deletedAt: null }),
            now,
          );
          byUrl.set(e.url, e);
          stored.push(e);
        }
      }
      await d.db.candidates.bulkDelete(items.map((i) => i.url));
      return stored;
    },
  );
  if (out.length > 0) emitLocalWrite();
  return out;
}

/**
 * Accepts one candidate with the claim and impact the user wrote.
 * @throws CandidateNotFoundError, RecordValidationError (nothing written).
 */
export async function acceptCandidate(
  url: string,
  input: AcceptInput,
  partial?: Partial<WriteDeps>,
): Promise<Evidence> {
  const [e] = await acceptCandidates([{ url, input }], partial);
  return e!;
}

/**
 * Accepts the candidates at `urls` as drafts (evidence with an empty claim,
 * marked "Needs claim"; competencies = the suggested ones) in one transaction:
 * 500 at once is one call.
 * @throws CandidateNotFoundError, RecordValidationError (nothing written).
 */
export async function acceptAsDrafts(urls: readonly string[], partial?: Partial<WriteDeps>): Promise<Evidence[]> {
  return acceptCandidates(
    urls.map((url) => ({ url, input: { claim: '', impact: '' } })),
    partial,
  );
}

/**
 * Dismisses the candidates at `urls` in one transaction: each URL becomes a
 * synced `dismissals` record (so no device imports it again) and leaves the
 * inbox. A URL already dismissed is not dismissed twice.
 * @returns the dismissals written.
 * @throws RecordValidationError when a URL is not a valid http(s) URL (nothing written).
 */
export async function dismissCandidates(urls: readonly string[], partial?: Partial<WriteDeps>): Promise<Dismissal[]> {
  const d = deps(partial);
  const now = d.now();
  const dismissedAt = new Date(now).toISOString();
  const out = await d.db.transaction(
    'rw',
    [d.db.candidates, d.db.dismissals, d.db.outbox, d.db.deviceState],
    async () => {
      const canonical = [...new Set(urls.map(canonicalizeUrl))];
      const already = new Set(
        (await d.db.dismissals.where('url').anyOf(canonical).toArray())
          .filter((x) => x.deletedAt === null)
          .map((x) => x.url),
      );
      const written: Dismissal[] = [];
      for (const url of canonical) {
        if (already.has(url)) continue;
        const id = ulid(now);
        written.push(
          await stageLocalWrite(
            d.db,
            'dismissals',
            'upsert',
            (hlc) => ({ id, url, dismissedAt, updatedAt: hlc, deletedAt: null }),
            now,
          ),
        );
      }
      await d.db.candidates.bulkDelete([...new Set([...urls, ...canonical])]);
      return written;
    },
  );
  if (out.length > 0) emitLocalWrite();
  return out;
}
