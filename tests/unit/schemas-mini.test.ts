/**
 * The shared schemas on `zod/mini` (shared/primitives.ts): zod's English messages as before,
 * the same issues as classic zod for the same input, and `maxLengthOf` for forms.
 */
import { describe, expect, it } from 'vitest';
import { z as classic } from 'zod';
import { Evidence, Metric, PushRequest, Story, WeeklyLog, maxLengthOf } from '../../shared/schemas';
import { GithubImportRequest } from '../../shared/import';
import { TestimonialRequestCreate } from '../../shared/testimonials';

describe('shared schemas on zod/mini', () => {
  it("answers zod's English messages, not the bare 'Invalid input'", () => {
    const r = Metric.safeParse({ label: '', value: 'x', unit: 'u'.repeat(21) });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['label', 'Too small: expected string to have >=1 characters'],
      ['value', 'Invalid input: expected number, received string'],
      ['unit', 'Too big: expected string to have <=20 characters'],
    ]);
  });

  it('gives the same issues as the classic zod schema it replaced', () => {
    const before = classic.object({
      peerName: classic.string().trim().min(1).max(100),
      evidenceIds: classic.array(classic.string()).min(1).max(20),
      expiresInDays: classic.number().int().min(1).max(60).default(14),
    });
    const input = { peerName: '  ', evidenceIds: [], expiresInDays: 1.5 };
    const after = TestimonialRequestCreate.safeParse(input);
    expect(after.error?.issues.filter((i) => i.path[0] !== 'evidenceIds' || i.code !== 'custom')).toEqual(
      before.safeParse(input).error?.issues,
    );
  });

  it('keeps refinements, defaults, transforms and the nested record check of a push', () => {
    expect(
      GithubImportRequest.safeParse({ source: 'github', login: 'octocat', from: '2026-02-01', to: '2026-01-01' }).error
        ?.issues[0],
    ).toMatchObject({ path: ['to'], message: '`from` must not be after `to`' });
    expect(
      GithubImportRequest.parse({
        source: 'github',
        login: 'a',
        apiBase: 'https://ghe.example.com/api/v3/',
        from: '2026-01-01',
        to: '2026-01-02',
      }).apiBase,
    ).toBe('https://ghe.example.com/api/v3');
    const push = PushRequest.safeParse({
      changes: [
        {
          seq: 1,
          collection: 'goals',
          id: 'x',
          op: 'upsert',
          hlc: '2026-01-01T00:00:00.000Z-0000-dev',
          data: { id: 'x' },
        },
      ],
    });
    expect(push.success).toBe(false);
    expect(push.error?.issues.some((i) => i.path[0] === 'changes' && i.path[2] === 'data')).toBe(true);
  });

  it('maxLengthOf reads the limit a form must follow, through optional wrappers', () => {
    expect(maxLengthOf(Evidence.shape.claim)).toBe(5000);
    expect(maxLengthOf(Metric.shape.unit)).toBe(20);
    expect(maxLengthOf(Story.shape.title)).toBe(500);
    expect(maxLengthOf(WeeklyLog.shape.shipped)).toBe(10000);
    expect(maxLengthOf(Evidence.shape.meta)).toBeUndefined();
  });
});
