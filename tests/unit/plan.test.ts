/**
 * shared/plan.ts: the 90-day plan (phases, dates, status, actions from the
 * gaps, evidence and goals per phase). Evidence dates and kinds follow the
 * real fixtures in tests/fixtures/github (sourcegraph#3257 merged
 * 2019-04-08, github3py#671 reviewed, Jira TES-41 resolved), shifted into a
 * plan that starts on 2019-03-01.
 */
import { describe, expect, it } from 'vitest';
import { ninetyDayPlan, type PlanEvidence } from '../../shared/plan';
import { SENIOR_ENGINEER } from '../../shared/rubric';
import { PRESET_RUBRICS } from '../../shared/rubrics';
import type { Goal } from '../../shared/schemas';

type Item = PlanEvidence & { title: string };

const pr3257: Item = {
  title: 'gitserver: Use opentracing for exec endpoint',
  occurredOn: '2019-04-08',
  kind: 'pull-request',
  role: 'author',
  competencies: ['technical-leadership', 'ownership'],
};
const review671: Item = {
  title: 'Add support for fetching pull request reviews',
  occurredOn: '2019-03-12',
  kind: 'code-review',
  role: 'reviewer',
  competencies: ['multiplier'],
};
const tes41: Item = {
  title: 'TES-41: Unit test summary 1',
  occurredOn: '2019-05-20',
  kind: 'ticket',
  role: 'assignee',
  competencies: [],
};
const problemStatement: Item = {
  title: 'Gitserver observability: one-page problem statement',
  occurredOn: '2019-03-20',
  kind: 'design-doc',
  role: 'owner',
  competencies: ['ambiguity', 'communication'],
};
const before: Item = {
  title: 'Explained the search latency trade-off to product',
  occurredOn: '2018-10-22',
  kind: 'talk',
  role: 'owner',
  competencies: ['communication'],
};

let n = 0;
function goal(over: Partial<Goal>): Goal {
  n += 1;
  return {
    id: `01HV00000000000000000000${String(n).padStart(2, '0')}`,
    competency: 'judgment',
    description: `Goal ${n}`,
    dueOn: null,
    status: 'open',
    updatedAt: '2019-03-01T09:00:00.000Z-0000-dev1',
    deletedAt: null,
    ...over,
  };
}

const START = '2019-03-01';
const evidence = [pr3257, review671, tes41, problemStatement, before];

