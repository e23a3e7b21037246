/**
 * The 90-day plan in the case view, from a start date the engineer picks:
 * 1. days 1-30, baseline: say you are going for the next level and get the
 *    gaps written down with the manager;
 * 2. days 31-60, deliberate ownership: own something end to end in the
 *    weakest competencies;
 * 3. days 61-90, stakeholder surface: make the work visible beyond the team.
 * Suggested actions come from the case (coverage and gaps in ./case), the
 * rubric's own signals and the goals agreed with the manager.
 *
 * Pure: no DOM, no Workers APIs, no clock (`today` is passed in). Dates are
 * `YYYY-MM-DD`, compared as strings.
 */
import { coverage, gaps, type CaseItem, type CompetencyCoverage, type Strength } from './case';
import { addDays, daysBetween, isDay } from './dates';
import type { Rubric } from './rubric';
import type { Evidence, Goal } from './schemas';

/** The evidence fields the plan reads. */
export type PlanEvidence = Pick<Evidence, 'occurredOn' | 'competencies' | 'kind' | 'role'>;

/** Id of a plan phase. */
export type PlanPhaseId = 'baseline' | 'ownership' | 'stakeholders';

/** One 30-day phase. Dates are `YYYY-MM-DD`, inclusive. */
export interface PlanPhase<T extends PlanEvidence = PlanEvidence> {
  id: PlanPhaseId;
  /** 1, 2 or 3. */
  index: number;
  /** `Baseline`, `Deliberate ownership`, `Stakeholder surface`. */
  title: string;
  /** `Days 1-30`, `Days 31-60`, `Days 61-90`. */
  days: string;
  startDate: string;
  endDate: string;
  /** `done` when `today` is after `endDate`, `current` when within, `upcoming` before. */
  status: 'done' | 'current' | 'upcoming';
  /** One sentence on what the phase is for. */
  focus: string;
  /** Suggested actions (sentences), derived from the gaps, the weakest competencies and the goals. */
  actions: string[];
  /** Evidence whose `occurredOn` falls in the phase, newest first. */
  evidence: T[];
  /** Goals (not deleted) due in the phase, earliest due first. */
  goals: Goal[];
}

/** The plan: three phases from `startDate`. */
export interface NinetyDayPlan<T extends PlanEvidence = PlanEvidence> {
  startDate: string;
  /** Day 90: `startDate` + 89 days. */
  endDate: string;
  today: string;
  /** Day of the plan `today` is: 1-90 within it, 0 before it starts, 91 after it ended. */
  day: number;
  /** Ids of the competencies the plan focuses on: the (at most 2) weakest, weakest first. */
  focusCompetencies: string[];
  /** The three phases, in order. */
  phases: PlanPhase<T>[];
  /** Goals (not deleted) with no due date. */
  undatedGoals: Goal[];
  /** Goals (not deleted) due before `startDate` or after `endDate`. */
  otherGoals: Goal[];
}

const STRENGTH_ORDER: Record<Strength, number> = { none: 0, thin: 1, developing: 2, strong: 3 };
/** How many competencies the plan focuses on. */
const FOCUS_COUNT = 2;

function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The weakest competencies of the rubric: lowest strength first, then those
 * with no recent evidence (a gap), then the fewest items, then the oldest
 * last item, then rubric order.
 */
function weakest(cov: CompetencyCoverage[], gapIds: ReadonlySet<string>): CompetencyCoverage[] {
  return cov
    .map((c, order) => ({ c, order }))
    .sort(
      (a, b) =>
        STRENGTH_ORDER[a.c.strength] - STRENGTH_ORDER[b.c.strength] ||
        Number(gapIds.has(b.c.competencyId)) - Number(gapIds.has(a.c.competencyId)) ||
        a.c.count - b.c.count ||
        (a.c.lastOn ?? '').localeCompare(b.c.lastOn ?? '') ||
        a.order - b.order,
    )
    .map((x) => x.c);
}

