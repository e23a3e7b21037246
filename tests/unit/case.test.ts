/**
 * shared/case.ts: coverage, consistency, gaps, untagged, streak and the
 * calibration summary, on items built from real fixtures (dates, titles and
 * kinds from tests/fixtures/github and tests/fixtures/jira, see tests/fixtures/SOURCES.md).
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  buildCase,
  calibrationSummary,
  consistency,
  coverage,
  formatDay,
  formatMonth,
  gaps,
  groupByCompetency,
  lastQuarters,
  monthlyCounts,
  previousIsoWeek,
  strengthOf,
  untaggedItems,
  weekStreak,
  type CaseItem,
} from '../../shared/case';
import { SENIOR_ENGINEER, type Rubric } from '../../shared/rubric';
import pr327 from '../fixtures/github/rest-pull-merged-artsy-emission-327.json';
import pr671 from '../fixtures/github/rest-pull-merged-github3py-671.json';
import jiraTes41 from '../fixtures/jira/webhook-cloud-issue-updated-story-done-TES-41.json';

let n = 0;
function item(over: Partial<CaseItem> & Pick<CaseItem, 'occurredOn'>): CaseItem {
  n += 1;
  return { id: `item-${n}`, kind: 'pull-request', role: 'author', title: `Item ${n}`, competencies: [], ...over };
}

/** Items from the fixtures: github3py#671 reviewed, artsy/emission#327 authored, Jira TES-41 resolved. */
const review671 = item({
  kind: 'code-review',
  role: 'reviewer',
  title: pr671.title,
  occurredOn: pr671.merged_at.slice(0, 10), // 2017-01-27
  competencies: ['multiplier'],
});
const pr327Item = item({ title: pr327.title, occurredOn: pr327.merged_at.slice(0, 10), competencies: ['ownership'] }); // 2016-10-03
const tes41 = item({
  kind: 'ticket',
  role: 'assignee',
  title: `${jiraTes41.issue.key}: ${jiraTes41.issue.fields.summary}`,
  occurredOn: jiraTes41.issue.fields.resolutiondate.slice(0, 10), // 2019-02-15
});

