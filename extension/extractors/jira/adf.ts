/**
 * Atlassian Document Format (Jira Cloud REST v3 rich text, e.g. `fields.description`) to plain text.
 * Shape: `{type: 'doc', version: 1, content: [{type: 'paragraph', content: [{type: 'text', text}]}]}`
 * (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/).
 */
import { arr, obj, str } from '../json';

/** Block nodes that end with a line break. */
const BLOCKS = new Set([
  'paragraph',
  'heading',
  'listItem',
  'blockquote',
  'codeBlock',
  'panel',
  'rule',
  'tableRow',
  'mediaSingle',
  'decisionItem',
  'taskItem',
  'expand',
]);

/**
 * The plain text of an ADF node: text nodes as written, mentions/emoji/status/cards by their text or
 * URL, hard breaks and block ends as newlines; runs of blank lines collapsed; `''` for anything that
 * is not ADF. Depth is capped at 64 levels.
 */
export function adfToText(node: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown, depth: number): void => {
    const o = obj(n);
    if (!o || depth > 64) return;
    const type = str(o['type']);
    const attrs = obj(o['attrs']);
    if (type === 'text') out.push(typeof o['text'] === 'string' ? o['text'] : '');
    else if (type === 'hardBreak') out.push('\n');
    else if (type === 'mention' || type === 'emoji' || type === 'status' || type === 'date')
      out.push(str(attrs?.['text']) ?? str(attrs?.['shortName']) ?? '');
    else if (type === 'inlineCard' || type === 'blockCard') out.push(str(attrs?.['url']) ?? '');
    for (const child of arr(o['content'])) walk(child, depth + 1);
    if (type && BLOCKS.has(type)) out.push('\n');
    if (type === 'tableCell' || type === 'tableHeader') out.push(' ');
  };
  walk(node, 0);
  return out
    .join('')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
