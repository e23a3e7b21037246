/**
 * Dead capability links (unknown, revoked or expired share and digest links)
 * answer with a page in the share page's own styles (issue 19, item 7).
 */
import { describe, expect, it } from 'vitest';
import { LinkProblemPage, renderDocument } from '../../worker/pages/layout';
import { SHARE_PAGE_CSS } from '../../worker/render/share-page';
import { call, expectCapabilityHeaders } from './helpers';

describe('link problem pages', () => {
  it.each(['/s/', '/d/'])('an unknown %s token answers 404 in the share page styles', async (prefix) => {
    const res = await call(`${prefix}${'x'.repeat(43)}`);
    expect(res.status).toBe(404);
    expectCapabilityHeaders(res);
    const html = await res.text();
    expect(html).toContain(SHARE_PAGE_CSS);
    expect(html).toContain('<div class="wrap">');
    expect(html).toContain('<p class="eyebrow">Casebook · read-only link</p>');
  });

  it('the expired page (410) is the same page with its own words, escaped', async () => {
    const html = await renderDocument(
      <LinkProblemPage title="This link has expired" message="Past its <expiry> date." />,
    );
    expect(html).toContain(SHARE_PAGE_CSS);
    expect(html).toContain('<h1>This link has expired</h1>');
    expect(html).toContain('Past its &lt;expiry&gt; date.');
  });
});
