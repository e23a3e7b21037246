/**
 * Property-based fuzzing of every extractor's page input (fixed seed, bounded runs).
 *
 * Starting from each real golden page (tests/fixtures/<area>/<source>--<case>), fast-check feeds
 * `extractCapture`:
 * - the page's HTML cut at a random point, with hostile snippets spliced in (broken and 2,000-deep
 *   JSON-LD, 1 MB attributes, a 600,000-character og:site_name, javascript: and huge canonical
 *   links, impossible dates, 100,000-character titles, unbalanced tags), or entirely random text;
 * - the page's URL with random queries and fragments, every `detect` example URL, and random web URLs;
 * - the same-origin API answers through the injected fetch: the recorded answer with one value
 *   replaced by a hostile one, random JSON, broken JSON, HTML, huge bodies, error statuses, and a
 *   fetch that throws;
 * - hostile identities (the user's GitHub login or Atlassian name).
 * Property: for every valid http(s) URL, `extractCapture` resolves (never throws) to a draft that
 * passes the `CaptureDraft` schema with an http(s) URL, no string longer than 2,048 characters and
 * a `meta` of at most 16 KiB serialised (extension/extractors/clip.ts). The inputs tried per
 * extractor are printed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { extractCapture, type Identities } from '../../extension/extractors';
import { DETECT_EXAMPLES } from '../../extension/extractors/examples';
import { CaptureDraft } from '../../shared/schemas';
import { FIXTURES, goldenNames, loadPage, now, parseDocument, routeBody, type SavedPage } from './helpers';

const SEED = 20261120;
/** Inputs per golden page. */
const RUNS_PER_PAGE = 60;

const AREAS: [dir: string, sources: string[]][] = [
  ['github', ['github-pr']],
  ['jira', ['jira']],
  ['confluence', ['confluence']],
  ['gdocs', ['google-docs']],
  ['notion', ['notion']],
  ['web', ['web']],
];

const tried = new Map<string, number>();

afterAll(() => {
  const rows = [...tried.entries()].map(([k, v]) => `  ${k.padEnd(14)} ${v}`);
  const total = [...tried.values()].reduce((a, b) => a + b, 0);
  console.log(`Extractor fuzzing (seed ${SEED}): inputs tried per extractor\n${rows.join('\n')}\n  total ${total}`);
});

function nested(depth: number): unknown {
  let v: unknown = { '@type': 'Article', headline: 'deep' };
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { '@graph': v };
  return v;
}

const hugeTitle = 'T'.repeat(100_000);

