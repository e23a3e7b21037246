/**
 * The rubrics the user can pick from without importing anything: the default
 * "Senior software engineer" rubric and company presets (the public framing
 * of other ladders, in our own words: not any company's official text). Each
 * preset competency names, in `mapsTo`, the ids of the default rubric it
 * corresponds to (the first one is its main correspondence), so that
 * switching rubric carries the evidence's competencies over (see
 * `mapCompetencies` in ./mapping.ts). Ladders the user imports are read by
 * ./ladder-import.ts. See docs/DESIGN.md "Rubrics".
 *
 * Pure data and functions: no DOM, no Workers APIs; nothing here throws.
 */
import { SENIOR_ENGINEER } from '../rubric';
import type { Rubric } from '../schemas';

/** Google L4 to L5: design docs and peer reviews weigh heavily. */
const GOOGLE_L4_L5: Rubric = {
  id: 'google-l4-l5',
  name: 'Google L4 to L5',
  competencies: [
    {
      id: 'design-docs',
      name: 'Design docs and direction',
      description: 'Writes the design docs that set how a project is built, and gets them reviewed and agreed.',
      signals: [
        'Wrote a design doc that reviewers outside the team approved',
        'Recorded the alternatives considered and why they were rejected',
        'The team builds to a design they wrote',
      ],
      mapsTo: ['technical-leadership', 'communication'],
    },
    {
      id: 'peer-reviews',
      name: 'Peer reviews and code quality',
      description: 'Reviews that raise the bar for the codebase and teach the author something.',
      signals: [
        'Code reviews that catch design problems, not only style',
        'Peers name them as a reviewer they seek out',
        'Set or improved a readability or testing practice the team follows',
      ],
      mapsTo: ['multiplier', 'technical-leadership'],
    },
    {
      id: 'scope-complexity',
      name: 'Scope and complexity',
      description: 'Owns a problem larger than a single feature, with several moving parts and teams involved.',
      signals: [
        'Led a project across more than one component or team',
        'Broke an ambiguous problem into milestones others could pick up',
      ],
      mapsTo: ['ownership', 'ambiguity'],
    },
    {
      id: 'measurable-impact',
      name: 'Measurable impact',
      description: 'Work whose outcome can be measured for users, the product or the team.',
      signals: [
        'Launched something with a metric that moved (latency, cost, adoption, reliability)',
        'Chose the work with the most impact over the most interesting',
      ],
      mapsTo: ['judgment', 'ownership'],
    },
    {
      id: 'collaboration',
      name: 'Collaboration and mentoring',
      description: 'Works well across teams and helps others grow.',
      signals: ['Mentored or onboarded an engineer', 'Resolved a disagreement between teams with a written proposal'],
      mapsTo: ['communication', 'multiplier'],
    },
  ],
};

/** Amazon SDE II to SDE III: Leadership Principles and organisational impact beyond the team. */
const AMAZON_SDE2_SDE3: Rubric = {
  id: 'amazon-sde2-sde3',
  name: 'Amazon SDE II to SDE III',
  competencies: [
    {
      id: 'lp-ownership',
      name: 'Ownership',
      description:
        'Acts for the long term and for the whole system, not only their own piece; never says "not my job".',
      signals: [
        'Took on a problem nobody owned and saw it through',
        'Owned an operational issue through to the postmortem and its fixes',
      ],
      mapsTo: ['ownership'],
    },
    {
      id: 'lp-bias-for-action',
      name: 'Bias for Action',
      description: 'Moves quickly on decisions that can be reversed, taking calculated risks.',
      signals: [
        'Made a reversible call quickly instead of waiting for certainty',
        'Unblocked a stalled effort by proposing and starting a concrete next step',
      ],
      mapsTo: ['judgment', 'ambiguity'],
    },
    {
      id: 'lp-deliver-results',
      name: 'Deliver Results',
      description: 'Delivers the key inputs on time and with quality, despite setbacks.',
      signals: [
        'Shipped a multi-month project to its committed date',
        'Recovered a slipping deliverable by re-planning scope',
      ],
      mapsTo: ['ownership', 'judgment'],
    },
    {
      id: 'lp-earn-trust',
      name: 'Earn Trust',
      description: 'Listens, speaks candidly, and is open about mistakes; others rely on their word.',
      signals: ['Raised a risk early and candidly, with data', 'Wrote a correction of error that others learned from'],
      mapsTo: ['communication', 'multiplier'],
    },
    {
      id: 'org-impact',
      name: 'Impact beyond the team',
      description: 'Technical decisions and mechanisms that affect several teams or the organisation.',
      signals: [
        'Designed a system or mechanism adopted by other teams',
        'Influenced the technical direction of a neighbouring team',
      ],
      mapsTo: ['technical-leadership', 'communication'],
    },
    {
      id: 'lp-hire-and-develop',
      name: 'Hire and Develop the Best',
      description: 'Raises the bar of the team through interviewing, mentoring and coaching.',
      signals: ['Mentored an engineer who then took on larger work', 'Improved how the team interviews or onboards'],
      mapsTo: ['multiplier'],
    },
  ],
};

