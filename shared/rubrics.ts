/**
 * Every rubric the user can pick: the default "Senior software engineer"
 * rubric, company presets (the public framing of other ladders, in our own
 * words: not any company's official text), and ladders the user imports as
 * JSON or CSV. Each preset competency names, in `mapsTo`, the ids of the
 * default rubric it corresponds to (the first one is its main
 * correspondence), so that switching rubric keeps the evidence and carries its
 * competencies over (see {@link mapCompetencies}).
 *
 * Pure data and functions: no DOM, no Workers APIs; nothing here throws.
 */
import { SENIOR_ENGINEER } from './rubric';
import { Competency, CompetencyId, Rubric } from './schemas';

/** Google L4 to L5: design docs and peer reviews weigh heavily. */
const GOOGLE_L4_L5: Rubric = {
  id: 'google-l4-l5',
  name: 'Google L4 to L5',
  competencies: [
    {
      id: 'design-docs',
      name: 'Design docs and direction',
      description: 'Writes the design docs that set how a project is built, and gets them reviewed and agreed.',
      signals: [
        'Wrote a design doc that reviewers outside the team approved',
        'Recorded the alternatives considered and why they were rejected',
        'The team builds to a design they wrote',
      ],
      mapsTo: ['technical-leadership', 'communication'],
    },
    {
      id: 'peer-reviews',
      name: 'Peer reviews and code quality',
      description: 'Reviews that raise the bar for the codebase and teach the author something.',
      signals: [
        'Code reviews that catch design problems, not only style',
        'Peers name them as a reviewer they seek out',
        'Set or improved a readability or testing practice the team follows',
      ],
      mapsTo: ['multiplier', 'technical-leadership'],
    },
    {
      id: 'scope-complexity',
      name: 'Scope and complexity',
      description: 'Owns a problem larger than a single feature, with several moving parts and teams involved.',
      signals: [
        'Led a project across more than one component or team',
        'Broke an ambiguous problem into milestones others could pick up',
      ],
      mapsTo: ['ownership', 'ambiguity'],
    },
    {
      id: 'measurable-impact',
      name: 'Measurable impact',
      description: 'Work whose outcome can be measured for users, the product or the team.',
      signals: [
        'Launched something with a metric that moved (latency, cost, adoption, reliability)',
        'Chose the work with the most impact over the most interesting',
      ],
      mapsTo: ['judgment', 'ownership'],
    },
    {
      id: 'collaboration',
      name: 'Collaboration and mentoring',
      description: 'Works well across teams and helps others grow.',
      signals: ['Mentored or onboarded an engineer', 'Resolved a disagreement between teams with a written proposal'],
      mapsTo: ['communication', 'multiplier'],
    },
  ],
};

/** Amazon SDE II to SDE III: Leadership Principles and organisational impact beyond the team. */
const AMAZON_SDE2_SDE3: Rubric = {
  id: 'amazon-sde2-sde3',
  name: 'Amazon SDE II to SDE III',
  competencies: [
    {
      id: 'lp-ownership',
      name: 'Ownership',
      description:
        'Acts for the long term and for the whole system, not only their own piece; never says "not my job".',
      signals: [
        'Took on a problem nobody owned and saw it through',
        'Owned an operational issue through to the postmortem and its fixes',
      ],
      mapsTo: ['ownership'],
    },
    {
      id: 'lp-bias-for-action',
      name: 'Bias for Action',
      description: 'Moves quickly on decisions that can be reversed, taking calculated risks.',
      signals: [
        'Made a reversible call quickly instead of waiting for certainty',
        'Unblocked a stalled effort by proposing and starting a concrete next step',
      ],
      mapsTo: ['judgment', 'ambiguity'],
    },
    {
      id: 'lp-deliver-results',
      name: 'Deliver Results',
      description: 'Delivers the key inputs on time and with quality, despite setbacks.',
      signals: [
        'Shipped a multi-month project to its committed date',
        'Recovered a slipping deliverable by re-planning scope',
      ],
      mapsTo: ['ownership', 'judgment'],
    },
    {
      id: 'lp-earn-trust',
      name: 'Earn Trust',
      description: 'Listens, speaks candidly, and is open about mistakes; others rely on their word.',
      signals: ['Raised a risk early and candidly, with data', 'Wrote a correction of error that others learned from'],
      mapsTo: ['communication', 'multiplier'],
    },
    {
      id: 'org-impact',
      name: 'Impact beyond the team',
      description: 'Technical decisions and mechanisms that affect several teams or the organisation.',
      signals: [
        'Designed a system or mechanism adopted by other teams',
        'Influenced the technical direction of a neighbouring team',
      ],
      mapsTo: ['technical-leadership', 'communication'],
    },
    {
      id: 'lp-hire-and-develop',
      name: 'Hire and Develop the Best',
      description: 'Raises the bar of the team through interviewing, mentoring and coaching.',
      signals: ['Mentored an engineer who then took on larger work', 'Improved how the team interviews or onboards'],
      mapsTo: ['multiplier'],
    },
  ],
};