describe('date helpers', () => {
  it('formats days and months for people', () => {
    expect(formatDay('2019-04-08')).toBe('8 Apr 2019');
    expect(formatDay('not a date')).toBe('not a date');
    expect(formatMonth('2018-10-22', '2018-12-01')).toBe('October');
    expect(formatMonth('2018-10-22', '2019-04-12')).toBe('October 2018');
  });

  it('lists the last four quarters across a year boundary, oldest first', () => {
    expect(lastQuarters('2019-02-15')).toEqual(['2018-Q2', '2018-Q3', '2018-Q4', '2019-Q1']);
    expect(lastQuarters('2026-11-20')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
  });

  it('steps back ISO weeks across years with 52 and 53 weeks', () => {
    expect(previousIsoWeek('2019-W01')).toBe('2018-W52');
    expect(previousIsoWeek('2021-W01')).toBe('2020-W53');
    expect(addDays('2019-03-01', -1)).toBe('2019-02-28');
  });
});

describe('grouping and untagged', () => {
  it('puts items under each of their competencies, in rubric order, newest first', () => {
    const a = item({ occurredOn: '2019-04-08', competencies: ['technical-leadership', 'ownership'] });
    const groups = groupByCompetency([pr327Item, a, review671], SENIOR_ENGINEER);
    expect(groups.map((g) => g.competencyId)).toEqual(SENIOR_ENGINEER.competencies.map((c) => c.id));
    expect(groups.find((g) => g.competencyId === 'ownership')?.items.map((e) => e.id)).toEqual([a.id, pr327Item.id]);
    expect(groups.find((g) => g.competencyId === 'technical-leadership')?.items).toEqual([a]);
    expect(groups.find((g) => g.competencyId === 'multiplier')?.items).toEqual([review671]);
    expect(groups.find((g) => g.competencyId === 'judgment')?.items).toEqual([]);
  });

  it('counts items with no tag, or only tags the rubric does not know, as untagged', () => {
    const unknownTag = item({ occurredOn: '2019-03-01', competencies: ['leadership-principles'] });
    expect(untaggedItems([tes41, unknownTag, review671], SENIOR_ENGINEER)).toEqual([unknownTag, tes41]);
  });
});

describe('coverage', () => {
  it('grades strength by count and spread over quarters', () => {
    expect(strengthOf(0, 0)).toBe('none');
    expect(strengthOf(2, 2)).toBe('thin');
    expect(strengthOf(3, 1)).toBe('developing');
    expect(strengthOf(5, 1)).toBe('developing');
    expect(strengthOf(5, 2)).toBe('strong');
  });

  it('gives count, last date and strength per competency', () => {
    const more = ['2018-01-10', '2018-05-02', '2018-05-20', '2018-09-01'].map((d) =>
      item({ occurredOn: d, competencies: ['ownership'] }),
    );
    const cov = coverage([pr327Item, review671, tes41, ...more], SENIOR_ENGINEER);
    expect(cov.find((c) => c.competencyId === 'ownership')).toEqual({
      competencyId: 'ownership',
      name: 'Ownership and scope',
      count: 5,
      lastOn: '2018-09-01',
      strength: 'strong',
    });
    expect(cov.find((c) => c.competencyId === 'multiplier')).toMatchObject({
      count: 1,
      lastOn: '2017-01-27',
      strength: 'thin',
    });
    expect(cov.find((c) => c.competencyId === 'communication')).toMatchObject({
      count: 0,
      lastOn: null,
      strength: 'none',
    });
  });
});

describe('consistency', () => {
  it('counts evidence per competency per quarter over the last 4 quarters only', () => {
    const items = [
      item({ occurredOn: '2019-04-08', competencies: ['ownership', 'technical-leadership'] }),
      item({ occurredOn: '2019-01-15', competencies: ['multiplier'] }),
      item({ occurredOn: '2018-07-01', competencies: ['multiplier', 'multiplier'] }),
      item({ occurredOn: '2018-06-30', competencies: ['multiplier'] }), // 2018-Q2: outside the window
      tes41, // 2019-Q1, untagged
    ];
    const c = consistency(items, SENIOR_ENGINEER, '2019-04-12');
    expect(c.quarters).toEqual(['2018-Q3', '2018-Q4', '2019-Q1', '2019-Q2']);
    expect(c.rows.find((r) => r.competencyId === 'multiplier')?.counts).toEqual([1, 0, 1, 0]);
    expect(c.rows.find((r) => r.competencyId === 'ownership')?.counts).toEqual([0, 0, 0, 1]);
    expect(c.rows.find((r) => r.competencyId === 'technical-leadership')?.counts).toEqual([0, 0, 0, 1]);
    expect(c.totals).toEqual([1, 0, 2, 1]);
  });
});

describe('gaps', () => {
  it('lists competencies with nothing in the 28 days ending on asOf, longest silent first', () => {
    const asOf = '2019-04-12';
    const items = [
      item({ occurredOn: addDays(asOf, -27), competencies: ['ownership'] }), // first day of the window: recent
      item({ occurredOn: addDays(asOf, -28), competencies: ['ambiguity'] }), // one day too old
      item({ occurredOn: '2018-10-22', competencies: ['communication'] }),
      item({ occurredOn: '2019-01-15', competencies: ['multiplier'] }),
      item({ occurredOn: '2019-04-08', competencies: ['technical-leadership'] }),
    ];
    const g = gaps(items, SENIOR_ENGINEER, asOf);
    expect(g.map((x) => x.competencyId)).toEqual(['judgment', 'communication', 'multiplier', 'ambiguity']);
    expect(g[0]).toEqual({ competencyId: 'judgment', name: 'Judgment and autonomy', lastOn: null });
    expect(g[1]?.lastOn).toBe('2018-10-22');
  });
});

describe('weekStreak', () => {
  it('counts consecutive ISO weeks with evidence, ending this week', () => {
    // 2019-04-12 is in 2019-W15; W13 and W14 also have items, W12 does not.
    const items = ['2019-04-08', '2019-04-05', '2019-03-25', '2019-03-11'].map((d) => item({ occurredOn: d }));
    expect(weekStreak(items, '2019-04-12')).toEqual({ weeks: 3, throughWeek: '2019-W15' });
  });

  it('does not break the streak on a still-empty current week, but does after two', () => {
    const items = ['2019-04-05', '2019-03-25'].map((d) => item({ occurredOn: d }));
    expect(weekStreak(items, '2019-04-12')).toEqual({ weeks: 2, throughWeek: '2019-W14' });
    expect(weekStreak(items, '2019-04-19')).toEqual({ weeks: 0, throughWeek: null });
    expect(weekStreak([], '2019-04-19')).toEqual({ weeks: 0, throughWeek: null });
  });

  it('runs across the new year', () => {
    const items = ['2019-01-02', '2018-12-27', '2018-12-18'].map((d) => item({ occurredOn: d }));
    expect(weekStreak(items, '2019-01-03')).toEqual({ weeks: 3, throughWeek: '2019-W01' });
  });
});

describe('monthlyCounts', () => {
  it('fills the months between the first and last item with zeros', () => {
    expect(monthlyCounts([review671, pr327Item])).toEqual([
      { month: '2016-10', count: 1 },
      { month: '2016-11', count: 0 },
      { month: '2016-12', count: 0 },
      { month: '2017-01', count: 1 },
    ]);
    expect(monthlyCounts([])).toEqual([]);
  });
});

describe('calibrationSummary', () => {
  it('says honestly "No evidence yet." for every question when there is nothing', () => {
    const s = calibrationSummary([], SENIOR_ENGINEER, '2019-04-12');
    expect(s.answers.map((a) => a.id)).toEqual(['next-level', 'team-impact', 'technical-leadership', 'sustained']);
    for (const a of s.answers) {
      expect(a.supported).toBe(false);
      expect(a.answer).toBe('No evidence yet.');
      expect(a.evidence).toEqual([]);
    }
  });

  it('answers each question with the evidence behind it', () => {
    const tracing = item({
      title: 'gitserver: Use opentracing for exec endpoint',
      occurredOn: '2019-04-08',
      competencies: ['technical-leadership', 'ownership'],
    });
    const doc = item({
      kind: 'design-doc',
      role: 'owner',
      title: 'Problem statement',
      occurredOn: '2019-03-20',
      competencies: ['ambiguity'],
    });
    const talk = item({ kind: 'talk', role: 'owner', occurredOn: '2018-10-22', competencies: ['communication'] });
    const reviewThisYear = { ...review671, id: 'review-2019', occurredOn: '2019-01-27', competencies: [] };
    const s = calibrationSummary([tes41, tracing, doc, talk, reviewThisYear], SENIOR_ENGINEER, '2019-04-12');
    const byId = Object.fromEntries(s.answers.map((a) => [a.id, a]));

    expect(byId['next-level']?.evidence.map((e) => e.id)).toEqual([tracing.id, doc.id]);
    expect(byId['next-level']?.answer).toBe(
      '2 items tagged Ownership and scope, Navigating ambiguity and Technical leadership, most recently on 8 Apr 2019.',
    );
    // An untagged review still counts through its role and kind.
    expect(byId['team-impact']?.evidence.map((e) => e.id)).toEqual([reviewThisYear.id, talk.id]);
    expect(byId['team-impact']?.answer).toBe(
      '1 item tagged Communication and influence; 1 review, approval or mentoring item.',
    );
    // Only the competencies the evidence actually carries are named.
    const only = calibrationSummary([tracing], SENIOR_ENGINEER, '2019-04-12');
    expect(only.answers.find((a) => a.id === 'next-level')?.answer).toBe(
      '1 item tagged Ownership and scope and Technical leadership, most recently on 8 Apr 2019.',
    );
    // A design doc counts as technical leadership even without the tag.
    expect(byId['technical-leadership']?.evidence.map((e) => e.id)).toEqual([tracing.id, doc.id]);
    expect(byId['technical-leadership']?.answer).toBe('1 item tagged Technical leadership; 1 design doc.');
    expect(byId['sustained']?.supported).toBe(true);
    expect(byId['sustained']?.answer).toBe(
      'Evidence in 3 of the last 4 quarters (2018-Q3: 0, 2018-Q4: 1, 2019-Q1: 3, 2019-Q2: 1), across 2 half-years.',
    );
    // Newest item of each active quarter, newest quarter first.
    expect(byId['sustained']?.evidence.map((e) => e.id)).toEqual([tracing.id, doc.id, talk.id]);
    expect(s.sustained.halves).toEqual(['2018-H2', '2019-H1']);
  });

  it('does not call one good quarter sustained', () => {
    const items = ['2019-04-01', '2019-04-08', '2019-05-02'].map((d) =>
      item({ occurredOn: d, competencies: ['ownership'] }),
    );
    const sustained = calibrationSummary(items, SENIOR_ENGINEER, '2019-05-10').answers.find(
      (a) => a.id === 'sustained',
    );
    expect(sustained?.supported).toBe(false);
    expect(sustained?.answer).toMatch(/Evidence in 1 of the last 4 quarters .*: one quarter only so far\.$/);
  });

  it('only uses competency ids the rubric has', () => {
    const custom: Rubric = {
      id: 'custom',
      name: 'Custom ladder',
      competencies: [{ id: 'delivery', name: 'Delivery', description: '', signals: [] }],
    };
    const s = calibrationSummary(
      [item({ occurredOn: '2019-04-08', competencies: ['ownership', 'delivery'] })],
      custom,
      '2019-04-12',
    );
    expect(s.answers.find((a) => a.id === 'next-level')?.answer).toBe('No evidence yet.');
  });
});

describe('buildCase', () => {
  it('derives every part of the case at once', () => {
    const view = buildCase([pr327Item, review671, tes41], SENIOR_ENGINEER, '2019-04-12');
    expect(view.untagged).toEqual([tes41]);
    expect(view.groups).toHaveLength(SENIOR_ENGINEER.competencies.length);
    expect(view.gaps).toHaveLength(SENIOR_ENGINEER.competencies.length);
    expect(view.streak.weeks).toBe(0);
    expect(view.consistency.totals).toEqual([0, 0, 1, 0]);
  });
});
