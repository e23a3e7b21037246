/**
 * One definition of "this week" in the digest (shared/week.ts): evidence is
 * this week's when the work happened in it (`occurredOn`), not when it was
 * clipped or imported. A history import of 500 items is one line, never a
 * flood; drafts (no claim yet) are counted.
 */
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../shared/schemas';
import { composeDigest } from '../../worker/render/digest';
import { backfilledInWeek, evidenceOfWeek } from '../../shared/dates';
import { sampleDigest, sampleEvidence } from './render-fixtures';
import { fixtures, select } from './render-load';

/** `count` PRs imported on Tuesday of 2019-W15 whose work (merge date) was spread over 2018, as drafts. */
function importedYear(count: number): Evidence[] {
  const base = sampleEvidence(fixtures)[0] as Evidence;
  return Array.from({ length: count }, (_, i) => ({
    ...base,
    id: `01HX${String(i).padStart(22, '0')}`,
    url: `https://github.com/sourcegraph/sourcegraph/pull/${10_000 + i}`,
    title: `Imported PR ${i + 1}`,
    occurredOn: `2018-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    capturedAt: '2019-04-09T10:00:00.000Z',
    claim: '',
    impact: '',
    competencies: ['ownership'],
  }));
}

describe('digest: this week is when the work happened', () => {
  it('does not list 500 imported items; it sums them up in one line in both parts', async () => {
    const base = sampleDigest(fixtures);
    const d = composeDigest({ ...base, evidence: [...base.evidence, ...importedYear(500)] });
    // The sample's own week: #3257 only. The two older items clipped that week join the 500 in the count line.
    expect(d.subject).toBe('1 item this week, nothing on Multiplying others since January');
    expect(d.html).not.toContain('Imported PR');
    expect(d.text).not.toContain('Imported PR');
    expect(d.html).toContain('502 items imported from your history this week.');
    expect(d.text).toContain('502 items imported from your history this week.');
    const links = (await select(d.html, 'a')).map((a) => a.attrs.href ?? '');
    expect(links.filter((h) => /pull\/1\d{4}$/.test(h))).toEqual([]);
  });

  it('counts drafts (evidence with no claim) in a line of its own', () => {
    const base = sampleDigest(fixtures);
    const d = composeDigest({ ...base, evidence: [...base.evidence, ...importedYear(3)] });
    // The three imported drafts plus the sample's TES-41, whose claim is empty.
    expect(d.text).toContain('4 items need a claim (marked Needs claim in your Library).');
    const finished = composeDigest({
      ...base,
      evidence: base.evidence.map((e) => ({ ...e, claim: e.claim || 'I closed the story.' })),
    });
    expect(finished.text).not.toContain('need a claim');
    expect(finished.text).not.toContain('needs a claim');
  });

  it('lists work dated this week even when it was clipped the week after', () => {
    const base = sampleDigest(fixtures);
    const late: Evidence = {
      ...(sampleEvidence(fixtures)[2] as Evidence),
      id: '01HY0000000000000000000001',
      url: 'https://github.com/artsy/emission/pull/9999',
      title: 'Clipped a week late',
      occurredOn: '2019-04-12',
      capturedAt: '2019-04-19T09:00:00.000Z',
    };
    const d = composeDigest({ ...base, evidence: [...base.evidence, late] });
    expect(d.subject.startsWith('2 items this week')).toBe(true);
    expect(d.text).toContain('- Clipped a week late');
  });

  it('shares its week helpers with the Week tab: deleted items never count', () => {
    const items = importedYear(2).map((e, i) => ({ ...e, deletedAt: i === 0 ? '2019-04-10T00:00:00.000Z' : null }));
    expect(backfilledInWeek(items, '2019-W15')).toBe(1);
    expect(backfilledInWeek(items, '2019-W16')).toBe(0);
    // Imported PR 2 was merged on 2 Feb 2018 (ISO week 5); Imported PR 1 is deleted.
    expect(evidenceOfWeek(items, '2018-W05').map((e) => e.title)).toEqual(['Imported PR 2']);
    expect(evidenceOfWeek(items, '2018-W01')).toEqual([]);
  });
});
