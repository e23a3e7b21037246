/**
 * Injection, property-based (fixed seed, bounded runs), inside workerd:
 * - HTML: hostile text in every user field the share page and the digest show
 *   (owner name, label, a custom rubric's names and descriptions, evidence title,
 *   claim, impact, metric labels and units, people, tags, URL, weekly logs) never
 *   adds an element, an attribute, an event handler or a non-http(s) link: the
 *   rendered tag and attribute inventory equals that of a benign render;
 * - Markdown (the share packet and the panel's export share one renderer): escaped
 *   user text forms no link, image, HTML, table cell, heading or formula, and reads
 *   back as the text typed;
 * - mail headers: names and subjects never carry a line break into a header.
 * Hand-picked cases of the same live in share-security, digest-mime and packet tests.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdownBlock, escapeMarkdownInline } from '../../shared/packet';
import type { Evidence, WeeklyLog } from '../../shared/schemas';
import { buildMimeMessage, encodeHeaderText, formatAddress } from '../../worker/mail/mime';
import { composeDigest } from '../../worker/render/digest';
import { packetMarkdown } from '../../worker/render/packet';
import { renderSharePage } from '../../worker/render/share-page';
import { sampleDigest, sampleShare } from './render-fixtures';
import { fixtures } from './render-load';

const SEED = 20261120;

const payloads = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><a href=javascript:alert(1)>x</a>",
  '</title><script>x</script>',
  '<!--',
  ']]>',
  '<style>*{display:none}</style>',
  '&lt;script&gt;',
  '{{constructor.constructor("alert(1)")()}}',
  '=HYPERLINK("http://evil.example","click")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)*cmd|',
  '-2+3',
  '[click](javascript:alert(1))',
  '![x](https://evil.example/pixel.png)',
  '<https://evil.example>',
  '| a | b |',
  '# Heading',
  'https://evil.example/phish',
  'Bcc: victim@example.com\r\nX-Injected: yes',
  '\u202egnp.exe',
  '\u0000\u0007',
];

const hostile = fc.oneof(
  { arbitrary: fc.constantFrom(...payloads), weight: 3 },
  { arbitrary: fc.string({ maxLength: 60 }), weight: 1 },
  {
    arbitrary: fc
      .array(
        fc.oneof(
          fc.constantFrom('<', '>', '"', "'", '`', '&', '\n', '\r\n', '[', ']', '(', ')', '|', '='),
          fc.string({ maxLength: 5 }),
        ),
        {
          maxLength: 12,
        },
      )
      .map((a) => a.join('')),
    weight: 2,
  },
);

/** Every start tag's name and attribute names, in order (HTMLRewriter: the runtime's own parser). */
async function inventory(html: string): Promise<{ tags: Map<string, number>; attrs: Set<string>; hrefs: string[] }> {
  const tags = new Map<string, number>();
  const attrs = new Set<string>();
  const hrefs: string[] = [];
  await new HTMLRewriter()
    .on('*', {
      element(el) {
        tags.set(el.tagName, (tags.get(el.tagName) ?? 0) + 1);
        for (const [name, value] of el.attributes) {
          attrs.add(`${el.tagName}@${name}`);
          if (name === 'href' || name === 'src' || name === 'action') hrefs.push(value ?? '');
        }
      },
    })
    .transform(new Response(html))
    .text();
  return { tags, attrs, hrefs };
}

const baseShare = sampleShare(fixtures);
const baseDigest = sampleDigest(fixtures);

