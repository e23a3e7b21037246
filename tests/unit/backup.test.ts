/**
 * shared/backup.ts: the JSON backup and its import plan, on records built
 * from the real fixtures in tests/fixtures/github and tests/fixtures/jira (see
 * tests/fixtures/SOURCES.md) by tests/worker/render-fixtures.ts.
 */
import { describe, expect, it } from 'vitest';
import { BackupFile, makeBackup, planImport, type ImportPlan } from '../../shared/backup';
import { Evidence, type Collection, type Goal, type UserSettingsRecord, type WeeklyLog } from '../../shared/schemas';
import pr327 from '../fixtures/github/rest-pull-merged-artsy-emission-327.json';
import pr671 from '../fixtures/github/rest-pull-merged-github3py-671.json';
import jiraTes41 from '../fixtures/jira/webhook-cloud-issue-updated-story-done-TES-41.json';

const NOW = new Date('2019-04-20T10:00:00.000Z');
let seq = 0;

/** An evidence item with a private note (a backup keeps it: it is the user's own file). */
function item(fields: Partial<Evidence> & Pick<Evidence, 'title' | 'occurredOn' | 'kind' | 'role'>): Evidence {
  seq += 1;
  return {
    id: `01HV${String(seq).padStart(22, '0')}`,
    source: 'manual',
    url: '',
    capturedAt: `${fields.occurredOn}T10:00:00.000Z`,
    claim: '',
    impact: '',
    metrics: [],
    competencies: [],
    tags: [],
    people: [],
    meta: {},
    privateNote: 'PRIVATE-NOTE: ask for a peer quote',
    updatedAt: `${fields.occurredOn}T10:00:00.000Z-0000-dev1`,
    deletedAt: null,
    ...fields,
  };
}

/** Evidence from the fixtures: github3py#671 reviewed, artsy/emission#327 authored, Jira TES-41, and a design doc. */
const evidence: Evidence[] = [
  item({
    source: 'github-pr',
    kind: 'code-review',
    role: 'reviewer',
    url: pr671.html_url,
    title: pr671.title,
    occurredOn: (pr671.merged_at ?? '').slice(0, 10),
    claim: 'I reviewed the reviews API support and asked for pagination.',
    metrics: [{ label: 'Review comments', value: pr671.review_comments }],
    competencies: ['multiplier'],
    meta: { repo: pr671.base.repo.full_name, number: pr671.number, state: 'merged', reviewers: ['omgjlk'] },
  }),
  item({
    source: 'github-pr',
    kind: 'pull-request',
    role: 'author',
    url: pr327.html_url,
    title: pr327.title,
    occurredOn: (pr327.merged_at ?? '').slice(0, 10),
    competencies: ['ownership'],
    meta: { repo: pr327.base.repo.full_name, number: pr327.number, state: 'merged', additions: pr327.additions },
  }),
  item({
    source: 'jira',
    kind: 'ticket',
    role: 'assignee',
    url: `https://some-instance-test.atlassian.net/browse/${jiraTes41.issue.key}`,
    title: `${jiraTes41.issue.key}: ${jiraTes41.issue.fields.summary}`,
    occurredOn: jiraTes41.issue.fields.resolutiondate.slice(0, 10),
    meta: { key: jiraTes41.issue.key, status: jiraTes41.issue.fields.status.name },
  }),
  item({
    kind: 'design-doc',
    role: 'owner',
    title: 'Gitserver observability: one-page problem statement',
    occurredOn: '2019-03-20',
    competencies: ['ambiguity', 'communication'],
  }),
];
/** A record an old or hostile client could have written: a `javascript:` URL the schema refuses. */
const hostile = { ...evidence[3], id: '01HV0000000000000000000X01', url: 'javascript:alert(1)' } as Evidence;
const weeklyLogs: WeeklyLog[] = [
  {
    id: '01HV00000000000000000000W1',
    week: '2019-W15',
    shipped: 'Tracing for the gitserver exec endpoint.',
    decisions: 'Tracing over more logging.',
    helped: '',
    impact: '',
    updatedAt: '2019-04-12T16:00:00.000Z-0000-dev1',
    deletedAt: null,
  },
];
const goals: Goal[] = [
  {
    id: '01HV0000000000000000000G01',
    competency: 'technical-leadership',
    description: 'Write the design doc for gitserver sharding and get it approved',
    dueOn: '2019-06-30',
    status: 'in-progress',
    updatedAt: '2019-04-01T09:00:00.000Z-0000-dev1',
    deletedAt: null,
  },
];
const settings: UserSettingsRecord[] = [
  {
    id: 'settings',
    githubLogin: 'keegancsmith',
    atlassianName: '',
    rubricId: 'senior-software-engineer',
    updatedAt: '2019-04-01T09:00:00.000Z-0000-dev1',
    deletedAt: null,
  },
];
const records = { evidence, weeklyLogs, goals, settings };