/** Markup an attacker (or a broken page) can put in front of an extractor. */
const hostileSnippet = fc.oneof(
  fc.constantFrom(
    '<script type="application/ld+json">{"@type":"Article",</script>',
    '<script type="application/ld+json">null</script>',
    '<script type="application/ld+json">[1,"x",null,{"@type":null}]</script>',
    `<script type="application/ld+json">${JSON.stringify(nested(2000))}</script>`,
    `<script type="application/ld+json">{"@type":"Article","headline":${JSON.stringify(hugeTitle)},"datePublished":"99999-99-99","author":{"name":["<script>"]}}</script>`,
    '<script type="application/ld+json">{"@type":"Article","datePublished":{"@value":1e308},"dateModified":-1}</script>',
    '<link rel="canonical" href="javascript:alert(1)">',
    '<link rel="canonical" href="http://[::1">',
    '<link rel="canonical" href="data:text/html,<script>alert(1)</script>">',
    '<meta property="og:url" content="//evil.example/x">',
    '<meta property="og:title" content="">',
    `<meta property="og:title" content="${hugeTitle}">`,
    `<meta name="description" content="${'a'.repeat(1_000_000)}">`,
    `<meta property="og:site_name" content="${'S'.repeat(600_000)}">`,
    `<link rel="canonical" href="https://github.com/${'x'.repeat(600_000)}">`,
    '<meta property="article:published_time" content="2026-13-45T99:99:99Z">',
    '<meta property="article:modified_time" content="-000001-01-01">',
    '<relative-time datetime="not a date"></relative-time>',
    '<relative-time datetime="275760-09-13T00:00:00.001Z"></relative-time>',
    `<title>${hugeTitle}</title>`,
    '<title></title><title>   </title>',
    '<span class="Counter">9999999999999999999999</span><span class="Counter">-1</span><span class="Counter">NaN</span>',
    '<div class="State">Merged</div><span title="Status: Merged">x</span>',
    '<div id="partial-discussion-header"><span class="State">Open</span></div>',
    '<a class="author" href="/x">👩‍💻<script>alert(1)</script></a>',
    '<div><div><div><span><table><tr><td><form><select><option>',
    '</div></div></body></html><html><head><title>second</title>',
    '<!--',
    '<![CDATA[',
    '<svg><foreignObject><title>svg title</title></foreignObject></svg>',
    '<base href="javascript:alert(1)//">',
    '\u0000\ud800\uffff',
  ),
  fc.string({ maxLength: 200 }),
  fc
    .record({
      tag: fc.constantFrom('div', 'span', 'a', 'meta', 'link', 'time', 'relative-time', 'script', 'h1', 'li'),
      attr: fc.constantFrom('class', 'id', 'href', 'content', 'property', 'name', 'datetime', 'data-testid', 'title'),
      value: fc.oneof(fc.string({ maxLength: 100 }), fc.constant('x'.repeat(50_000))),
      text: fc.string({ maxLength: 100 }),
    })
    .map(({ tag, attr, value, text }) => `<${tag} ${attr}="${value.replace(/"/g, '&quot;')}">${text}</${tag}>`),
);

/** The page's HTML, cut and spliced with hostile snippets, or random text. */
function hostileHtml(original: string): fc.Arbitrary<string> {
  return fc.oneof(
    {
      arbitrary: fc
        .record({
          cut: fc.nat({ max: original.length }),
          keepTail: fc.boolean(),
          at: fc.array(fc.record({ pos: fc.nat({ max: original.length }), snippet: hostileSnippet }), {
            minLength: 1,
            maxLength: 4,
          }),
        })
        .map(({ cut, keepTail, at }) => {
          let html = keepTail ? original : original.slice(0, cut);
          for (const { pos, snippet } of at) {
            const p = Math.min(pos, html.length);
            html = html.slice(0, p) + snippet + html.slice(p);
          }
          return html;
        }),
      weight: 6,
    },
    { arbitrary: fc.string({ maxLength: 500 }), weight: 1 },
    { arbitrary: fc.array(hostileSnippet, { maxLength: 6 }).map((s) => s.join('')), weight: 2 },
  );
}

/** Every path (array of keys) in a JSON value, up to `limit` paths. */
function paths(value: unknown, limit = 2000): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (v: unknown, p: (string | number)[]) => {
    if (out.length >= limit) return;
    out.push(p);
    if (Array.isArray(v)) v.forEach((c, i) => walk(c, [...p, i]));
    else if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...p, k]);
  };
  walk(value, []);
  return out;
}

function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = replacement;
  return copy;
}

const hostileJsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom<unknown>(null, '', -1, 1e308, 'not a date', '9999-99-99T99:99:99.999+9999', hugeTitle, [], {}, true),
  fc.constant(nested(50)),
);

/** What the injected fetch does for one run. */
type FetchMode =
  | { kind: 'recorded' }
  | { kind: 'mutated'; pick: number; value: unknown }
  | { kind: 'json'; value: unknown; status: number }
  | { kind: 'text'; body: string; status: number; type: string }
  | { kind: 'throws'; message: string };

