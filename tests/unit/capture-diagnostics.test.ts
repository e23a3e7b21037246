/**
 * The panel side of "which facts did the page miss" and "Copy diagnostics" (extension/capture/panel.ts,
 * diagnostics.ts): the capture outcome carries the missing facts and a report of the page's structure
 * (origin, route shape, markers as counts and booleans) that holds no page content; hostile injection
 * results are rejected.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { browser } from 'wxt/browser';
import { captureTab } from '../../extension/capture/panel';
import {
  describeMissing,
  diagnosticsText,
  lastDiagnostics,
  onDiagnostics,
  recordDiagnostics,
  routeShape,
} from '../../extension/capture/diagnostics';

const PR = 'https://github.com/acme/secret-project/pull/4821/changes?diff=split#diff-9f';

/** A browser whose injections answer `capture` for the capture script and `markers` for the diagnostics script. */
function browserAnswering(capture: unknown, markers: unknown) {
  return {
    ...fakeBrowser,
    runtime: { ...fakeBrowser.runtime, getManifest: () => ({ version: '1.2.3', optional_host_permissions: [] }) },
    scripting: {
      ...fakeBrowser.scripting,
      executeScript: async (d: { files?: string[] }) => [
        {
          frameId: 0,
          result: d.files?.[0]?.startsWith('/capture-') ? capture : d.files ? markers : undefined,
        },
      ],
    },
  } as unknown as typeof browser;
}

const draft = {
  source: 'github-pr',
  kind: 'pull-request',
  url: 'https://github.com/acme/secret-project/pull/4821',
  title: 'Rotate the signing keys of the payroll service',
  suggestedCompetencies: [],
  metrics: [],
  meta: { repo: 'acme/secret-project', number: 4821, author: 'ada' },
};

describe('capture outcome with missing facts and diagnostics', () => {
  it('passes the missing facts and builds a report without page content', async () => {
    const b = browserAnswering(
      { ok: true, extractor: 'github-pr', draft, missing: ['state', 'mergedAt'] },
      { markers: { embeddedJson: 0, stateLabel: 0, headerTitle: 1, srOnlyDiffstat: true } },
    );
    const outcome = await captureTab({ id: 4, url: PR }, {}, b);
    expect(outcome.kind).toBe('draft');
    if (outcome.kind !== 'draft') return;
    expect(outcome.draft.meta).not.toHaveProperty('state'); // the schema lets an unknown state be absent
    expect(outcome.missing).toEqual(['state', 'mergedAt']);
    expect(outcome.diagnostics).toEqual({
      extractor: 'github-pr',
      usedExtractor: 'github-pr',
      origin: 'https://github.com',
      route: '/:x/:x/pull/:n/changes',
      missing: ['state', 'mergedAt'],
      markers: { embeddedJson: 0, stateLabel: 0, headerTitle: 1, srOnlyDiffstat: true },
      fellBack: false,
      version: '1.2.3',
    });
    const text = diagnosticsText(outcome.diagnostics);
    for (const secret of ['secret-project', 'acme', '4821', 'payroll', 'ada', 'diff-9f', 'split']) {
      expect(text).not.toContain(secret);
    }
  });

  it('drops markers that are not counts or booleans, and a capture still succeeds without them', async () => {
    for (const markers of [{ markers: { title: 'Rotate the signing keys' } }, { markers: { n: -1 } }, 'x', undefined]) {
      const outcome = await captureTab({ id: 4, url: PR }, {}, browserAnswering({ ok: true, draft }, markers));
      expect(outcome).toMatchObject({ kind: 'draft', missing: [], diagnostics: { markers: {} } });
    }
  });

  it('rejects a capture result whose missing list is not a short list of names', async () => {
    const outcome = await captureTab(
      { id: 4, url: PR },
      {},
      browserAnswering({ ok: true, draft, missing: ['x'.repeat(500)] }, { markers: {} }),
    );
    expect(outcome.kind).toBe('unreadable');
  });
});

describe('diagnostics helpers', () => {
  it('keeps only the route words of a URL', () => {
    expect(routeShape('https://github.com/o/r/pull/12/files')).toBe('/:x/:x/pull/:n/files');
    expect(routeShape('https://acme.atlassian.net/browse/KT-22?x=1')).toBe('/browse/:x');
    expect(routeShape('not a url')).toBe('');
  });

  it('says in words which facts were not found', () => {
    expect(describeMissing(['state'])).toBe('state not found on this page');
    expect(describeMissing(['state', 'additions', 'mergedAt'])).toBe(
      'state, lines added and merge time not found on this page',
    );
    expect(describeMissing([])).toBe('');
  });

  it('remembers the last capture and tells its listeners', () => {
    let calls = 0;
    const off = onDiagnostics(() => calls++);
    const d = {
      extractor: 'jira',
      usedExtractor: 'jira',
      origin: 'https://acme.atlassian.net',
      route: '/browse/:x',
      missing: [],
      markers: {},
      fellBack: false,
      version: '1',
    };
    recordDiagnostics(d);
    off();
    recordDiagnostics({ ...d, extractor: 'web' });
    expect(calls).toBe(1);
    expect(lastDiagnostics()?.extractor).toBe('web');
    expect(JSON.parse(diagnosticsText(d))).toMatchObject({ casebookCaptureDiagnostics: 1, extractor: 'jira' });
  });
});
