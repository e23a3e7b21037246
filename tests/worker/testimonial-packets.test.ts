/**
 * Peer testimonials in every packet format behind a share link
 * (`GET /s/:token/packet.md?format=`, real worker, local D1): the shown
 * testimonial is quoted with name and relationship, a hidden one never
 * appears, in the default packet and the Google, Amazon and Meta formats.
 */
import { describe, expect, it } from 'vitest';
import { PACKET_FORMATS } from '../../shared/packets/index';
import { BASE, call } from './helpers';
import { ask, form, GOOD, list, SECRET, seeded } from './testimonial-helpers';

const HIDDEN_TEXT =
  'He rewrote the on-call runbook for the search cluster and paged me through two incidents; our mean time to recover dropped from ninety minutes to twenty.';

describe('testimonials in packet formats', () => {
  it('packet.md?format= quotes the shown testimonial and never the hidden one', async () => {
    const { token, pr, jira } = await seeded('formats@example.com');
    const shown = await ask(token, { peerName: 'Sam', evidenceIds: [pr.id] });
    expect(
      (await form(shown.path, { name: 'Sam Lee', relationship: 'Staff engineer', text: GOOD, version: '' })).status,
    ).toBe(200);
    const hidden = await ask(token, { peerName: 'Kai', evidenceIds: [pr.id, jira.id] });
    expect(
      (await form(hidden.path, { name: 'Kai Hidden', relationship: 'Manager', text: HIDDEN_TEXT, version: '' })).status,
    ).toBe(200);
    const kai = (await list(token)).testimonials.find((t) => t.name === 'Kai Hidden')!;
    const patch = await call(`/api/v1/testimonials/${kai.id}`, { method: 'PATCH', token, json: { hidden: true } });
    expect(patch.status).toBe(200);

    const share = await call('/api/v1/shares', { token, json: { label: 'H2' } });
    const path = ((await share.json()) as { url: string }).url.slice(BASE.length);
    for (const format of PACKET_FORMATS) {
      const res = await call(`${path}/packet.md?format=${format}`);
      expect(res.status).toBe(200);
      const md = await res.text();
      expect(md).toContain(GOOD.slice(0, 60));
      expect(md).toContain('Sam Lee, Staff engineer');
      expect(md).not.toContain(HIDDEN_TEXT.slice(0, 30));
      expect(md).not.toContain('Kai Hidden');
      expect(md).not.toContain(SECRET);
    }
  });
});