/** Meta E4 to E5: sustained impact across halves, end-to-end ownership, multiplying others. */
const META_E4_E5: Rubric = {
  id: 'meta-e4-e5',
  name: 'Meta E4 to E5',
  competencies: [
    {
      id: 'project-impact',
      name: 'Sustained project impact',
      description: 'Delivers impact half after half, owning projects end to end from problem to result.',
      signals: [
        'Owned a project from problem definition to measured result',
        'Impact in more than one half, not one big launch',
      ],
      mapsTo: ['ownership', 'judgment'],
    },
    {
      id: 'direction',
      name: 'Direction',
      description: 'Sets the direction for their area: finds the right problems and turns them into a plan.',
      signals: [
        'Proposed the roadmap for their area and got it adopted',
        'Turned an unclear goal into a plan with milestones',
      ],
      mapsTo: ['ambiguity', 'technical-leadership'],
    },
    {
      id: 'engineering-excellence',
      name: 'Engineering excellence',
      description: 'Builds systems that are simple, reliable and easy for others to change.',
      signals: [
        'Made an architectural decision others build on',
        'Reduced incidents or on-call load for their systems',
      ],
      mapsTo: ['technical-leadership'],
    },
    {
      id: 'people',
      name: 'People and multiplying others',
      description: 'The team is stronger because of them: mentoring, reviews, recruiting, culture.',
      signals: ['Mentored engineers who then grew in scope', 'Code reviews and docs that changed how others work'],
      mapsTo: ['multiplier', 'communication'],
    },
  ],
};

/** Microsoft 62 to 63: delivering results through others. */
const MICROSOFT_62_63: Rubric = {
  id: 'microsoft-62-63',
  name: 'Microsoft 62 to 63',
  competencies: [
    {
      id: 'results-through-others',
      name: 'Results through others',
      description: 'Delivers outcomes larger than one person could, by guiding and enabling others.',
      signals: [
        'Coordinated several engineers towards one outcome',
        'Others delivered faster because of guidance or tools they provided',
      ],
      mapsTo: ['multiplier', 'ownership'],
    },
    {
      id: 'technical-excellence',
      name: 'Technical excellence',
      description: 'Designs sound solutions for complex problems and explains their trade-offs.',
      signals: [
        'Made a design decision that affected more than their own feature',
        'Explained the failure modes and trade-offs of a design',
      ],
      mapsTo: ['technical-leadership'],
    },
    {
      id: 'customer-impact',
      name: 'Customer and business impact',
      description: 'Chooses and delivers the work that matters most to customers and the business.',
      signals: ['Shipped a change with a measured customer outcome', 'Said no to work with little customer value'],
      mapsTo: ['judgment', 'ownership'],
    },
    {
      id: 'collaboration-influence',
      name: 'Collaboration and influence',
      description: 'Builds agreement across teams and disciplines; writes proposals that convince.',
      signals: [
        'Brought a partner team to agree on a shared plan',
        'Explained a technical trade-off to product or leadership and influenced the decision',
      ],
      mapsTo: ['communication'],
    },
    {
      id: 'planning-ambiguity',
      name: 'Planning through ambiguity',
      description: 'Turns loosely defined goals into plans with milestones, and adapts them.',
      signals: ['Wrote the plan for an ambiguous project', 'Changed the plan when new information arrived'],
      mapsTo: ['ambiguity'],
    },
  ],
};

