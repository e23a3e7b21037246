/**
 * Importing a company ladder the user brings as JSON or CSV into a
 * {@link Rubric}, with every problem reported at its 1-based line. The files
 * are read by ./ladder-formats.ts (`csv-parse`, `jsonc-parser`); the panel
 * imports this module lazily, so neither parser is in the panel's first load.
 * See docs/DESIGN.md "Rubrics".
 *
 * Pure: no DOM, no Workers APIs; nothing here throws.
 */
import { Competency, CompetencyId, Rubric } from '../schemas';
import { slugify } from '../slug';
import { parseCsv, readJson } from './ladder-formats';
import { DEFAULT_IDS, PRESET_IDS } from './presets';

export { parseCsv, type CsvRow } from './ladder-formats';

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

/** `Tech Leadership!` -> `tech-leadership`: a competency id from a name (see {@link slugify}). */
export function slugifyCompetencyId(name: string): string {
  return slugify(name, 63);
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
  const json = readJson(text);
  if (!json.ok) return fail(json.line, `Not valid JSON: ${json.detail}`);
  const { value, lines } = json;
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
