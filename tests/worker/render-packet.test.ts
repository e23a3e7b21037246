/**
 * The Markdown packet (`packetMarkdown`), run in workerd on evidence built
 * from the real fixtures.
 */
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../shared/schemas';
import { escapeMarkdownBlock, escapeMarkdownInline, packetMarkdown } from '../../worker/render/packet';
import { PRIVATE_MARK, sampleShare } from './render-fixtures';
import { fixtures } from './render-load';

const input = sampleShare(fixtures);
const md = packetMarkdown(input);
const lines = md.split('\n');

/** The lines of the `## ` section whose heading starts with `title`. */
function section(title: string): string[] {
  const start = lines.findIndex((l) => l.startsWith(`## ${title}`));
  if (start < 0) throw new Error(`no section ${title}`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines.slice(start, end < 0 ? undefined : end);
}

/** Every inline link destination `[...](<dest>)` or `[...](dest)` formed by an unescaped `]`. */
function linkDestinations(text: string): string[] {
  return [...text.matchAll(/(?<!\\)\]\((<[^>]*>|[^)\s]*)\)/g)].map((m) => (m[1] ?? '').replace(/^<|>$/g, ''));
}

describe('packetMarkdown', () => {
  it('opens with the owner, label, rubric, period and count', () => {
    expect(lines[0]).toBe('# Ada Example: promotion case');
    expect(lines[2]).toBe(
      '**H1 2019 calibration** · Rubric: Senior software engineer · Period: 1 Jul 2016 to 20 Apr 2019 · 9 items',
    );
    expect(md).toContain('Private notes are never included.');
  });

  it('has the calibration summary, then one heading per competency in rubric order', () => {
    const headings = lines.filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## Calibration summary',
      '## Ownership and scope (2 items)',
      '## Navigating ambiguity (1 item)',
      '## Multiplying others (2 items)',
      '## Technical leadership (1 item)',
      '## Communication and influence (3 items)',
      '## Judgment and autonomy (1 item)',
      '## Untagged (1 item)',
      '## Weekly logs',
      '## Timeline',
    ]);
    expect(md).toContain('| Communication and influence | 3 | 20 Mar 2019 | Developing |');
  });

  it('writes one bullet per evidence item with link, date, role, claim, impact and metrics', () => {
    expect(section('Technical leadership')).toEqual([
      '## Technical leadership (1 item)',
      '',
      '_Architectural decisions beyond their own feature; design docs that shape direction._',
      '',
      '- **[gitserver: Use opentracing for exec endpoint](<https://github.com/sourcegraph/sourcegraph/pull/3257>)** · 8 Apr 2019 · Author · Pull request · GitHub PR · sourcegraph/sourcegraph#3257',
      '  - **Claim:** I added OpenTracing spans to the gitserver exec endpoint, so a slow git command now shows up in a trace with its arguments and duration.',
      '  - **Impact:** First step of the gitserver observability plan (#3253): on-call can see which repository and command is slow without ssh-ing into the box.',
      '  - **Metrics:** Commits: 1; Files changed: 1',
      '',
    ]);
    expect(section('Multiplying others').join('\n')).toContain(
      '- **[Add support for fetching pull request reviews](<https://github.com/sigmavirus24/github3.py/pull/671>)** · 27 Jan 2017 · Reviewer · Code review · GitHub PR · sigmavirus24/github3.py#671',
    );
    expect(section('Untagged').join('\n')).toContain('TES-41: Unit test summary 1');
  });

  it('only links to the http(s) sources of the evidence: a title cannot inject a link', () => {
    const sources = new Set(input.evidence.map((e) => e.url));
    const dests = linkDestinations(md);
    expect(dests.length).toBeGreaterThan(0);
    for (const d of dests) {
      expect(d).toMatch(/^https?:\/\//);
      expect(sources.has(d)).toBe(true);
    }
    expect(md).not.toContain('javascript:');
    expect(md).toContain('Evil \\[click me\\](https\\://evil.example) \\<b\\>bold\\</b\\> https\\://evil.example/x');
    // Not linked: the hostile item's own URL is not http(s).
    expect(md).toContain('- **Evil \\[click me\\]');
  });

  it('escapes HTML and Markdown in claims, impact and weekly logs', () => {
    expect(md).toContain('  - **Claim:** \\<script\\>alert("pwned")\\</script\\> and \\*\\*not bold\\*\\*');
    expect(md).toContain('  - **Impact:** \\# not a heading  \n    \\- not a list');
    expect(md).toContain('- **What did you ship?** Problem statement reviewed \\<em\\>and agreed\\</em\\>.');
    expect(md).not.toMatch(/(?<!\\)<script/i);
  });

  it('never contains a private note, even when the objects passed in carry one', () => {
    const leaky = input.evidence.map(
      (e) => ({ ...e, privateNote: PRIVATE_MARK, meta: { privateNote: PRIVATE_MARK } }) as Evidence,
    );
    const out = packetMarkdown({ ...input, evidence: leaky });
    expect(out).not.toContain(PRIVATE_MARK);
    expect(out).toContain('gitserver: Use opentracing for exec endpoint');
  });

  it('escapes inline and block text', () => {
    expect(escapeMarkdownInline('a | b ` c ~ d\nnext')).toBe('a \\| b \\` c \\~ d next');
    expect(escapeMarkdownInline('see www.example.com or ftp://x')).toBe('see www\\.example.com or ftp\\://x');
    expect(escapeMarkdownBlock('first\n\n1. second\n> third', '  ')).toBe('first  \n  1\\. second  \n  \\> third');
  });

  it('folds long runs of empty months in the timeline', () => {
    expect(section('Timeline')).toContain('- Feb 2017 to Sep 2018: no evidence (20 months)');
    expect(section('Timeline')).toContain('- Jan 2019: 2 items');
  });
});