/** A store lookup over `stored`, as the panel builds it from Dexie. */
function store(stored: Partial<Record<Collection, { id: string; updatedAt: string }[]>>) {
  return (collection: Collection, id: string) => stored[collection]?.find((r) => r.id === id);
}

function later(hlc: string): string {
  return hlc.replace(/-0000-/, '-0001-');
}

function onlyFileProblem(plan: ImportPlan): string {
  expect(plan.writes).toEqual([]);
  expect(plan.report).toMatchObject({ added: 0, updated: 0, skipped: 0 });
  expect(plan.report.invalid).toHaveLength(1);
  expect(plan.report.invalid[0]).toMatchObject({ collection: 'file', index: 0 });
  return plan.report.invalid[0]?.message ?? '';
}

describe('makeBackup', () => {
  it('writes every record, private notes and tombstones included, as a valid backup file', () => {
    const deleted = {
      ...evidence[0],
      id: '01HV0000000000000000000D01',
      deletedAt: '2019-04-02T00:00:00.000Z',
    } as Evidence;
    const file = makeBackup({ ...records, evidence: [...evidence, deleted] }, NOW);
    expect(BackupFile.parse(file)).toEqual(file);
    expect(file).toMatchObject({ format: 'casebook-backup', version: 1, exportedAt: '2019-04-20T10:00:00.000Z' });
    expect(file.evidence).toHaveLength(evidence.length + 1);
    expect(file.evidence[0]?.privateNote).toContain('PRIVATE-NOTE');
    expect(file.weeklyLogs).toEqual(weeklyLogs);
    expect(file.goals).toEqual(goals);
    expect(file.settings).toEqual(settings);
    expect(file.evidence).not.toBe(evidence);
  });

  it('survives JSON and imports into an empty store as all added', () => {
    const text = JSON.stringify(makeBackup(records, NOW));
    const plan = planImport(text, () => undefined);
    expect(plan.report).toEqual({
      added: evidence.length + weeklyLogs.length + 2,
      updated: 0,
      skipped: 0,
      invalid: [],
    });
    expect(plan.writes.map((w) => w.collection)).toEqual([
      'settings',
      'goals',
      ...weeklyLogs.map(() => 'weeklyLogs'),
      ...evidence.map(() => 'evidence'),
    ]);
    expect(plan.writes.filter((w) => w.collection === 'evidence').map((w) => w.record)).toEqual(evidence);
  });
});

describe('planImport: merging', () => {
  const file = makeBackup(records, NOW);

  it('adds new ids, updates older stored records, skips equal and newer ones', () => {
    const [e0, e1, e2, e3] = evidence as [Evidence, Evidence, Evidence, Evidence];
    const stored = store({
      evidence: [
        { id: e0.id, updatedAt: e0.updatedAt }, // equal: skipped
        { id: e1.id, updatedAt: '2000-01-01T00:00:00.000Z-0000-dev1' }, // older: updated
        { id: e2.id, updatedAt: later(e2.updatedAt) }, // newer by counter: skipped
        { id: e3.id, updatedAt: e3.updatedAt.replace('dev1', 'dev0') }, // same time, smaller device: updated
      ],
      settings: [{ id: 'settings', updatedAt: later(settings[0]?.updatedAt ?? '') }],
    });
    const plan = planImport(file, stored);
    expect(plan.report).toEqual({
      added: evidence.length - 4 + weeklyLogs.length + 1,
      updated: 2,
      skipped: 3,
      invalid: [],
    });
    const ids = plan.writes.map((w) => (w.record as { id: string }).id);
    expect(ids).toContain(e1.id);
    expect(ids).toContain(e3.id);
    expect(ids).not.toContain(e0.id);
    expect(ids).not.toContain(e2.id);
    expect(plan.writes.some((w) => w.collection === 'settings')).toBe(false);
  });

  it('keeps the newest of duplicate ids within the file', () => {
    const [e0] = evidence as [Evidence];
    const newer = { ...e0, title: 'Newer title', updatedAt: later(e0.updatedAt) };
    const plan = planImport({ ...file, evidence: [e0, newer, e0] }, () => undefined);
    expect(plan.report).toMatchObject({ added: 1 + weeklyLogs.length + 2, skipped: 2 });
    const written = plan.writes.filter((w) => w.collection === 'evidence');
    expect(written).toEqual([{ collection: 'evidence', record: newer }]);
  });

  it('imports tombstones like any other record', () => {
    const [e0] = evidence as [Evidence];
    const tomb = { ...e0, deletedAt: '2019-04-19T00:00:00.000Z', updatedAt: later(e0.updatedAt) };
    const plan = planImport({ ...file, evidence: [tomb] }, store({ evidence: [e0] }));
    expect(plan.report.updated).toBe(1);
    expect(plan.writes.find((w) => w.collection === 'evidence')?.record).toEqual(tomb);
  });
});

