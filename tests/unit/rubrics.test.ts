/**
 * shared/rubrics/: the presets, lookup, mapping between rubrics, and the
 * import of a company ladder from JSON or CSV (RFC 4180) with line-numbered
 * errors. Ladder files are written here: they are what a user types or
 * exports from a spreadsheet.
 */
import { describe, expect, it } from 'vitest';
import { SENIOR_ENGINEER } from '../../shared/rubric';
import { allRubrics, findRubric, mapCompetencies, PRESET_RUBRICS } from '../../shared/rubrics';
import { MAX_LADDER_CHARS, parseCsv, parseLadder, slugifyCompetencyId } from '../../shared/rubrics/ladder-import';
import { Rubric, UserSettingsRecord } from '../../shared/schemas';

const DEFAULT_IDS = SENIOR_ENGINEER.competencies.map((c) => c.id);
const OPTS = { id: 'acme-ladder', name: 'Acme senior engineer' };

function preset(id: string): Rubric {
  const r = PRESET_RUBRICS.find((p) => p.id === id);
  if (!r) throw new Error(`no preset ${id}`);
  return r;
}

function errorsOf(result: ReturnType<typeof parseLadder>) {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.rubric)}`);
  return result.errors;
}

function rubricOf(result: ReturnType<typeof parseLadder>): Rubric {
  if (!result.ok) throw new Error(`expected a rubric, got ${JSON.stringify(result.errors)}`);
  return result.rubric;
}

describe('PRESET_RUBRICS', () => {
  it('starts with the default rubric, then the four company presets', () => {
    expect(PRESET_RUBRICS[0]).toBe(SENIOR_ENGINEER);
    expect(PRESET_RUBRICS.map((r) => r.id)).toEqual([
      'senior-software-engineer',
      'google-l4-l5',
      'amazon-sde2-sde3',
      'meta-e4-e5',
      'microsoft-62-63',
    ]);
    expect(new Set(PRESET_RUBRICS.map((r) => r.id)).size).toBe(PRESET_RUBRICS.length);
  });

  it('are valid rubrics whose competencies all map to ids of the default rubric', () => {
    for (const r of PRESET_RUBRICS) {
      expect(Rubric.parse(r)).toEqual(r);
      expect(new Set(r.competencies.map((c) => c.id)).size).toBe(r.competencies.length);
    }
    expect(SENIOR_ENGINEER.competencies.every((c) => c.mapsTo === undefined)).toBe(true);
    for (const r of PRESET_RUBRICS.slice(1)) {
      for (const c of r.competencies) {
        expect(c.mapsTo?.length ?? 0).toBeGreaterThan(0);
        for (const id of c.mapsTo ?? []) expect(DEFAULT_IDS).toContain(id);
      }
    }
  });

  it('cover every default competency, so switching rubric never orphans evidence', () => {
    for (const r of PRESET_RUBRICS.slice(1)) {
      const covered = new Set(r.competencies.flatMap((c) => c.mapsTo ?? []));
      expect({ id: r.id, covered: [...covered].sort() }).toEqual({ id: r.id, covered: [...DEFAULT_IDS].sort() });
    }
  });

  it('carry the public framing the design names', () => {
    const names = (id: string) => preset(id).competencies.map((c) => c.name);
    expect(names('amazon-sde2-sde3')).toEqual(
      expect.arrayContaining(['Ownership', 'Bias for Action', 'Deliver Results', 'Earn Trust']),
    );
    expect(names('google-l4-l5').join(' ')).toMatch(/Design docs/);
    expect(names('google-l4-l5').join(' ')).toMatch(/Peer reviews/);
    expect(names('meta-e4-e5').join(' ')).toMatch(/Sustained/);
    expect(names('microsoft-62-63')).toContain('Results through others');
  });

  it('still parse as a settings record holding an imported ladder with mapsTo', () => {
    const ladder = { ...preset('google-l4-l5'), id: 'my-copy' };
    const settings = UserSettingsRecord.parse({
      id: 'settings',
      githubLogin: '',
      atlassianName: '',
      rubricId: 'my-copy',
      customRubrics: [ladder],
      updatedAt: '2026-11-20T09:15:02.114Z-0000-dev1',
      deletedAt: null,
    });
    expect(settings.customRubrics?.[0]?.competencies[0]?.mapsTo).toEqual(['technical-leadership', 'communication']);
  });
});

describe('allRubrics and findRubric', () => {
  const custom: Rubric = {
    id: 'acme',
    name: 'Acme',
    competencies: [{ id: 'craft', name: 'Craft', description: '', signals: [] }],
  };

  it('lists the presets then the custom ladders, without id clashes', () => {
    const clash: Rubric = { ...custom, id: 'google-l4-l5', name: 'Fake Google' };
    const again: Rubric = { ...custom, name: 'Acme again' };
    const all = allRubrics([custom, clash, again]);
    expect(all.map((r) => r.id)).toEqual([...PRESET_RUBRICS.map((r) => r.id), 'acme']);
    expect(all.find((r) => r.id === 'google-l4-l5')?.name).toBe('Google L4 to L5');
    expect(all.find((r) => r.id === 'acme')?.name).toBe('Acme');
    expect(allRubrics()).toEqual(PRESET_RUBRICS);
  });

  it('finds presets and custom ladders by id', () => {
    expect(findRubric('meta-e4-e5')?.name).toBe('Meta E4 to E5');
    expect(findRubric('acme', [custom])).toBe(custom);
    expect(findRubric('acme')).toBeUndefined();
    expect(findRubric('nope', [custom])).toBeUndefined();
  });
});

describe('mapCompetencies', () => {
  const google = preset('google-l4-l5');
  const amazon = preset('amazon-sde2-sde3');

  it('maps a preset to the default rubric through mapsTo, in the default order', () => {
    expect(mapCompetencies(['design-docs'], google, SENIOR_ENGINEER)).toEqual([
      'technical-leadership',
      'communication',
    ]);
    expect(mapCompetencies(['collaboration', 'scope-complexity'], google, SENIOR_ENGINEER)).toEqual([
      'ownership',
      'ambiguity',
      'multiplier',
      'communication',
    ]);
  });

  it('maps the default rubric to a preset by main correspondence', () => {
    expect(mapCompetencies(['technical-leadership'], SENIOR_ENGINEER, google)).toEqual(['design-docs']);
    expect(mapCompetencies(['ownership'], SENIOR_ENGINEER, amazon)).toEqual(['lp-ownership', 'lp-deliver-results']);
    expect(mapCompetencies(['multiplier'], SENIOR_ENGINEER, amazon)).toEqual(['lp-hire-and-develop']);
    // No Google competency has `ambiguity` first: every one that lists it.
    expect(mapCompetencies(['ambiguity'], SENIOR_ENGINEER, google)).toEqual(['scope-complexity']);
  });

  it('maps preset to preset through the default ids', () => {
    expect(mapCompetencies(['design-docs'], google, amazon)).toEqual(['lp-earn-trust', 'org-impact']);
  });

  it('drops unknown ids and keeps the same rubric as it is', () => {
    expect(mapCompetencies(['nope', 'design-docs'], google, SENIOR_ENGINEER)).toEqual([
      'technical-leadership',
      'communication',
    ]);
    expect(mapCompetencies(['judgment', 'nope', 'ownership', 'ownership'], SENIOR_ENGINEER, SENIOR_ENGINEER)).toEqual([
      'ownership',
      'judgment',
    ]);
    expect(mapCompetencies([], google, amazon)).toEqual([]);
  });

  it('round-trips every default id through every preset', () => {
    for (const r of PRESET_RUBRICS.slice(1))
      for (const id of DEFAULT_IDS) {
        const there = mapCompetencies([id], SENIOR_ENGINEER, r);
        expect(there.length).toBeGreaterThan(0);
        expect(mapCompetencies(there, r, SENIOR_ENGINEER)).toContain(id);
      }
  });

  it('maps a custom ladder that reuses default ids, or declares mapsTo', () => {
    const custom: Rubric = {
      id: 'acme',
      name: 'Acme',
      competencies: [
        { id: 'ownership', name: 'Owner', description: '', signals: [] },
        { id: 'craft', name: 'Craft', description: '', signals: [], mapsTo: ['technical-leadership'] },
        { id: 'vibes', name: 'Vibes', description: '', signals: [] },
      ],
    };
    expect(mapCompetencies(['ownership', 'technical-leadership', 'judgment'], SENIOR_ENGINEER, custom)).toEqual([
      'ownership',
      'craft',
    ]);
    expect(mapCompetencies(['vibes', 'craft'], custom, SENIOR_ENGINEER)).toEqual(['technical-leadership']);
  });
});

describe('parseCsv (RFC 4180)', () => {
  it('splits fields and records, with CRLF, LF and CR line ends', () => {
    expect(parseCsv('a,b,c\r\n1,2,3\n4,5,6\r7,8,9')).toEqual({
      ok: true,
      rows: [
        { line: 1, fields: ['a', 'b', 'c'] },
        { line: 2, fields: ['1', '2', '3'] },
        { line: 3, fields: ['4', '5', '6'] },
        { line: 4, fields: ['7', '8', '9'] },
      ],
    });
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, and counts lines through them', () => {
    const text = 'id,name\r\n"a,1","say ""hi"""\r\n"multi\r\nline\nfield",x\r\nlast,"",\r\n';
    expect(parseCsv(text)).toEqual({
      ok: true,
      rows: [
        { line: 1, fields: ['id', 'name'] },
        { line: 2, fields: ['a,1', 'say "hi"'] },
        { line: 3, fields: ['multi\r\nline\nfield', 'x'] },
        { line: 6, fields: ['last', '', ''] },
      ],
    });
  });

  it('keeps empty fields and does not add a record for the final line break', () => {
    expect(parseCsv(',,\n')).toEqual({ ok: true, rows: [{ line: 1, fields: ['', '', ''] }] });
    expect(parseCsv('a\n\nb')).toEqual({
      ok: true,
      rows: [
        { line: 1, fields: ['a'] },
        { line: 2, fields: [''] },
        { line: 3, fields: ['b'] },
      ],
    });
    expect(parseCsv('')).toEqual({ ok: true, rows: [] });
  });

  it('reports an unclosed quote at the line it opens, and stray quotes', () => {
    expect(parseCsv('a,b\n1,"open\nstill open\n')).toMatchObject({ ok: false, line: 2, message: /never closed/ });
    expect(parseCsv('a,b\n"x"y,2')).toMatchObject({ ok: false, line: 2, message: /after a closing quote/ });
    expect(parseCsv('a,b\nx"y,2')).toMatchObject({ ok: false, line: 2, message: /quote inside an unquoted field/ });
  });
});

describe('parseLadder: CSV', () => {
  it('reads a spreadsheet export with quotes, commas, line breaks and a BOM', () => {
    const csv =
      '\uFEFFid,name,description,signals\r\n' +
      'craft,Engineering craft,"Builds things well, and fast","Writes tests; Reviews ""deeply"" | Refactors"\r\n' +
      ',System design,"Designs systems\r\nacross teams","Led a design review\r\nWrote an ADR"\r\n';
    const rubric = rubricOf(parseLadder(csv, 'csv', OPTS));
    expect(rubric).toEqual({
      id: 'acme-ladder',
      name: 'Acme senior engineer',
      competencies: [
        {
          id: 'craft',
          name: 'Engineering craft',
          description: 'Builds things well, and fast',
          signals: ['Writes tests', 'Reviews "deeply"', 'Refactors'],
        },
        {
          id: 'system-design',
          name: 'System design',
          description: 'Designs systems\r\nacross teams',
          signals: ['Led a design review', 'Wrote an ADR'],
        },
      ],
    });
  });

  it('accepts columns in any order, without description or signals, and a mapsTo column', () => {
    const csv = 'Name,ID,mapsTo\nDelivery,delivery,ownership;judgment\nCraft,craft,\n';
    expect(rubricOf(parseLadder(csv, 'csv', OPTS)).competencies).toEqual([
      { id: 'delivery', name: 'Delivery', description: '', signals: [], mapsTo: ['ownership', 'judgment'] },
      { id: 'craft', name: 'Craft', description: '', signals: [] },
    ]);
  });

  it('reports duplicate ids, empty names and bad ids with their line numbers', () => {
    const csv = [
      'id,name,description,signals',
      'craft,Craft,,',
      '"multi","Multi',
      'line name",,',
      'craft,Craft again,,',
      'ok,,,',
      'Bad Id,Bad,,',
    ].join('\n');
    expect(errorsOf(parseLadder(csv, 'csv', OPTS))).toEqual([
      { line: 5, message: 'Duplicate id "craft" (first used on line 2).' },
      { line: 6, message: 'The competency name is empty.' },
      {
        line: 7,
        message: 'Invalid id "Bad Id": use lower-case letters, digits and dashes, like "bad-id".',
      },
    ]);
  });

  it('reports rows with too many fields and unknown mapsTo ids', () => {
    const csv = 'id,name,description,signals,mapsTo\na,A,one, two,three,ownership\nb,B,,,leadership\n';
    expect(errorsOf(parseLadder(csv, 'csv', OPTS))).toEqual([
      { line: 2, message: expect.stringMatching(/^This row has 6 fields but the header has 5/) },
    ]);
    const csv2 = 'id,name,mapsTo\nb,B,leadership|ownership\n';
    expect(errorsOf(parseLadder(csv2, 'csv', OPTS))).toEqual([
      { line: 2, message: expect.stringMatching(/^mapsTo names "leadership": only ids of the default rubric/) },
    ]);
  });

  it('reports a bad header', () => {
    expect(errorsOf(parseLadder('id,title,signal\na,b,c\n', 'csv', OPTS))).toEqual([
      { line: 1, message: expect.stringMatching(/^Unknown column "title"/) },
      { line: 1, message: expect.stringMatching(/^Unknown column "signal"/) },
      { line: 1, message: expect.stringMatching(/needs a "name" column/) },
    ]);
    expect(errorsOf(parseLadder('\n\nid,name,name\n', 'csv', OPTS))).toEqual([
      { line: 3, message: 'Column "name" appears twice.' },
    ]);
  });

  it('reports an unclosed quote, an empty file, a header with no rows, and too many rows', () => {
    expect(errorsOf(parseLadder('id,name\na,"A\nb,B\n', 'csv', OPTS))).toEqual([
      { line: 2, message: 'A quoted field is never closed (missing ").' },
    ]);
    expect(errorsOf(parseLadder('  \n', 'csv', OPTS))).toEqual([{ line: 1, message: 'The file is empty.' }]);
    expect(errorsOf(parseLadder('id,name\n', 'csv', OPTS))).toEqual([
      { line: 1, message: 'The ladder has no competencies.' },
    ]);
    const rows = Array.from({ length: 51 }, (_, i) => `c${i},Competency ${i}`);
    expect(errorsOf(parseLadder(['id,name', ...rows].join('\n'), 'csv', OPTS))).toEqual([
      { line: 52, message: 'Too many competencies: 51; a ladder may have at most 50.' },
    ]);
    expect(rubricOf(parseLadder(['id,name', ...rows.slice(0, 50)].join('\n'), 'csv', OPTS)).competencies).toHaveLength(
      50,
    );
  });

  it('reports text over the schema limits on the right line', () => {
    const long = 'x'.repeat(101);
    const errors = errorsOf(parseLadder(`id,name\na,A\nb,${long}\n`, 'csv', OPTS));
    expect(errors).toEqual([{ line: 3, message: `${long}: the name may have at most 100 characters` }]);
    const signals = Array.from({ length: 31 }, (_, i) => `s${i}`).join(';');
    expect(errorsOf(parseLadder(`id,name,signals\na,A,${signals}\n`, 'csv', OPTS))).toEqual([
      { line: 2, message: 'A: at most 30 signals of at most 500 characters each' },
    ]);
  });

  it('checks the ladder id and name, and refuses a built-in id', () => {
    expect(errorsOf(parseLadder('id,name\na,A\n', 'csv', { id: 'google-l4-l5', name: 'x' }))).toEqual([
      { line: 1, message: '"google-l4-l5" is the id of a built-in rubric; choose another.' },
    ]);
    expect(errorsOf(parseLadder('id,name\na,A\n', 'csv', { id: 'x', name: '  ' }))).toEqual([
      { line: 1, message: 'Give the ladder a name (1 to 200 characters).' },
    ]);
  });

  it('refuses a file that is too large, and never throws on odd input', () => {
    expect(errorsOf(parseLadder('a'.repeat(MAX_LADDER_CHARS + 1), 'csv', OPTS))[0]?.message).toMatch(/too large/);
    for (const text of ['"', '""', ',', '\r', '\uFEFF', 'name\n"', 'name\n""x', null as unknown as string]) {
      expect(() => parseLadder(text, 'csv', OPTS)).not.toThrow();
      expect(() => parseLadder(text, 'json', OPTS)).not.toThrow();
    }
  });
});

describe('parseLadder: JSON', () => {
  it('reads a Rubric, taking the name from the file when none is given', () => {
    const json = JSON.stringify(
      {
        id: 'ignored',
        name: 'Acme L4 to L5',
        competencies: [
          { id: 'craft', name: 'Craft', description: 'Builds well', signals: ['Writes tests'] },
          { name: 'Team Impact', signals: 'Mentors; Reviews', mapsTo: ['multiplier'] },
        ],
      },
      null,
      2,
    );
    expect(parseLadder(json, 'json', { id: 'acme', name: '' })).toEqual({
      ok: true,
      rubric: {
        id: 'acme',
        name: 'Acme L4 to L5',
        competencies: [
          { id: 'craft', name: 'Craft', description: 'Builds well', signals: ['Writes tests'] },
          {
            id: 'team-impact',
            name: 'Team Impact',
            description: '',
            signals: ['Mentors', 'Reviews'],
            mapsTo: ['multiplier'],
          },
        ],
      },
    });
    expect(rubricOf(parseLadder(json, 'json', OPTS)).name).toBe('Acme senior engineer');
  });

  it('reads {competencies: [...]} and a bare array', () => {
    expect(rubricOf(parseLadder('{"competencies":[{"id":"a","name":"A"}]}', 'json', OPTS)).competencies).toHaveLength(
      1,
    );
    expect(
      rubricOf(parseLadder('[{"id":"a","name":"A"},{"id":"b","name":"B"}]', 'json', OPTS)).competencies,
    ).toHaveLength(2);
  });

  it('reports the line of a syntax error', () => {
    const json = '{\n  "competencies": [\n    {"id": "a", "name": "A"},\n    {"id": "b" "name": "B"}\n  ]\n}';
    const [err] = errorsOf(parseLadder(json, 'json', OPTS));
    expect(err?.line).toBe(4);
    expect(err?.message).toMatch(/^Not valid JSON/);
    expect(err?.message).not.toMatch(/position/);
    expect(errorsOf(parseLadder('{\n"competencies": [\n', 'json', OPTS))[0]?.line).toBe(3);
    expect(errorsOf(parseLadder('\n\n  nope', 'json', OPTS))[0]?.line).toBe(3);
  });

  it('reports schema problems at the line of the field', () => {
    const json = [
      '{',
      '  "competencies": [',
      '    {',
      '      "id": "a",',
      '      "name": "A"',
      '    },',
      '    {',
      '      "id": "a",',
      '      "name": "Again"',
      '    },',
      '    {',
      '      "id": "c",',
      '      "name": ""',
      '    },',
      '    {',
      '      "id": "d",',
      '      "name": "D",',
      '      "signals": [1, 2]',
      '    },',
      '    "not an object"',
      '  ]',
      '}',
    ].join('\n');
    expect(errorsOf(parseLadder(json, 'json', OPTS))).toEqual([
      { line: 18, message: '"signals" must be a list of text.' },
      { line: 20, message: 'Competency 5 must be an object with id, name, description and signals.' },
    ]);
    const fixed = json.replace('"signals": [1, 2]', '"signals": ["x"]').replace(',\n    "not an object"', '');
    expect(errorsOf(parseLadder(fixed, 'json', OPTS))).toEqual([
      { line: 8, message: 'Duplicate id "a" (first used on line 3).' },
      { line: 13, message: 'The competency name is empty.' },
    ]);
  });

  it('reports a file that is not a ladder', () => {
    expect(errorsOf(parseLadder('{"name": "x"}', 'json', OPTS))[0]?.message).toMatch(/"competencies" array/);
    expect(errorsOf(parseLadder('{\n "competencies": {"a": 1}\n}', 'json', OPTS))).toEqual([
      { line: 2, message: expect.stringMatching(/"competencies" array/) },
    ]);
    expect(errorsOf(parseLadder('42', 'json', OPTS))[0]?.message).toMatch(/rubric object/);
    expect(errorsOf(parseLadder('[]', 'json', OPTS))[0]?.message).toBe('The ladder has no competencies.');
  });
});

describe('slugifyCompetencyId', () => {
  it('makes a valid id from a name', () => {
    expect(slugifyCompetencyId('Tech Leadership!')).toBe('tech-leadership');
    expect(slugifyCompetencyId('  Équipe & Qualité  ')).toBe('equipe-qualite');
    expect(slugifyCompetencyId('日本語')).toBe('');
  });
});