const fetchMode: fc.Arbitrary<FetchMode> = fc.oneof(
  { arbitrary: fc.constant<FetchMode>({ kind: 'recorded' }), weight: 1 },
  {
    arbitrary: fc.record({ pick: fc.nat(), value: hostileJsonValue }).map((r) => ({ kind: 'mutated' as const, ...r })),
    weight: 4,
  },
  {
    arbitrary: fc
      .record({ value: fc.jsonValue({ maxDepth: 3 }), status: fc.constantFrom(200, 200, 201, 204, 301, 404, 500) })
      .map((r) => ({ kind: 'json' as const, ...r })),
    weight: 2,
  },
  {
    arbitrary: fc
      .record({
        body: fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.constantFrom('{"id":', '<!DOCTYPE html><html>login</html>', 'x'.repeat(2_000_000), '\uFEFF{}', ")]}'\n{}"),
        ),
        status: fc.constantFrom(200, 200, 403, 429, 502),
        type: fc.constantFrom('application/json', 'text/html', 'text/plain', ''),
      })
      .map((r) => ({ kind: 'text' as const, ...r })),
    weight: 2,
  },
  { arbitrary: fc.string({ maxLength: 40 }).map((message) => ({ kind: 'throws' as const, message })), weight: 1 },
);

/** A fetch behaving as `mode` for `page`'s recorded routes (404 for anything else unless the mode answers all). */
function fuzzFetch(page: SavedPage, mode: FetchMode): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const url = String(input);
    const route = page.routes[url];
    switch (mode.kind) {
      case 'throws':
        throw new TypeError(`Failed to fetch ${mode.message}`);
      case 'json':
        return new Response(mode.status === 204 ? null : JSON.stringify(mode.value), {
          status: mode.status,
          headers: { 'content-type': 'application/json' },
        });
      case 'text':
        return new Response(mode.body, {
          status: mode.status,
          headers: mode.type ? { 'content-type': mode.type } : {},
        });
      default: {
        if (!route?.file) return new Response('{"errorMessages":["not found"]}', { status: route?.status ?? 404 });
        const body = routeBody(page.dir, route);
        if (mode.kind === 'recorded' || route.text) {
          return new Response(mode.kind === 'mutated' ? body.slice(0, mode.pick % (body.length + 1)) : body, {
            status: 200,
          });
        }
        const json = JSON.parse(body) as unknown;
        const all = paths(json);
        const path = all[mode.pick % all.length]!;
        return new Response(JSON.stringify(replaceAt(json, path, mode.value)), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      }
    }
  }) as typeof fetch;
}

const hostileIdentities: fc.Arbitrary<Identities> = fc.record(
  {
    githubLogin: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', '.*', '(a+)+$', 'x'.repeat(10_000))),
    atlassianName: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', '[', '\\', 'x'.repeat(10_000))),
    email: fc.string({ maxLength: 40 }),
  },
  { requiredKeys: [] },
);

/** The page's URL with a random query, fragment or case change; or another URL of the same site. */
function urlVariants(page: SavedPage, source: string): fc.Arbitrary<string> {
  const examples = DETECT_EXAMPLES[source as keyof typeof DETECT_EXAMPLES];
  const list = [...(examples?.match ?? []), ...(examples?.noMatch ?? [])].filter((u) => /^https?:/.test(u));
  return fc.oneof(
    { arbitrary: fc.constant(page.url), weight: 4 },
    {
      arbitrary: fc
        .record({ q: fc.string({ maxLength: 30 }), h: fc.string({ maxLength: 30 }) })
        .map(
          ({ q, h }) =>
            `${page.url.split('#')[0]}${page.url.includes('?') ? '&' : '?'}${encodeURIComponent(q)}=1#${encodeURIComponent(h)}`,
        ),
      weight: 2,
    },
    ...(list.length > 0 ? [{ arbitrary: fc.constantFrom(...list), weight: 2 }] : []),
    { arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }), weight: 1 },
  );
}

/** The longest string anywhere in a JSON-like value. */
function longestString(v: unknown): number {
  if (typeof v === 'string') return v.length;
  if (v === null || typeof v !== 'object') return 0;
  return Math.max(0, ...Object.values(v).map(longestString));
}