describe('planImport: record by record', () => {
  it('reports each bad record with its collection and index, and imports the rest', () => {
    const file = makeBackup(records, NOW) as unknown as Record<string, unknown[]>;
    const bad = {
      ...file,
      evidence: [
        evidence[0],
        { ...evidence[1], title: '' },
        { ...evidence[2], occurredOn: '20 Apr 2019', url: 'not a url' },
        'a string',
        evidence[3],
      ],
      goals: [{ ...goals[0], status: 'someday' }],
      weeklyLogs: { not: 'an array' },
    };
    const plan = planImport(bad, () => undefined);
    expect(plan.report.invalid).toEqual([
      { collection: 'goals', index: 0, message: expect.stringMatching(/^status: /) },
      { collection: 'weeklyLogs', index: 0, message: '"weeklyLogs" must be an array of records.' },
      { collection: 'evidence', index: 1, message: expect.stringMatching(/^title: /) },
      { collection: 'evidence', index: 2, message: expect.stringMatching(/ \(and 1 more problem\)$/) },
      { collection: 'evidence', index: 3, message: expect.any(String) },
    ]);
    expect(plan.report).toMatchObject({ added: 3, updated: 0, skipped: 0 });
    expect(plan.writes.map((w) => (w.record as { id: string }).id)).toEqual([
      'settings',
      evidence[0]?.id,
      evidence[3]?.id,
    ]);
  });

  it('refuses a record with a javascript: URL', () => {
    expect(Evidence.safeParse(hostile).success).toBe(false);
    const plan = planImport(
      { format: 'casebook-backup', version: 1, evidence: [...evidence, hostile] },
      () => undefined,
    );
    expect(plan.report.invalid).toEqual([
      { collection: 'evidence', index: evidence.length, message: 'url: Invalid URL' },
    ]);
    expect(plan.report.added).toBe(evidence.length);
  });

  it('drops unknown top-level fields but keeps unknown meta keys', () => {
    const [e0] = evidence as [Evidence];
    const plan = planImport(
      { format: 'casebook-backup', version: 1, evidence: [{ ...e0, extra: 1, meta: { ...e0.meta, future: 'x' } }] },
      () => undefined,
    );
    const record = plan.writes[0]?.record as Record<string, unknown>;
    expect(record.extra).toBeUndefined();
    expect((record.meta as Record<string, unknown>).future).toBe('x');
  });

  it('treats missing collections as empty and does not need exportedAt', () => {
    const plan = planImport({ format: 'casebook-backup', version: 1, goals }, () => undefined);
    expect(plan.report).toEqual({ added: 1, updated: 0, skipped: 0, invalid: [] });
  });

  it('reports a record whose stored lookup fails, and goes on', () => {
    const plan = planImport(makeBackup({ evidence: [], weeklyLogs: [], goals, settings }, NOW), (c) => {
      if (c === 'goals') throw new Error('IndexedDB closed');
      return undefined;
    });
    expect(plan.report.invalid).toEqual([
      { collection: 'goals', index: 0, message: 'Could not compare with the stored record: IndexedDB closed' },
    ]);
    expect(plan.report.added).toBe(1);
  });
});

describe('planImport: bad files write nothing', () => {
  it('refuses text that is not JSON', () => {
    expect(onlyFileProblem(planImport('{"format": "casebook-backup", ', () => undefined))).toMatch(/not JSON/);
    expect(onlyFileProblem(planImport('', () => undefined))).toMatch(/not JSON/);
  });

  it('refuses JSON that is not a Casebook backup', () => {
    expect(onlyFileProblem(planImport('[1, 2]', () => undefined))).toMatch(/expected a JSON object/);
    expect(onlyFileProblem(planImport('null', () => undefined))).toMatch(/expected a JSON object/);
    expect(onlyFileProblem(planImport({ evidence }, () => undefined))).toMatch(
      /not a Casebook backup \(format null, expected "casebook-backup"\)/,
    );
    expect(onlyFileProblem(planImport({ format: 'brag-doc', version: 1 }, () => undefined))).toMatch(/"brag-doc"/);
  });

  it('refuses a backup from a newer version, or of an unknown version', () => {
    const future = { ...makeBackup(records, NOW), version: 2 };
    expect(onlyFileProblem(planImport(JSON.stringify(future), () => undefined))).toMatch(
      /newer Casebook \(version 2; this one reads version 1\)\. Update the extension/,
    );
    expect(onlyFileProblem(planImport({ ...future, version: '1' }, () => undefined))).toMatch(/unknown version \("1"/);
    expect(onlyFileProblem(planImport({ ...future, version: 0 }, () => undefined))).toMatch(/unknown version \(0/);
  });

  it('accepts a byte-order mark, and never throws', () => {
    const text = `\uFEFF${JSON.stringify(makeBackup({ evidence: [], weeklyLogs: [], goals, settings: [] }, NOW))}`;
    expect(planImport(text, () => undefined).report.added).toBe(1);
    for (const input of [
      undefined,
      42,
      true,
      Symbol('x'),
      () => 1,
      { format: 'casebook-backup', version: 1, evidence: [null] },
    ])
      expect(() => planImport(input, () => undefined)).not.toThrow();
  });
});