/** The sample input with `h` (an array of hostile strings, reused cyclically) in every user field. */
function poison<T extends { evidence: readonly Omit<Evidence, 'privateNote'>[] }>(input: T, h: string[]): T {
  let i = 0;
  const next = () => h[i++ % h.length]!;
  const rubric = {
    ...(input as unknown as { rubric: { competencies: { name: string; description: string; signals: string[] }[] } })
      .rubric,
  };
  const poisoned = {
    ...input,
    rubric: {
      ...rubric,
      name: next(),
      competencies: rubric.competencies.map((c) => ({ ...c, name: next(), description: next(), signals: [next()] })),
    },
    evidence: input.evidence.map((e) => ({
      ...e,
      title: next() || 'x',
      claim: next(),
      impact: next(),
      url: next().startsWith('http') ? e.url : `javascript:${next()}`,
      metrics: [{ label: next() || 'x', value: 3, unit: next() }],
      people: [next() || 'p'],
      tags: [next() || 't'],
      meta: { ...e.meta, repo: next(), key: next() },
    })),
  };
  return poisoned as unknown as T;
}

function poisonLogs(logs: WeeklyLog[], h: string[]): WeeklyLog[] {
  return logs.map((l, i) => ({
    ...l,
    shipped: h[i % h.length]!,
    decisions: h[(i + 1) % h.length]!,
    helped: h[(i + 2) % h.length]!,
    impact: h[(i + 3) % h.length]!,
  }));
}

/** Elements that would run code, load something, or take input: never in a render. */
const FORBIDDEN =
  /^(script|img|svg|math|iframe|frame|object|embed|form|input|button|textarea|select|link|base|video|audio|source|template|meta-refresh)$/;

/**
 * Tags and attributes a render may carry: those of the benign render, plus the
 * formatting elements whose presence depends on the data (e.g. <strong> for a name).
 */
async function allowed(html: string) {
  const { tags, attrs } = await inventory(html);
  const extra = [
    'strong',
    'em',
    'small',
    'span',
    'p',
    'ul',
    'ol',
    'li',
    'a',
    'br',
    'div',
    'section',
    'h2',
    'h3',
    'h4',
    'table',
    'tr',
    'td',
    'th',
    'tbody',
    'thead',
    'dl',
    'dt',
    'dd',
  ];
  return { tags: new Set([...tags.keys(), ...extra]), attrs };
}