/** Extracts and checks the promise: resolves, schema-valid, http(s) URL, every string clipped. */
async function expectValidDraft(url: string, html: string, deps: Parameters<typeof extractCapture>[1]) {
  const document = parseDocument(html);
  let draft: unknown;
  try {
    draft = await extractCapture({ url, document }, deps);
  } catch (e) {
    throw new Error(`extractCapture threw for ${url}: ${String(e)}`);
  }
  const parsed = CaptureDraft.safeParse(draft);
  const problem = parsed.success ? '' : parsed.error.message.slice(0, 500);
  const protocol = parsed.success ? new URL(parsed.data.url).protocol : '';
  expect({ url, problem, http: /^https?:$/.test(protocol) }).toEqual({ url, problem: '', http: true });
  const d = draft as { meta: unknown };
  const clipped = {
    longest: longestString(draft) <= 2_048,
    meta: new TextEncoder().encode(JSON.stringify(d.meta)).length <= 16 * 1024,
  };
  expect({ url, ...clipped }).toEqual({ url, longest: true, meta: true });
}

describe('fuzzing every extractor with hostile pages, URLs and API answers', () => {
  for (const [dir, sources] of AREAS) {
    const names = goldenNames(dir, sources);
    it(`${sources.join(', ')}: ${names.length} golden pages x ${RUNS_PER_PAGE} hostile variants each`, async () => {
      for (const name of names) {
        const page = loadPage(dir, name);
        const side = JSON.parse(readFileSync(resolve(FIXTURES, dir, `${name}.page.json`), 'utf8')) as {
          html?: string;
        };
        const htmlFile = side.html ? resolve(FIXTURES, dir, side.html) : resolve(FIXTURES, dir, `${name}.html`);
        const original = existsSync(htmlFile)
          ? readFileSync(htmlFile, 'utf8')
          : '<html><head></head><body></body></html>';
        let n = 0;
        await fc.assert(
          fc.asyncProperty(
            urlVariants(page, sources[0]!),
            hostileHtml(original),
            fetchMode,
            hostileIdentities,
            fc.boolean(),
            async (url, html, mode, identities, enrich) => {
              n++;
              await expectValidDraft(url, html, {
                fetch: fuzzFetch(page, mode),
                now,
                identities,
                github: { enrich, timeoutMs: 200 },
              });
            },
          ),
          { seed: SEED, numRuns: RUNS_PER_PAGE },
        );
        tried.set(sources[0]!, (tried.get(sources[0]!) ?? 0) + n);
      }
      expect(tried.get(sources[0]!)).toBe(names.length * RUNS_PER_PAGE);
    }, 60_000); // scales with the number of golden pages (github-pr has 15); not a speed test
  }

  it('any http(s) URL with any page and no network: a valid draft', { timeout: 60_000 }, async () => {
    let n = 0;
    const anyUrl = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.webUrl({ authoritySettings: { withIPv4: true, withIPv6: true, withPort: true, withUserInfo: true } }),
      fc.constantFrom(
        'https://github.com/o/r/pull/99999999999999999999',
        'https://github.com/o/r/pull/0/files',
        'https://x.atlassian.net/browse/A-1',
        'https://x.atlassian.net/jira/software/projects/A/boards/1?selectedIssue=%00',
        'https://x.atlassian.net/wiki/spaces/A/pages/1',
        'https://docs.google.com/document/d//edit',
        'https://www.notion.so/-00000000000000000000000000000000',
        'http://[::1]:65535/',
        'https://xn--80ak6aa92e.com/',
        `https://example.com/${'a'.repeat(10_000)}`,
      ),
    );
    await fc.assert(
      fc.asyncProperty(anyUrl, fc.array(hostileSnippet, { maxLength: 5 }), async (url, snippets) => {
        n++;
        await expectValidDraft(url, `<html><head>${snippets.join('')}</head><body>${snippets.join('')}</body></html>`, {
          now,
        });
      }),
      { seed: SEED, numRuns: 300 },
    );
    tried.set('any URL', n);
    expect(n).toBe(300);
  });
});