describe('ninetyDayPlan', () => {
  it('splits 90 days from the start date into three 30-day phases', () => {
    const plan = ninetyDayPlan({ startDate: START, today: '2019-04-15', rubric: SENIOR_ENGINEER, evidence, goals: [] });
    expect(plan).toMatchObject({ startDate: START, endDate: '2019-05-29', today: '2019-04-15', day: 46 });
    expect(plan.phases.map((p) => [p.id, p.index, p.title, p.days, p.startDate, p.endDate, p.status])).toEqual([
      ['baseline', 1, 'Baseline', 'Days 1-30', '2019-03-01', '2019-03-30', 'done'],
      ['ownership', 2, 'Deliberate ownership', 'Days 31-60', '2019-03-31', '2019-04-29', 'current'],
      ['stakeholders', 3, 'Stakeholder surface', 'Days 61-90', '2019-04-30', '2019-05-29', 'upcoming'],
    ]);
  });

  it('counts the day of the plan, with 0 before and 91 after, and phase edges inclusive', () => {
    const at = (today: string) =>
      ninetyDayPlan({ startDate: START, today, rubric: SENIOR_ENGINEER, evidence: [], goals: [] });
    expect(at('2019-02-28').day).toBe(0);
    expect(at('2019-02-28').phases.map((p) => p.status)).toEqual(['upcoming', 'upcoming', 'upcoming']);
    expect(at('2019-03-01').day).toBe(1);
    expect(at('2019-03-01').phases[0]?.status).toBe('current');
    expect(at('2019-03-30').day).toBe(30);
    expect(at('2019-03-30').phases.map((p) => p.status)).toEqual(['current', 'upcoming', 'upcoming']);
    expect(at('2019-03-31').phases.map((p) => p.status)).toEqual(['done', 'current', 'upcoming']);
    expect(at('2019-05-29').day).toBe(90);
    expect(at('2019-05-30').day).toBe(91);
    expect(at('2019-05-30').phases.map((p) => p.status)).toEqual(['done', 'done', 'done']);
  });

  it('puts each evidence item in the phase it happened in, newest first', () => {
    const plan = ninetyDayPlan({ startDate: START, today: '2019-04-15', rubric: SENIOR_ENGINEER, evidence, goals: [] });
    expect(plan.phases.map((p) => p.evidence.map((e) => e.title))).toEqual([
      [problemStatement.title, review671.title],
      [pr3257.title],
      [tes41.title],
    ]);
  });

  it('focuses on the weakest competencies and derives the actions from the gaps', () => {
    const plan = ninetyDayPlan({ startDate: START, today: '2019-04-15', rubric: SENIOR_ENGINEER, evidence, goals: [] });
    // judgment has no evidence at all; multiplier has one item (12 Mar), not in the 4 weeks before 15 Apr.
    expect(plan.focusCompetencies).toEqual(['judgment', 'multiplier']);
    const [baseline, ownership, stakeholders] = plan.phases;
    expect(baseline?.actions).toEqual([
      'Tell your manager you are going for Senior software engineer, and ask what evidence would convince the calibration committee.',
      'Get the gaps written down together: Judgment and autonomy and Multiplying others have no evidence in the last 4 weeks.',
      'Agree a goal with a due date for Judgment and autonomy and Multiplying others, your weakest competencies.',
      'Start the weekly log: every week, what you shipped, decisions you made, who you helped and the impact.',
    ]);
    expect(ownership?.focus).toBe(
      'Own something end to end in your weakest competencies: Judgment and autonomy and Multiplying others.',
    );
    expect(ownership?.actions.slice(0, 2)).toEqual([
      'Own something end to end in Judgment and autonomy, aiming at the signal "Made a call the manager might have made differently, and was right".',
      'Own something end to end in Multiplying others, aiming at the signal "Code reviews that change how others work".',
    ]);
    expect(stakeholders?.actions[0]).toMatch(/^Make the work visible beyond the team/);
    expect(stakeholders?.actions).toContain(
      'Close what is still thin: Judgment and autonomy, Multiplying others, Navigating ambiguity, Ownership and scope, Technical leadership and Communication and influence have fewer than 3 items.',
    );
  });

  it('reviews the goals already agreed for the focus competencies instead of asking for new ones', () => {
    const goals = [
      goal({ competency: 'judgment', dueOn: '2019-04-20', status: 'in-progress' }),
      goal({ competency: 'multiplier', dueOn: '2019-05-01' }),
      goal({ competency: 'ambiguity', dueOn: '2019-05-02' }),
    ];
    const plan = ninetyDayPlan({ startDate: START, today: '2019-04-15', rubric: SENIOR_ENGINEER, evidence, goals });
    const actions = plan.phases[0]?.actions ?? [];
    expect(actions).toContain(
      'Review the 2 goals agreed for Judgment and autonomy and Multiplying others and check the due dates fit in these 90 days.',
    );
    expect(actions.some((a) => a.startsWith('Agree a goal'))).toBe(false);
  });

  it('names only the competencies that have a goal, and keeps a weekly log going rather than starting one', () => {
    const goals = [goal({ competency: 'judgment', dueOn: '2019-04-20' })];
    const logs = [
      { week: '2019-W14', deletedAt: null },
      { week: '2019-W15', deletedAt: null },
      { week: '2019-W13', deletedAt: '2019-04-02T10:00:00.000Z' },
    ];
    const plan = ninetyDayPlan({
      startDate: START,
      today: '2019-04-15',
      rubric: SENIOR_ENGINEER,
      evidence,
      goals,
      weeklyLogs: logs,
    });
    const actions = plan.phases[0]?.actions ?? [];
    expect(actions).toContain(
      'Review the goal agreed for Judgment and autonomy and check the due dates fit in these 90 days.',
    );
    expect(actions).toContain('Agree a goal with a due date for Multiplying others, your weakest competency.');
    expect(actions.some((a) => a.startsWith('Start the weekly log'))).toBe(false);
    expect(actions).toContain('Keep the weekly log going (2 weeks written so far): five minutes every week.');
  });

  it('says when there is no gap, and keeps every competency once evidence is everywhere', () => {
    const rich: PlanEvidence[] = SENIOR_ENGINEER.competencies.flatMap((c) =>
      ['2018-11-10', '2019-01-10', '2019-02-10', '2019-04-01', '2019-04-10'].map((occurredOn) => ({
        occurredOn,
        kind: 'pull-request' as const,
        role: 'author' as const,
        competencies: [c.id],
      })),
    );
    const plan = ninetyDayPlan({
      startDate: START,
      today: '2019-04-15',
      rubric: SENIOR_ENGINEER,
      evidence: rich,
      goals: [],
    });
    expect(plan.phases[0]?.actions[1]).toMatch(/^Get the gaps written down together: ask where the case is thinnest/);
    expect(plan.phases[2]?.actions.some((a) => a.startsWith('Close what is still thin'))).toBe(false);
    expect(plan.focusCompetencies).toHaveLength(2);
  });

  it('places goals by due date, leaving out deleted ones', () => {
    const inBaseline = goal({ dueOn: '2019-03-15' });
    const inOwnership = goal({ dueOn: '2019-04-29', status: 'done' });
    const early = goal({ dueOn: '2019-04-01' });
    const undated = goal({ dueOn: null });
    const outside = goal({ dueOn: '2019-08-01' });
    const deleted = goal({ dueOn: '2019-03-10', deletedAt: '2019-03-02T00:00:00.000Z' });
    const plan = ninetyDayPlan({
      startDate: START,
      today: '2019-03-05',
      rubric: SENIOR_ENGINEER,
      evidence: [],
      goals: [outside, inOwnership, deleted, undated, early, inBaseline],
    });
    expect(plan.phases.map((p) => p.goals)).toEqual([[inBaseline], [early, inOwnership], []]);
    expect(plan.undatedGoals).toEqual([undated]);
    expect(plan.otherGoals).toEqual([outside]);
  });

  it('works with a company preset and its own signals', () => {
    const meta = PRESET_RUBRICS.find((r) => r.id === 'meta-e4-e5');
    if (!meta) throw new Error('no Meta preset');
    const plan = ninetyDayPlan({
      startDate: START,
      today: START,
      rubric: meta,
      evidence: [{ occurredOn: '2019-02-20', kind: 'pull-request', role: 'author', competencies: ['project-impact'] }],
      goals: [],
    });
    expect(plan.phases[0]?.actions[0]).toContain('going for Meta E4 to E5');
    expect(plan.focusCompetencies).toEqual(['direction', 'engineering-excellence']);
    expect(plan.phases[1]?.actions[0]).toBe(
      'Own something end to end in Direction, aiming at the signal "Proposed the roadmap for their area and got it adopted".',
    );
  });

  it('starts today when the start date is blank or invalid, and refuses an invalid today', () => {
    for (const startDate of ['', '2019-02-30', 'soon'])
      expect(
        ninetyDayPlan({ startDate, today: '2019-04-15', rubric: SENIOR_ENGINEER, evidence: [], goals: [] }).startDate,
      ).toBe('2019-04-15');
    expect(() =>
      ninetyDayPlan({ startDate: START, today: '15/04/2019', rubric: SENIOR_ENGINEER, evidence: [], goals: [] }),
    ).toThrow(RangeError);
  });
});
