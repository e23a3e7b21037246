/**
 * Rubric data: the default "Senior software engineer" rubric from the design,
 * kept as data so the panel, the digest and the share page agree on names.
 */
import { Competency, Rubric } from './schemas';

export { Competency, Rubric };

/** The default rubric: six competencies merged from the source articles. */
export const SENIOR_ENGINEER: Rubric = {
  id: 'senior-software-engineer',
  name: 'Senior software engineer',
  competencies: [
    {
      id: 'ownership',
      name: 'Ownership and scope',
      description: 'Owns systems and problem domains end to end, not assigned tasks.',
      signals: [
        'Identifies problems that were not assigned',
        'Drives ambiguous situations to a decision instead of escalating',
        'Owns incidents and postmortems on systems they built',
      ],
    },
    {
      id: 'ambiguity',
      name: 'Navigating ambiguity',
      description: 'Turns vague, half-formed problems into concrete plans with milestones.',
      signals: [
        'Wrote a one-page problem statement and drove it to a decision',
        'Changed technical direction mid-project on new information without being told',
      ],
    },
    {
      id: 'multiplier',
      name: 'Multiplying others',
      description: 'The team ships more because of them: reviews, mentoring, unblocking, docs.',
      signals: [
        'Code reviews that change how others work',
        'Unblocked a teammate without solving it for them',
        'Mentored someone beyond syntax and framework use',
        'Improved onboarding or docs',
      ],
    },
    {
      id: 'technical-leadership',
      name: 'Technical leadership',
      description: 'Architectural decisions beyond their own feature; design docs that shape direction.',
      signals: [
        'Made architectural decisions affecting more than their own feature',
        'Pushed back on a technical direction with a reasoned written alternative',
        'Can explain failure modes and operational trade-offs',
      ],
    },
    {
      id: 'communication',
      name: 'Communication and influence',
      description: 'Trade-offs explained to product and leadership; written proposals that convince.',
      signals: [
        'Wrote an RFC, design doc or ADR that changed how the team works',
        'Explained a technical trade-off to a non-engineer and influenced a decision',
        'Stakeholders outside the team know what they work on and why',
      ],
    },
    {
      id: 'judgment',
      name: 'Judgment and autonomy',
      description: 'Delivers with minimal guidance; says no with reasons.',
      signals: [
        'Made a call the manager might have made differently, and was right',
        'Said no to a feature or timeline and backed it with reasoning',
      ],
    },
  ],
};

/** Built-in rubrics by id. */
export const RUBRICS: Record<string, Rubric> = { [SENIOR_ENGINEER.id]: SENIOR_ENGINEER };

/** The rubric with `id`, or the default when unknown. */
export function getRubric(id: string | undefined): Rubric {
  return (id && RUBRICS[id]) || SENIOR_ENGINEER;
}