/**
 * The 90-day plan from `startDate` as of `today` (both `YYYY-MM-DD`; a blank
 * or invalid `startDate` means `today`).
 *
 * Phases are days 1-30, 31-60 and 61-90 from `startDate` inclusive. Gaps are
 * computed as of `today` over all the evidence given (competencies with no
 * evidence in the last 4 weeks, see `gaps` in ./case); the focus
 * competencies are the two weakest by coverage strength. Actions:
 * - baseline: tell the manager you are going for the rubric's level; write
 *   the gaps down together (named); agree goals for the focus competencies
 *   (or review the goals already agreed for them); start the weekly log;
 * - deliberate ownership: for each focus competency, own something end to
 *   end that shows its first signal; write a problem statement; clip the
 *   evidence with a first-person claim and a measured impact;
 * - stakeholder surface: present the work beyond the team; close the
 *   competencies still thin (named); share a read-only case link with the
 *   manager before a 1:1.
 * Each phase lists the evidence dated in it (newest first) and the goals due
 * in it; deleted goals are left out.
 * @throws RangeError when `today` is not a valid `YYYY-MM-DD` date.
 */
export function ninetyDayPlan<T extends PlanEvidence>(input: {
  startDate: string;
  today: string;
  rubric: Rubric;
  evidence: readonly T[];
  goals: readonly Goal[];
  /** Weekly logs written (not deleted); when there are any, the plan says to keep the log going instead of starting it. */
  weeklyLogs?: readonly { week: string; deletedAt: string | null }[];
}): NinetyDayPlan<T> {
  const { today, rubric } = input;
  if (!isDay(today))
    throw new RangeError(`ninetyDayPlan: today must be a YYYY-MM-DD date, got ${JSON.stringify(today)}`);
  const startDate = isDay(input.startDate) ? input.startDate : today;
  const endDate = addDays(startDate, 89);
  const offset = daysBetween(startDate, today);
  const day = offset < 0 ? 0 : offset >= 90 ? 91 : offset + 1;

  // The case logic reads only occurredOn and competencies; id and title are placeholders.
  const items: CaseItem[] = input.evidence.map((e) => ({
    id: '',
    title: '',
    kind: e.kind,
    role: e.role,
    occurredOn: e.occurredOn,
    competencies: e.competencies,
  }));
  const cov = coverage(items, rubric);
  const gapList = gaps(items, rubric, today);
  const gapIds = new Set(gapList.map((g) => g.competencyId));
  const focus = weakest(cov, gapIds).slice(0, FOCUS_COUNT);
  const focusIds = focus.map((c) => c.competencyId);
  const focusNames = focus.map((c) => c.name);
  const thin = weakest(cov, gapIds).filter((c) => c.strength === 'none' || c.strength === 'thin');

  const goals = input.goals.filter((g) => g.deletedAt === null);
  const liveGoals = goals.filter((g) => g.status === 'open' || g.status === 'in-progress');
  const focusGoals = liveGoals.filter((g) => focusIds.includes(g.competency));
  const uncoveredFocus = focus.filter((c) => !liveGoals.some((g) => g.competency === c.competencyId));

  const baseline: string[] = [
    `Tell your manager you are going for ${rubric.name}, and ask what evidence would convince the calibration committee.`,
  ];
  if (gapList.length > 0)
    baseline.push(
      `Get the gaps written down together: ${listNames(gapList.map((g) => g.name))} ${gapList.length === 1 ? 'has' : 'have'} no evidence in the last 4 weeks.`,
    );
  else
    baseline.push(
      'Get the gaps written down together: ask where the case is thinnest, even if every competency has recent evidence.',
    );
  if (focusGoals.length > 0) {
    // Name only the competencies that have a goal (not every focus competency).
    const withGoal = focus.filter((c) => focusGoals.some((g) => g.competency === c.competencyId)).map((c) => c.name);
    baseline.push(
      `Review the ${focusGoals.length === 1 ? 'goal' : `${focusGoals.length} goals`} agreed for ${listNames(withGoal)} and check the due dates fit in these 90 days.`,
    );
  }
  if (uncoveredFocus.length > 0)
    baseline.push(
      `Agree a goal with a due date for ${listNames(uncoveredFocus.map((c) => c.name))}, your weakest ${uncoveredFocus.length === 1 ? 'competency' : 'competencies'}.`,
    );
  const logged = new Set((input.weeklyLogs ?? []).filter((l) => l.deletedAt === null).map((l) => l.week)).size;
  baseline.push(
    logged > 0
      ? `Keep the weekly log going (${logged === 1 ? '1 week' : `${logged} weeks`} written so far): five minutes every week.`
      : 'Start the weekly log: every week, what you shipped, decisions you made, who you helped and the impact.',
  );

  const ownership: string[] = focus.map((c) => {
    const signal = rubric.competencies.find((r) => r.id === c.competencyId)?.signals[0];
    return signal
      ? `Own something end to end in ${c.name}, aiming at the signal "${signal}".`
      : `Own something end to end in ${c.name}, from the problem to the result.`;
  });
  ownership.push(
    'Pick a problem nobody owns, write a one-page problem statement and drive it to a decision.',
    'Clip the evidence as it happens: a claim in the first person and an impact with numbers.',
  );

  const stakeholders: string[] = [
    'Make the work visible beyond the team: present it at a design review, a demo or in a written update to stakeholders.',
  ];
  if (thin.length > 0)
    stakeholders.push(
      `Close what is still thin: ${listNames(thin.map((c) => c.name))} ${thin.length === 1 ? 'has' : 'have'} fewer than 3 items.`,
    );
  stakeholders.push(
    'Ask a peer or partner team for specific written feedback on work you led.',
    'Share a read-only case link with your manager before your next 1:1 and ask where the case is still thin.',
  );

  const defs: { id: PlanPhaseId; title: string; focus: string; actions: string[] }[] = [
    {
      id: 'baseline',
      title: 'Baseline',
      focus: 'Say you are going for the next level and get the gaps written down with your manager.',
      actions: baseline,
    },
    {
      id: 'ownership',
      title: 'Deliberate ownership',
      focus:
        focusNames.length > 0
          ? `Own something end to end in your weakest competencies: ${listNames(focusNames)}.`
          : 'Own something end to end in your weakest competencies.',
      actions: ownership,
    },
    {
      id: 'stakeholders',
      title: 'Stakeholder surface',
      focus: 'Make the work visible beyond the team, to the people who will be in the calibration room.',
      actions: stakeholders,
    },
  ];

  const phases = defs.map((d, i): PlanPhase<T> => {
    const start = addDays(startDate, i * 30);
    const end = addDays(startDate, i * 30 + 29);
    return {
      id: d.id,
      index: i + 1,
      title: d.title,
      days: `Days ${i * 30 + 1}-${i * 30 + 30}`,
      startDate: start,
      endDate: end,
      status: today > end ? 'done' : today >= start ? 'current' : 'upcoming',
      focus: d.focus,
      actions: d.actions,
      evidence: input.evidence
        .filter((e) => e.occurredOn >= start && e.occurredOn <= end)
        .sort((a, b) => (a.occurredOn < b.occurredOn ? 1 : a.occurredOn > b.occurredOn ? -1 : 0)),
      goals: goals
        .filter((g) => g.dueOn !== null && g.dueOn >= start && g.dueOn <= end)
        .sort((a, b) => ((a.dueOn ?? '') < (b.dueOn ?? '') ? -1 : (a.dueOn ?? '') > (b.dueOn ?? '') ? 1 : 0)),
    };
  });

  return {
    startDate,
    endDate,
    today,
    day,
    focusCompetencies: focusIds,
    phases,
    undatedGoals: goals.filter((g) => g.dueOn === null),
    otherGoals: goals.filter((g) => g.dueOn !== null && (g.dueOn < startDate || g.dueOn > endDate)),
  };
}
