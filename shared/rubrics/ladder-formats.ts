/**
 * Reading the two ladder file formats with line numbers: CSV through
 * `csv-parse` (its browser build, which carries its own Buffer and so runs in
 * the panel, the worker and Node alike) and strict JSON through
 * `jsonc-parser`, which gives the offset of a syntax error and of every value.
 * Used by ./ladder-import.ts.
 *
 * Pure: no DOM, no Workers APIs; nothing here throws.
 */
import { parse as parseCsvRecords } from 'csv-parse/browser/esm/sync';
import { getNodeValue, type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';

// ---------------------------------------------------------------------------
// CSV (RFC 4180) through csv-parse
// ---------------------------------------------------------------------------

/** One CSV record and the 1-based line it starts on. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** Our words for csv-parse's error codes (its own messages name its options). */
const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'A quoted field is never closed (missing ").',
  CSV_INVALID_CLOSING_QUOTE: 'Unexpected text after a closing quote; write a quote inside a field as "".',
  INVALID_OPENING_QUOTE: 'A quote inside an unquoted field; put the whole field in quotes.',
};

/**
 * RFC 4180 CSV read with `csv-parse`: fields separated by `,`, records by
 * CRLF, LF or CR (mixed in one file too); a field in double quotes may hold
 * commas, line breaks and quotes written as `""`. Unquoted fields are taken as
 * written (spaces kept); a blank line is a record of one empty field; a final
 * line break does not make an extra record. Each row carries the line it
 * starts on (line breaks inside quoted fields counted). Errors, reported at
 * the line where the record holding them starts: a quote that is never
 * closed, text right after a closing quote, a quote inside an unquoted field.
 * Never throws.
 */
export function parseCsv(text: string): { ok: true; rows: CsvRow[] } | { ok: false; line: number; message: string } {
  const bytes = new TextEncoder().encode(text);
  // csv-parse counts in UTF-8 bytes; line breaks are single bytes, so lines are counted on the bytes.
  let counted = 0;
  let line = 1;
  const lineAtByte = (end: number): number => {
    for (; counted < end && counted < bytes.length; counted++) {
      const b = bytes[counted];
      if (b === 10 || (b === 13 && bytes[counted + 1] !== 10)) line += 1;
    }
    return line;
  };
  const rows: CsvRow[] = [];
  let startLine = 1;
  try {
    parseCsvRecords(text, {
      relax_column_count: true,
      skip_empty_lines: false,
      record_delimiter: ['\r\n', '\n', '\r'],
      on_record: (record, context) => {
        rows.push({ line: startLine, fields: record });
        startLine = lineAtByte(context.bytes);
        return null;
      },
    });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const known = typeof code === 'string' ? CSV_ERRORS[code] : undefined;
    const message = known ?? `The CSV could not be read: ${err instanceof Error ? err.message : String(err)}`;
    return { ok: false, line: startLine, message };
  }
  return { ok: true, rows };
}

// ---------------------------------------------------------------------------
// JSON through jsonc-parser: syntax errors and the line of every value
// ---------------------------------------------------------------------------

/**
 * A function giving the 1-based line of a character offset in `text` (CRLF,
 * LF and CR each end a line), by binary search over the line starts.
 */
function lineIndex(text: string): (pos: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return (pos) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** The deepest nesting whose values get a line (deeper values take their parent's). */
const MAX_JSON_DEPTH = 64;

/**
 * Strict JSON (no comments, no trailing commas) parsed with jsonc-parser: the
 * value and the 1-based line where each value starts, keyed by JSON Pointer
 * (`''` the root, `/competencies/2/name`); or the first syntax error, its line
 * and a short description (`comma expected`).
 */
export function readJson(
  text: string,
): { ok: true; value: unknown; lines: Map<string, number> } | { ok: false; line: number; detail: string } {
  const lineAt = lineIndex(text);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (first || !tree) {
    const detail = first
      ? printParseErrorCode(first.error)
          .replace(/([a-z])([A-Z])/g, '$1 $2')
          .toLowerCase()
      : 'no value';
    return { ok: false, line: lineAt(first?.offset ?? 0), detail };
  }
  const lines = new Map<string, number>();
  const walk = (node: JsonNode, path: string, depth: number): void => {
    lines.set(path, lineAt(node.offset));
    if (depth >= MAX_JSON_DEPTH) return;
    if (node.type === 'array') node.children?.forEach((child, k) => walk(child, `${path}/${k}`, depth + 1));
    if (node.type === 'object')
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (!key || !value) continue;
        walk(value, `${path}/${String(key.value).replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1);
      }
  };
  walk(tree, '', 0);
  return { ok: true, value: getNodeValue(tree) as unknown, lines };
}
