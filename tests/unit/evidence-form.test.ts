/**
 * The one evidence form's rules (extension/components/form/useEvidenceForm.ts),
 * its limits read from the zod schemas (form/limits.ts), and the competency
 * name map (shared/competency-names.ts).
 */
import { describe, expect, it } from 'vitest';
import { Evidence, Story, WeeklyLog } from '../../shared/schemas';
import { SENIOR_ENGINEER } from '../../shared/rubric';
import { competencyNames } from '../../shared/competency-names';
import { EVIDENCE_LIMITS, STORY_LIMITS, WEEKLY_LOG_LIMITS } from '../../extension/components/form/limits';
import { emptyEvidenceForm, evidenceFormReducer, evidenceInput } from '../../extension/components/form/useEvidenceForm';

const start = { form: emptyEvidenceForm('2026-11-20'), saving: false, error: null };

describe('evidence form reducer', () => {
  it('moves the role with the kind where it is obvious, and back', () => {
    const mentoring = evidenceFormReducer(start, { type: 'set', patch: { kind: 'mentoring' } });
    expect(mentoring.form.role).toBe('mentor');
    const talk = evidenceFormReducer(mentoring, { type: 'set', patch: { kind: 'talk' } });
    expect(talk.form.role).toBe('author');
    const owner = evidenceFormReducer(start, { type: 'set', patch: { role: 'owner' } });
    expect(evidenceFormReducer(owner, { type: 'set', patch: { kind: 'incident' } }).form.role).toBe('owner');
  });

  it('a typed date is no longer a guess; a reset clears the error but not a running save', () => {
    const guessed = { ...start, form: { ...start.form, dateGuessed: true } };
    expect(evidenceFormReducer(guessed, { type: 'set', patch: { occurredOn: '2026-11-19' } }).form.dateGuessed).toBe(
      false,
    );
    const failed = evidenceFormReducer({ ...start, saving: true }, { type: 'fail', error: 'quota' });
    expect(failed).toMatchObject({ saving: false, error: 'quota' });
    const busy = evidenceFormReducer({ ...failed, saving: true }, { type: 'reset', form: start.form });
    expect(busy).toMatchObject({ saving: true, error: null });
  });

  it('hands saveEvidence trimmed text and only complete metric rows', () => {
    const form = emptyEvidenceForm('2026-11-20', {
      title: '  Retry budget ',
      claim: ' I shipped it. ',
      metrics: [
        { label: ' Files changed ', value: 3 },
        { label: '', value: 1 },
        { label: 'Lines', value: Number.NaN },
      ],
    });
    const input = evidenceInput(form);
    expect(input).toMatchObject({ title: 'Retry budget', claim: 'I shipped it.' });
    expect(input.metrics).toEqual([{ label: 'Files changed', value: 3 }]);
  });
});

describe('form limits come from the schemas', () => {
  it('each limit is the longest value the schema accepts', () => {
    const longest = (n: number | undefined) => 'x'.repeat(n ?? 0);
    expect(Evidence.shape.title.safeParse(longest(EVIDENCE_LIMITS.title)).success).toBe(true);
    expect(Evidence.shape.title.safeParse(longest(EVIDENCE_LIMITS.title) + 'x').success).toBe(false);
    expect(Evidence.shape.claim.safeParse(longest(EVIDENCE_LIMITS.claim) + 'x').success).toBe(false);
    expect(Evidence.shape.privateNote.safeParse(longest(EVIDENCE_LIMITS.privateNote) + 'x').success).toBe(false);
    expect(
      Evidence.shape.tags.safeParse(Array.from({ length: EVIDENCE_LIMITS.tags ?? 0 }, (_, i) => `t${i}`)).success,
    ).toBe(true);
    expect(
      Evidence.shape.tags.safeParse(Array.from({ length: (EVIDENCE_LIMITS.tags ?? 0) + 1 }, (_, i) => `t${i}`)).success,
    ).toBe(false);
    expect(Story.shape.problem.safeParse(longest(STORY_LIMITS.problem) + 'x').success).toBe(false);
    expect(WeeklyLog.shape.helped.safeParse(longest(WEEKLY_LOG_LIMITS.helped) + 'x').success).toBe(false);
    expect(Object.values({ ...EVIDENCE_LIMITS, ...STORY_LIMITS, ...WEEKLY_LOG_LIMITS }).every((n) => n! > 0)).toBe(
      true,
    );
  });
});

describe('competencyNames', () => {
  it('maps each competency id of the rubric to its name, in order', () => {
    const names = competencyNames(SENIOR_ENGINEER);
    expect([...names.keys()]).toEqual(SENIOR_ENGINEER.competencies.map((c) => c.id));
    const first = SENIOR_ENGINEER.competencies[0]!;
    expect(names.get(first.id)).toBe(first.name);
    expect(names.get('no-such-id')).toBeUndefined();
  });
});