async function expectInert(html: string, base: { tags: Set<string>; attrs: Set<string> }) {
  const { tags, attrs, hrefs } = await inventory(html);
  for (const t of tags.keys()) {
    expect(t).not.toMatch(FORBIDDEN);
    expect(base.tags, `element <${t}>`).toContain(t);
  }
  for (const a of attrs) {
    const [tag, name] = a.split('@') as [string, string];
    expect(name).not.toMatch(/^on/i);
    // A data-dependent element may carry the attributes any element of the benign render carries.
    expect(
      [...base.attrs].some((b) => b === a || b.endsWith(`@${name}`)),
      `attribute ${a} on <${tag}>`,
    ).toBe(true);
  }
  for (const h of hrefs) expect(h).toMatch(/^(https?:\/\/|#|mailto:)/);
  expect(html).not.toMatch(/<script/i);
}

describe('HTML injection through every user field', () => {
  it('the share page', async () => {
    const base = await allowed(renderSharePage(baseShare));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(hostile, { minLength: 1, maxLength: 30 }),
        fc.constantFrom(...payloads),
        async (h, label) => {
          n++;
          const input = {
            ...poison(baseShare, h),
            ownerName: label,
            label,
            weeklyLogs: poisonLogs(baseShare.weeklyLogs, h),
          };
          await expectInert(renderSharePage(input), base);
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
    expect(n).toBe(60);
  });

  it('the digest (HTML part) and its one-line subject', async () => {
    const base = await allowed(composeDigest(baseDigest).html);
    await fc.assert(
      fc.asyncProperty(fc.array(hostile, { minLength: 1, maxLength: 30 }), hostile, async (h, name) => {
        const input = {
          ...poison(baseDigest, h),
          user: { displayName: name, email: 'ada@example.com' },
          weeklyLog: baseDigest.weeklyLog ? poisonLogs([baseDigest.weeklyLog], h)[0]! : null,
        };
        const digest = composeDigest(input);
        await expectInert(digest.html, base);
        expect(digest.subject).not.toMatch(/[\r\n]/);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});

/** Removes CommonMark backslash escapes (a backslash before ASCII punctuation). */
function unescape(md: string): string {
  return md.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

describe('Markdown and formula injection', () => {
  it('escaped inline text forms no Markdown construct, no formula, and reads back as typed', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, fc.string({ maxLength: 200 })), (s) => {
        const out = escapeMarkdownInline(s);
        // No unescaped construct characters (an arrow's `>`, as in `->`, is plain text).
        expect(out.replace(/\\[!-/:-@[-`{-~]/g, '').replace(/[-=]>/g, '')).not.toMatch(/[[\]<>|`*_~&\\]/);
        expect(out).not.toMatch(/^[=+\-@#]/);
        expect(out).not.toMatch(/(javascript|vbscript|data|file):/i);
        expect(out).not.toMatch(/https?:\/\//i);
        expect(out).not.toMatch(/[\r\n]/);
        expect(unescape(out)).toBe(s.includes('\n') || s.includes('\r') ? s.replace(/\s*\r?\n\s*|\r/g, ' ') : s);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('escaped blocks start no heading, quote, list or formula on any line', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(hostile, fc.constantFrom('# h', '> q', '- l', '1. n', '=1+1', '+x', '@x')), { maxLength: 8 }),
        (lines) => {
          const out = escapeMarkdownBlock(lines.join('\n'), '  ');
          for (const line of out.split('\n')) expect(line.replace(/^ {2}/, '')).not.toMatch(/^([#>=+\-@]|\d{1,9}[.)])/);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('the Markdown packet of a poisoned case: links only to the evidence sources, no HTML, no formula cell', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 30 }), (h) => {
        const input = {
          ...poison(baseShare, h),
          ownerName: h[0]!,
          label: h.at(-1)!,
          weeklyLogs: poisonLogs(baseShare.weeklyLogs, h),
        };
        const md = packetMarkdown(input);
        const destinations = [...md.matchAll(/(?<!\\)\]\(<?([^)>\s]*)/g)].map((m) => m[1]!);
        const sources = new Set(input.evidence.map((e) => e.url));
        expect(destinations.filter((d) => !sources.has(d) && d !== input.packetUrl)).toEqual([]);
        expect(md).not.toMatch(/(?<!\\)<(script|img|svg|a|style|iframe)/i);
        for (const row of md.split('\n').filter((l) => l.startsWith('|') && !/^[\s|:-]+$/.test(l))) {
          for (const cell of row.split(/(?<!\\)\|/).slice(1, -1)) expect(cell.trim()).not.toMatch(/^[=+\-@]/);
        }
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});

describe('header injection through names and subjects', () => {
  it('encoded header text and addresses never carry a bare line break; a MIME message gains no header', () => {
    fc.assert(
      fc.property(hostile, hostile, (name, subject) => {
        expect(encodeHeaderText(subject)).not.toMatch(/\r\n(?! )|\n(?!\s)|\r(?!\n)/);
        // A sender that does not parse as `Name <addr>` is refused (safe: it is the operator's MAIL_FROM).
        let from = '';
        let refused = '';
        try {
          from = formatAddress(`${name} <casebook@example.com>`);
        } catch (e) {
          refused = String(e);
        }
        expect(refused === '' || refused.includes('not a valid e-mail address')).toBe(true);
        if (refused) return;
        expect(from).not.toMatch(/[\r\n]/);
        const raw = buildMimeMessage(
          { to: 'ada@example.com', from: `${name} <casebook@example.com>`, subject, text: 't', html: '<p>h</p>' },
          { id: 'm1', date: new Date('2026-11-20T16:00:00Z') },
        );
        const head = raw.split('\r\n\r\n')[0]!;
        const names = head
          .split('\r\n')
          .filter((l) => !/^[ \t]/.test(l))
          .map((l) => l.split(':')[0]!.toLowerCase());
        expect(
          names.filter(
            (x) => !['from', 'to', 'subject', 'date', 'message-id', 'mime-version', 'content-type'].includes(x),
          ),
        ).toEqual([]);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
