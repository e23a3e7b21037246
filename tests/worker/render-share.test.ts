/**
 * The share page renderer (`renderSharePage`), run in workerd and parsed back
 * with the runtime's HTMLRewriter. Evidence comes from the real fixtures
 * (sourcegraph/sourcegraph#3257, github3py#671, artsy/emission#327, Jira TES-41).
 */
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../shared/schemas';
import { renderSharePage } from '../../worker/render/share-page';
import { PRIVATE_MARK, sampleShare } from './render-fixtures';
import { fixtures, select } from './render-load';

const input = sampleShare(fixtures);
const html = renderSharePage(input);

describe('renderSharePage', () => {
  it('renders a complete document with owner, label, rubric, period and the packet link', async () => {
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect((await select(html, 'h1'))[0]?.text).toBe('Ada Example');
    expect((await select(html, 'title'))[0]?.text).toBe('Ada Example: H1 2019 calibration');
    const facts = (await select(html, '.facts dd')).map((d) => d.text);
    expect(facts).toEqual(['Senior software engineer', '1 Jul 2016 to 20 Apr 2019', '9 items']);
    const packetLinks = (await select(html, 'a')).filter((a) => a.attrs.href === input.packetUrl);
    expect(packetLinks.length).toBeGreaterThanOrEqual(1);
  });

  it('puts the calibration summary first, then one section per competency in rubric order', async () => {
    const sections = (await select(html, 'main > section')).map((s) => s.attrs.id);
    expect(sections).toEqual([
      'summary',
      'c-ownership',
      'c-ambiguity',
      'c-multiplier',
      'c-technical-leadership',
      'c-communication',
      'c-judgment',
      'untagged',
      'weekly-logs',
      'timeline',
    ]);
    const questions = (await select(html, '#summary .q h3')).map((q) => q.text);
    expect(questions).toEqual([
      'What have they done that is clearly at the next level?',
      'Where is their impact on the team, beyond their own tasks?',
      'Where is their technical leadership beyond their own code?',
      'Is this sustained performance, or one good quarter?',
    ]);
    const answers = (await select(html, '#summary .q > p')).map((p) => p.text);
    expect(answers[3]).toBe(
      'Evidence in 3 of the last 4 quarters (2018-Q3: 0, 2018-Q4: 2, 2019-Q1: 4, 2019-Q2: 1), across 2 half-years.',
    );
  });

  it('shows each card under its competencies, with its source link, date, role, claim, impact and metrics', async () => {
    const tl = await select(html, '#c-technical-leadership article.card');
    expect(tl).toHaveLength(1);
    const [card] = tl;
    expect(card?.text).toContain('gitserver: Use opentracing for exec endpoint');
    expect(card?.text).toContain('8 Apr 2019 · Author · Pull request · GitHub PR');
    expect(card?.text).toContain('sourcegraph/sourcegraph#3257');
    expect(card?.text).toContain('I added OpenTracing spans to the gitserver exec endpoint');
    expect(card?.text).toContain('First step of the gitserver observability plan (#3253)');
    const links = await select(html, '#c-technical-leadership article.card h3 a');
    expect(links.map((a) => a.attrs.href)).toEqual(['https://github.com/sourcegraph/sourcegraph/pull/3257']);
    const metrics = (await select(html, '#c-technical-leadership .metrics li')).map((m) => m.text);
    expect(metrics).toEqual(['Commits: 1', 'Files changed: 1']);

    // The same PR is also tagged ownership; the review of github3py#671 is under Multiplying others only.
    expect((await select(html, '#c-ownership article.card h3')).map((h) => h.text)).toEqual([
      'gitserver: Use opentracing for exec endpoint',
      'Adds support for showing the metadata and trending Artists to a Gene VC',
    ]);
    const multiplier = (await select(html, '#c-multiplier article.card h3')).map((h) => h.text);
    expect(multiplier).toContain('Add support for fetching pull request reviews');
    expect((await select(html, '#c-judgment article.card h3')).map((h) => h.text)).toEqual([
      'Said no to shipping code intelligence without rate limits',
    ]);
    expect((await select(html, '#untagged article.card h3')).map((h) => h.text)).toEqual([
      'TES-41: Unit test summary 1',
    ]);
  });

  it('gives every card anchor once, and summary links point at existing anchors', async () => {
    const ids = (await select(html, 'article.card')).map((c) => c.attrs.id).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(input.evidence.length);
    const targets = (await select(html, '#summary a'))
      .map((a) => a.attrs.href ?? '')
      .filter((h) => h.startsWith('#ev-'));
    expect(targets.length).toBeGreaterThan(0);
    for (const t of targets) expect(ids).toContain(t.slice(1));
  });

  it('never turns a non-http URL into a link, nor a URL written inside a title', async () => {
    const hrefs = (await select(html, 'a')).map((a) => a.attrs.href ?? '');
    for (const href of hrefs) expect(href).toMatch(/^(https?:\/\/|#)/);
    expect(hrefs).not.toContain('https://evil.example');
    expect(html).not.toContain('javascript:');
    const evil = (await select(html, 'article.card')).filter((c) => c.text.includes('Evil'));
    expect(evil).toHaveLength(1);
    expect(await select(html, `#${evil[0]?.attrs.id} a`)).toEqual([]);
  });

  it('escapes user content: a <script> in a claim is text, and the page has no script at all', async () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; and **not bold**');
    expect(html).toContain('Evil [click me](https://evil.example) &lt;b&gt;bold&lt;/b&gt;');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('Problem statement reviewed &lt;em&gt;and agreed&lt;/em&gt;.');
    // No external resources, no inline event handlers.
    expect(html).not.toMatch(/<(img|link|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/url\(|@import|@font-face/i);
  });

  it('never shows a private note, even when the objects passed in carry one', () => {
    const leaky = input.evidence.map(
      (e) => ({ ...e, privateNote: PRIVATE_MARK, meta: { ...e.meta, privateNote: PRIVATE_MARK } }) as Evidence,
    );
    expect(leaky.every((e) => e.privateNote === PRIVATE_MARK)).toBe(true);
    const page = renderSharePage({ ...input, evidence: leaky });
    expect(page).not.toContain(PRIVATE_MARK);
    expect(page).not.toContain('salary');
    expect(page).toContain('gitserver: Use opentracing for exec endpoint');
  });

  it('has a dark-mode aware and printable inline stylesheet', async () => {
    const styles = await select(html, 'style');
    expect(styles).toHaveLength(1);
    const css = styles[0]?.text ?? '';
    expect(css).toContain('@media (prefers-color-scheme:dark)');
    expect(css).toContain('@media print');
    expect(css).toContain('.competency{break-before:page}');
    expect(css).toContain('a{color:inherit;text-decoration:none}');
    expect(css).toContain('@page{');
  });

  it('lists the weekly logs, newest first, with the prompts that were answered', async () => {
    expect((await select(html, '#weekly-logs .log h3')).map((h) => h.text)).toEqual([
      'Week 15, 2019 (8 Apr to 14 Apr)',
      'Week 14, 2019 (1 Apr to 7 Apr)',
    ]);
    expect((await select(html, '#weekly-logs .log dt')).map((d) => d.text)).toEqual([
      'What did you ship?',
      'What decisions did you make?',
      'Who did you help, and how?',
      'What was the impact?',
      'What did you ship?',
    ]);
  });

  it('shows only the competencies a scoped share covers, and no logs when not shared', async () => {
    const scoped = renderSharePage(
      sampleShare(fixtures, { scope: { competencies: ['multiplier', 'judgment'] }, weeklyLogs: [] }),
    );
    expect((await select(scoped, 'main > section')).map((s) => s.attrs.id)).toEqual([
      'summary',
      'c-multiplier',
      'c-judgment',
      'untagged',
      'timeline',
    ]);
    expect((await select(scoped, '.facts dd'))[1]?.text).toBe('All time');
  });

  it('answers honestly when there is no evidence', async () => {
    const empty = renderSharePage(sampleShare(fixtures, { evidence: [], weeklyLogs: [] }));
    const answers = (await select(empty, '#summary .q > p')).map((p) => p.text);
    expect(answers).toEqual(['No evidence yet.', 'No evidence yet.', 'No evidence yet.', 'No evidence yet.']);
    expect(await select(empty, 'article.card')).toEqual([]);
    expect((await select(empty, '#c-ownership .empty'))[0]?.text).toBe('No evidence in this period.');
  });

  it('folds long runs of empty months in the timeline', async () => {
    const rows = (await select(html, '#timeline tr td.m')).map((td) => td.text);
    expect(rows[0]).toBe('Oct 2016');
    expect(rows).toContain('Feb 2017 to Sep 2018');
    expect(rows[rows.length - 1]).toBe('Apr 2019');
  });
});