/** Built-in rubrics: the default "Senior software engineer" first, then the company presets. */
export const PRESET_RUBRICS: Rubric[] = [SENIOR_ENGINEER, GOOGLE_L4_L5, AMAZON_SDE2_SDE3, META_E4_E5, MICROSOFT_62_63];

const PRESET_IDS = new Set(PRESET_RUBRICS.map((r) => r.id));
const DEFAULT_IDS = new Set(SENIOR_ENGINEER.competencies.map((c) => c.id));

/**
 * The presets followed by `custom` (the user's imported ladders, in their
 * order). A custom ladder whose id is a preset's, or repeats an earlier
 * custom id, is left out.
 */
export function allRubrics(custom: readonly Rubric[] = []): Rubric[] {
  const seen = new Set(PRESET_IDS);
  const out = [...PRESET_RUBRICS];
  for (const r of custom) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push(r);
  }
  return out;
}

/** The rubric with `id` among the presets and `custom`, or undefined when there is none. */
export function findRubric(id: string, custom: readonly Rubric[] = []): Rubric | undefined {
  return allRubrics(custom).find((r) => r.id === id);
}

// ---------------------------------------------------------------------------
// Mapping between rubrics
// ---------------------------------------------------------------------------

/** Default-rubric ids a competency stands for: its `mapsTo`, else its own id when the default rubric has it. */
function canonicalIds(c: Competency): readonly string[] {
  if (c.mapsTo && c.mapsTo.length > 0) return c.mapsTo;
  return DEFAULT_IDS.has(c.id) ? [c.id] : [];
}

/**
 * `ids` (competency ids of rubric `from`) carried over to rubric `to`,
 * through the default rubric's ids:
 * - each id of `from` stands for its `mapsTo` (or itself when it is a default
 *   id); ids `from` does not have are dropped;
 * - a competency of `to` is chosen when its main correspondence (its first
 *   `mapsTo`, or its own default id) is one of those; a default id that no
 *   competency of `to` has as main correspondence goes to every competency of
 *   `to` that lists it;
 * - a competency of `to` with the very same id is always kept.
 * Result: ids of `to`, in `to`'s order, without duplicates. Same rubric in and
 * out: the known ids, in rubric order.
 */
export function mapCompetencies(ids: readonly string[], from: Rubric, to: Rubric): string[] {
  const fromById = new Map(from.competencies.map((c) => [c.id, c]));
  const known = ids.filter((id) => fromById.has(id));
  if (from.id === to.id) {
    const set = new Set(known);
    return to.competencies.filter((c) => set.has(c.id)).map((c) => c.id);
  }
  const canonical = new Set<string>();
  for (const id of known) for (const d of canonicalIds(fromById.get(id) as Competency)) canonical.add(d);
  const chosen = new Set<string>(known.filter((id) => to.competencies.some((c) => c.id === id)));
  for (const d of canonical) {
    const main = to.competencies.filter((c) => canonicalIds(c)[0] === d);
    const targets = main.length > 0 ? main : to.competencies.filter((c) => canonicalIds(c).includes(d));
    for (const c of targets) chosen.add(c.id);
  }
  return to.competencies.filter((c) => chosen.has(c.id)).map((c) => c.id);
}

// ---------------------------------------------------------------------------
// Importing a ladder (JSON or CSV)
// ---------------------------------------------------------------------------

/** One problem found by {@link parseLadder}; `line` is 1-based (in the text as given). */
export interface LadderError {
  line: number;
  message: string;
}

/** What {@link parseLadder} returns: the rubric, or every problem found. */
export type ParseLadderResult = { ok: true; rubric: Rubric } | { ok: false; errors: LadderError[] };

/** Largest ladder file accepted, in characters. */
export const MAX_LADDER_CHARS = 512 * 1024;
/** Most competencies a ladder may have (the rubric schema's limit). */
export const MAX_LADDER_COMPETENCIES = 50;
/** Most errors reported at once. */
const MAX_ERRORS = 50;