/** Meta E4 to E5: sustained impact across halves, end-to-end ownership, multiplying others. */
const META_E4_E5: Rubric = {
  id: 'meta-e4-e5',
  name: 'Meta E4 to E5',
  competencies: [
    {
      id: 'project-impact',
      name: 'Sustained project impact',
      description: 'Delivers impact half after half, owning projects end to end from problem to result.',
      signals: [
        'Owned a project from problem definition to measured result',
        'Impact in more than one half, not one big launch',
      ],
      mapsTo: ['ownership', 'judgment'],
    },
    {
      id: 'direction',
      name: 'Direction',
      description: 'Sets the direction for their area: finds the right problems and turns them into a plan.',
      signals: [
        'Proposed the roadmap for their area and got it adopted',
        'Turned an unclear goal into a plan with milestones',
      ],
      mapsTo: ['ambiguity', 'technical-leadership'],
    },
    {
      id: 'engineering-excellence',
      name: 'Engineering excellence',
      description: 'Builds systems that are simple, reliable and easy for others to change.',
      signals: [
        'Made an architectural decision others build on',
        'Reduced incidents or on-call load for their systems',
      ],
      mapsTo: ['technical-leadership'],
    },
    {
      id: 'people',
      name: 'People and multiplying others',
      description: 'The team is stronger because of them: mentoring, reviews, recruiting, culture.',
      signals: ['Mentored engineers who then grew in scope', 'Code reviews and docs that changed how others work'],
      mapsTo: ['multiplier', 'communication'],
    },
  ],
};

/** Microsoft 62 to 63: delivering results through others. */
const MICROSOFT_62_63: Rubric = {
  id: 'microsoft-62-63',
  name: 'Microsoft 62 to 63',
  competencies: [
    {
      id: 'results-through-others',
      name: 'Results through others',
      description: 'Delivers outcomes larger than one person could, by guiding and enabling others.',
      signals: [
        'Coordinated several engineers towards one outcome',
        'Others delivered faster because of guidance or tools they provided',
      ],
      mapsTo: ['multiplier', 'ownership'],
    },
    {
      id: 'technical-excellence',
      name: 'Technical excellence',
      description: 'Designs sound solutions for complex problems and explains their trade-offs.',
      signals: [
        'Made a design decision that affected more than their own feature',
        'Explained the failure modes and trade-offs of a design',
      ],
      mapsTo: ['technical-leadership'],
    },
    {
      id: 'customer-impact',
      name: 'Customer and business impact',
      description: 'Chooses and delivers the work that matters most to customers and the business.',
      signals: ['Shipped a change with a measured customer outcome', 'Said no to work with little customer value'],
      mapsTo: ['judgment', 'ownership'],
    },
    {
      id: 'collaboration-influence',
      name: 'Collaboration and influence',
      description: 'Builds agreement across teams and disciplines; writes proposals that convince.',
      signals: [
        'Brought a partner team to agree on a shared plan',
        'Explained a technical trade-off to product or leadership and influenced the decision',
      ],
      mapsTo: ['communication'],
    },
    {
      id: 'planning-ambiguity',
      name: 'Planning through ambiguity',
      description: 'Turns loosely defined goals into plans with milestones, and adapts them.',
      signals: ['Wrote the plan for an ambiguous project', 'Changed the plan when new information arrived'],
      mapsTo: ['ambiguity'],
    },
  ],
};

/** Built-in rubrics: the default "Senior software engineer" first, then the company presets. */
export const PRESET_RUBRICS: Rubric[] = [SENIOR_ENGINEER, GOOGLE_L4_L5, AMAZON_SDE2_SDE3, META_E4_E5, MICROSOFT_62_63];

/** Ids of the built-in rubrics: an imported ladder may not take one. */
export const PRESET_IDS: ReadonlySet<string> = new Set(PRESET_RUBRICS.map((r) => r.id));
/** Competency ids of the default rubric, the pivot every `mapsTo` names. */
export const DEFAULT_IDS: ReadonlySet<string> = new Set(SENIOR_ENGINEER.competencies.map((c) => c.id));

/**
 * The presets followed by `custom` (the user's imported ladders, in their
 * order). A custom ladder whose id is a preset's, or repeats an earlier
 * custom id, is left out.
 */
export function allRubrics(custom: readonly Rubric[] = []): Rubric[] {
  const seen = new Set(PRESET_IDS);
  const out = [...PRESET_RUBRICS];
  for (const r of custom) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push(r);
  }
  return out;
}

/** The rubric with `id` among the presets and `custom`, or undefined when there is none. */
export function findRubric(id: string, custom: readonly Rubric[] = []): Rubric | undefined {
  return allRubrics(custom).find((r) => r.id === id);
}