/** A competency as read from a file, before validation, with the line it starts on. */
interface RawCompetency {
  line: number;
  id: string;
  name: string;
  description: string;
  signals: string[];
  mapsTo: string[] | undefined;
  /** Line of each field, when known (JSON). */
  fieldLines?: Partial<Record<'id' | 'name' | 'description' | 'signals' | 'mapsTo', number>>;
}

/** `Tech Leadership!` -> `tech-leadership`: a competency id from a name. */
export function slugifyCompetencyId(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/** Splits a signals cell on `;`, `|` or line breaks, trimming and dropping empty parts. */
function splitList(cell: string): string[] {
  return cell
    .split(/[;|\r\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Parses a company ladder the user imports into a {@link Rubric} with id
 * `opts.id` and name `opts.name` (when `opts.name` is blank, the JSON file's
 * own `name`).
 *
 * - `json`: a Rubric (`{ id?, name?, competencies: [...] }`), or a bare array
 *   of competencies. Each competency: `{ id?, name, description?, signals?,
 *   mapsTo? }` (signals: an array of strings, or one string split on `;`/`|`).
 * - `csv` (RFC 4180: commas, double-quoted fields may hold commas, quotes as
 *   `""` and line breaks; CRLF or LF; optional UTF-8 BOM): a header row with
 *   the columns `id,name,description,signals` in any order (`name` required,
 *   an optional `mapsTo` column), then one competency per row; signals (and
 *   mapsTo ids) separated by `;`, `|` or line breaks within the cell.
 *
 * A blank id is made from the name (`Tech leadership` -> `tech-leadership`).
 * `mapsTo` may only name ids of the default rubric. Reported, each with its
 * 1-based line: syntax errors (bad JSON, unclosed quote), unknown or missing
 * columns, rows with too many fields, invalid or duplicate ids, empty names,
 * over-long text, more than 50 competencies, an empty file. Never throws.
 */
export function parseLadder(
  text: string,
  format: 'json' | 'csv',
  opts: { id: string; name: string },
): ParseLadderResult {
  try {
    if (typeof text !== 'string' || text.trim() === '') return fail(1, 'The file is empty.');
    if (text.length > MAX_LADDER_CHARS)
      return fail(1, `The file is too large (${text.length} characters; at most ${MAX_LADDER_CHARS}).`);
    const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const read = format === 'csv' ? readCsvLadder(src) : readJsonLadder(src);
    if (!read.ok) return read;
    return buildRubric(read.competencies, read.name, opts);
  } catch (err) {
    // Defensive: nothing above should throw; a bug must not crash the panel.
    return fail(1, `The ladder could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function fail(line: number, message: string): { ok: false; errors: LadderError[] } {
  return { ok: false, errors: [{ line, message }] };
}

type ReadResult = { ok: true; competencies: RawCompetency[]; name?: string } | { ok: false; errors: LadderError[] };

const CSV_COLUMNS = ['id', 'name', 'description', 'signals', 'mapsto'] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

function readCsvLadder(text: string): ReadResult {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, errors: [{ line: parsed.line, message: parsed.message }] };
  const rows = parsed.rows.filter((r) => !(r.fields.length === 1 && (r.fields[0] ?? '').trim() === ''));
  const header = rows[0];
  if (!header) return fail(1, 'The file is empty.');
  const errors: LadderError[] = [];
  const columns: (CsvColumn | null)[] = [];
  for (const raw of header.fields) {
    const name = raw.trim().toLowerCase();
    const col = (CSV_COLUMNS as readonly string[]).includes(name) ? (name as CsvColumn) : null;
    if (col === null)
      errors.push({
        line: header.line,
        message: `Unknown column "${raw.trim()}": the header must be id,name,description,signals (and optionally mapsTo).`,
      });
    else if (columns.includes(col))
      errors.push({ line: header.line, message: `Column "${raw.trim()}" appears twice.` });
    columns.push(col);
  }
  if (!columns.includes('name'))
    errors.push({ line: header.line, message: 'The header row needs a "name" column: id,name,description,signals.' });
  if (errors.length > 0) return { ok: false, errors };
  const out: RawCompetency[] = [];
  for (const row of rows.slice(1)) {
    if (row.fields.length > columns.length) {
      errors.push({
        line: row.line,
        message: `This row has ${row.fields.length} fields but the header has ${columns.length}; put quotes around text that contains commas.`,
      });
      continue;
    }
    const cell = (col: CsvColumn) => {
      const i = columns.indexOf(col);
      return i < 0 ? '' : (row.fields[i] ?? '');
    };
    const mapsTo = splitList(cell('mapsto'));
    out.push({
      line: row.line,
      id: cell('id').trim(),
      name: cell('name').trim(),
      description: cell('description').trim(),
      signals: splitList(cell('signals')),
      mapsTo: mapsTo.length > 0 ? mapsTo : undefined,
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, competencies: out };
}

function readJsonLadder(text: string): ReadResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const pos = jsonSyntaxErrorAt(text);
    const detail =
      err instanceof Error
        ? err.message
            .replace(/^JSON\.parse: /, '')
            .replace(/\s*(?:in JSON )?at position \d+.*$|\s*\(line \d+ column \d+\)$/, '')
        : 'invalid JSON';
    return fail(lineAt(text, pos ?? 0), `Not valid JSON: ${detail}`);
  }
  const lines = jsonLines(text);
  const lineOf = (path: string) => lines.get(path) ?? 1;
  let list: unknown;
  let listPath: string;
  let name: string | undefined;
  if (Array.isArray(value)) {
    list = value;
    listPath = '';
  } else if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    list = obj.competencies;
    listPath = '/competencies';
    if (typeof obj.name === 'string' && obj.name.trim() !== '') name = obj.name.trim();
    if (!Array.isArray(list))
      return fail(
        lineOf(list === undefined ? '' : listPath),
        'Expected a "competencies" array (a rubric like {"name": ..., "competencies": [...]}) or an array of competencies.',
      );
  } else {
    return fail(1, 'Expected a rubric object or an array of competencies.');
  }
  const errors: LadderError[] = [];
  const out: RawCompetency[] = [];
  (list as unknown[]).forEach((item, i) => {
    const path = `${listPath}/${i}`;
    const line = lineOf(path);
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      errors.push({ line, message: `Competency ${i + 1} must be an object with id, name, description and signals.` });
      return;
    }
    const o = item as Record<string, unknown>;
    const fieldLines: RawCompetency['fieldLines'] = {};
    const str = (key: 'id' | 'name' | 'description'): string => {
      const v = o[key];
      fieldLines[key] = lineOf(`${path}/${key}`);
      if (v === undefined || v === null) return '';
      if (typeof v === 'string') return v.trim();
      if (typeof v === 'number') return String(v);
      errors.push({ line: fieldLines[key] ?? line, message: `"${key}" must be text.` });
      return '';
    };
    const list = (key: 'signals' | 'mapsTo'): string[] | undefined => {
      const v = o[key];
      fieldLines[key] = lineOf(`${path}/${key}`);
      if (v === undefined || v === null) return undefined;
      if (typeof v === 'string') return splitList(v);
      if (Array.isArray(v) && v.every((s) => typeof s === 'string'))
        return v.map((s: string) => s.trim()).filter((s) => s !== '');
      errors.push({ line: fieldLines[key] ?? line, message: `"${key}" must be a list of text.` });
      return undefined;
    };
    out.push({
      line,
      id: str('id'),
      name: str('name'),
      description: str('description'),
      signals: list('signals') ?? [],
      mapsTo: list('mapsTo'),
      fieldLines,
    });
  });
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
  return { ok: true, competencies: out, name };
}

function buildRubric(raw: RawCompetency[], fileName: string | undefined, opts: { id: string; name: string }) {
  const errors: LadderError[] = [];
  const name = opts.name.trim() || fileName || '';
  const head = raw[0]?.line ?? 1;
  if (!Rubric.shape.id.safeParse(opts.id).success)
    errors.push({ line: 1, message: 'The ladder needs an id of 1 to 100 characters.' });
  if (!Rubric.shape.name.safeParse(name).success)
    errors.push({ line: 1, message: 'Give the ladder a name (1 to 200 characters).' });
  if (PRESET_IDS.has(opts.id))
    errors.push({ line: 1, message: `"${opts.id}" is the id of a built-in rubric; choose another.` });
  if (raw.length === 0) errors.push({ line: head, message: 'The ladder has no competencies.' });
  if (raw.length > MAX_LADDER_COMPETENCIES) {
    const extra = raw[MAX_LADDER_COMPETENCIES] as RawCompetency;
    errors.push({
      line: extra.line,
      message: `Too many competencies: ${raw.length}; a ladder may have at most ${MAX_LADDER_COMPETENCIES}.`,
    });
  }
  const firstLine = new Map<string, number>();
  const competencies: Competency[] = [];
  for (const r of raw.slice(0, MAX_LADDER_COMPETENCIES)) {
    const at = (field: keyof NonNullable<RawCompetency['fieldLines']>) => r.fieldLines?.[field] ?? r.line;
    if (r.name === '') {
      errors.push({ line: at('name'), message: 'The competency name is empty.' });
      continue;
    }
    const id = r.id === '' ? slugifyCompetencyId(r.name) : r.id;
    if (id === '') {
      errors.push({ line: at('id'), message: `Give "${r.name}" an id (lower-case letters, digits and dashes).` });
      continue;
    }
    if (!CompetencyId.safeParse(id).success) {
      const hint = slugifyCompetencyId(id);
      errors.push({
        line: at('id'),
        message: `Invalid id "${id}": use lower-case letters, digits and dashes${hint ? `, like "${hint}"` : ''}.`,
      });
      continue;
    }
    const seen = firstLine.get(id);
    if (seen !== undefined) {
      errors.push({ line: at('id'), message: `Duplicate id "${id}" (first used on line ${seen}).` });
      continue;
    }
    firstLine.set(id, r.line);
    const unknown = (r.mapsTo ?? []).filter((m) => !DEFAULT_IDS.has(m));
    if (unknown.length > 0) {
      errors.push({
        line: at('mapsTo'),
        message: `mapsTo names ${unknown.map((u) => `"${u}"`).join(', ')}: only ids of the default rubric (${[...DEFAULT_IDS].join(', ')}) are allowed.`,
      });
      continue;
    }
    const candidate = {
      id,
      name: r.name,
      description: r.description,
      signals: r.signals,
      ...(r.mapsTo ? { mapsTo: [...new Set(r.mapsTo)] } : {}),
    };
    const parsed = Competency.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 3)) {
        const field = String(issue.path[0] ?? 'name') as 'name' | 'description' | 'signals' | 'mapsTo';
        errors.push({ line: at(field), message: `${r.name}: ${describeIssue(field, issue)}` });
      }
      continue;
    }
    competencies.push(parsed.data);
  }
  if (errors.length > 0) return { ok: false as const, errors: errors.slice(0, MAX_ERRORS) };
  const rubric = Rubric.safeParse({ id: opts.id, name, competencies });
  if (!rubric.success) return fail(head, rubric.error.issues[0]?.message ?? 'Invalid ladder.');
  return { ok: true as const, rubric: rubric.data };
}

function describeIssue(field: string, issue: { code: string; message: string; path: PropertyKey[] }): string {
  const limits: Record<string, string> = {
    name: 'the name may have at most 100 characters',
    description: 'the description may have at most 1000 characters',
    signals: 'at most 30 signals of at most 500 characters each',
    mapsTo: 'mapsTo may list at most 20 ids',
  };
  return limits[field] ?? issue.message;
}

// ---------------------------------------------------------------------------
// CSV (RFC 4180)
// ---------------------------------------------------------------------------

/** One CSV record and the 1-based line it starts on. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/**
 * RFC 4180 CSV: fields separated by `,`, records by CRLF, LF or CR; a field
 * in double quotes may hold commas, line breaks and quotes written as `""`.
 * Unquoted fields are taken as written (spaces kept). Errors: a quote that is
 * never closed (reported at the line it opens), text right after a closing
 * quote, a quote inside an unquoted field. A final line break does not make
 * an extra record. Never throws.
 */
export function parseCsv(text: string): { ok: true; rows: CsvRow[] } | { ok: false; line: number; message: string } {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const n = text.length;
  let atFieldStart = true;
  while (i < n) {
    const ch = text[i] as string;
    if (atFieldStart && ch === '"') {
      const openLine = line;
      i += 1;
      for (;;) {
        if (i >= n) return { ok: false, line: openLine, message: 'A quoted field is never closed (missing ").' };
        const c = text[i] as string;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (c === '\r' || c === '\n') {
          line += 1;
          if (c === '\r' && text[i + 1] === '\n') {
            field += '\r\n';
            i += 2;
            continue;
          }
        }
        field += c;
        i += 1;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n')
        return {
          ok: false,
          line,
          message: 'Unexpected text after a closing quote; write a quote inside a field as "".',
        };
      atFieldStart = false;
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      atFieldStart = true;
      i += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      fields.push(field);
      rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      atFieldStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
      rowLine = line;
      continue;
    }
    if (ch === '"')
      return { ok: false, line, message: 'A quote inside an unquoted field; put the whole field in quotes.' };
    field += ch;
    atFieldStart = false;
    i += 1;
  }
  if (!atFieldStart || field !== '' || fields.length > 0) {
    fields.push(field);
    rows.push({ line: rowLine, fields });
  }
  return { ok: true, rows };
}

// ---------------------------------------------------------------------------
// JSON line numbers
// ---------------------------------------------------------------------------

/** 1-based line of character offset `pos` in `text`. */
function lineAt(text: string, pos: number): number {
  let line = 1;
  const end = Math.min(pos, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line += 1;
  }
  return line;
}

/**
 * A small JSON scanner: for valid JSON, the 1-based line where each value
 * starts, keyed by JSON Pointer (`''` the root, `/competencies/2/name`); it
 * stops at the first syntax error and reports its offset in `error`.
 */
function scanJson(text: string): { lines: Map<string, number>; error: number | null } {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const n = text.length;
  class Stop {
    constructor(readonly at: number) {}
  }
  const ws = () => {
    while (i < n) {
      const c = text[i];
      if (c === '\n') line += 1;
      else if (c === '\r') {
        if (text[i + 1] !== '\n') line += 1;
      } else if (c !== ' ' && c !== '\t') return;
      i += 1;
    }
  };
  const str = (): string => {
    if (text[i] !== '"') throw new Stop(i);
    const start = i;
    i += 1;
    while (i < n && text[i] !== '"') {
      if (text[i] === '\\') i += 1;
      else if (text[i] === '\n' || text[i] === '\r') throw new Stop(i);
      i += 1;
    }
    if (i >= n) throw new Stop(start);
    i += 1;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      throw new Stop(start);
    }
  };
  const value = (path: string, depth: number): void => {
    if (depth > 64) throw new Stop(i);
    ws();
    lines.set(path, line);
    const c = text[i];
    if (c === '{') {
      i += 1;
      ws();
      if (text[i] === '}') {
        i += 1;
        return;
      }
      for (;;) {
        ws();
        const key = str();
        ws();
        if (text[i] !== ':') throw new Stop(i);
        i += 1;
        value(`${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1);
        ws();
        if (text[i] === ',') {
          i += 1;
          continue;
        }
        if (text[i] === '}') {
          i += 1;
          return;
        }
        throw new Stop(i);
      }
    }
    if (c === '[') {
      i += 1;
      ws();
      if (text[i] === ']') {
        i += 1;
        return;
      }
      for (let k = 0; ; k++) {
        value(`${path}/${k}`, depth + 1);
        ws();
        if (text[i] === ',') {
          i += 1;
          continue;
        }
        if (text[i] === ']') {
          i += 1;
          return;
        }
        throw new Stop(i);
      }
    }
    if (c === '"') {
      str();
      return;
    }
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!m) throw new Stop(i);
    i += m[0].length;
  };
  try {
    value('', 0);
    ws();
    if (i < n) throw new Stop(i);
    return { lines, error: null };
  } catch (e) {
    if (e instanceof Stop) return { lines, error: e.at };
    return { lines, error: i };
  }
}

function jsonLines(text: string): Map<string, number> {
  return scanJson(text).lines;
}

function jsonSyntaxErrorAt(text: string): number | null {
  return scanJson(text).error;
}
