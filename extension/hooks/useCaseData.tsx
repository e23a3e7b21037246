/**
 * The panel's shared data: the live evidence list (read once for every tab),
 * the synced settings, the active rubric and how stored competency ids map to
 * it. Evidence keeps the ids it was tagged with; when the active rubric is a
 * preset or an imported ladder, ids from another rubric are shown through
 * `mapCompetencies` (shared/rubrics.ts), so switching rubric never rewrites or
 * loses evidence.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Evidence, Rubric, UserSettingsRecord } from '../../shared/schemas';
import { SENIOR_ENGINEER } from '../../shared/rubric';
import { allRubrics, mapCompetencies } from '../../shared/rubrics';
import { competencyNames } from '../../shared/competency-names';
import { getSettings, listEvidence, listNewestEvidence } from '../db/queries';

/** What every tab reads. `evidence` is undefined while the first query runs. */
export interface CaseData {
  evidence: Evidence[] | undefined;
  /** The newest items (at most `FIRST_PAGE`), available before `evidence` to paint the first screen. */
  firstPage: Evidence[] | undefined;
  settings: UserSettingsRecord | undefined;
  /** The active rubric (settings `rubricId`, else the default). */
  rubric: Rubric;
  /** Every selectable rubric: presets then the user's imported ladders. */
  rubrics: Rubric[];
  /** The item's competency ids in the active rubric (own ids plus mapped foreign ones, no duplicates). */
  competenciesOf: (e: Pick<Evidence, 'competencies'>) => string[];
  /** `evidence` with `competencies` replaced by `competenciesOf` (same objects when nothing maps). */
  mapped: Evidence[] | undefined;
  /** The active rubric's competency names by id (shared/competency-names.ts), built once per rubric. */
  competencyNames: ReadonlyMap<string, string>;
}

/**
 * A function giving an item's competency ids in `active`: ids `active` has are
 * kept; any other id is looked up in the first of `all` that has it (default
 * rubric first) and mapped with `mapCompetencies`; unknown ids are dropped.
 */
export function competencyMapper(
  active: Rubric,
  all: readonly Rubric[],
): (e: Pick<Evidence, 'competencies'>) => string[] {
  const own = new Set(active.competencies.map((c) => c.id));
  const cache = new Map<string, string[]>();
  const mapOne = (id: string): string[] => {
    let hit = cache.get(id);
    if (hit) return hit;
    const from = all.find((r) => r.id !== active.id && r.competencies.some((c) => c.id === id));
    hit = from ? mapCompetencies([id], from, active) : [];
    cache.set(id, hit);
    return hit;
  };
  return (e) => {
    if (e.competencies.every((id) => own.has(id))) return e.competencies;
    const out: string[] = [];
    for (const id of e.competencies) {
      for (const m of own.has(id) ? [id] : mapOne(id)) if (!out.includes(m)) out.push(m);
    }
    return out;
  };
}

/**
 * Competency ids to store after the user picked `picked` (ids of the active
 * rubric) on an item whose stored ids are `stored`: the picked ids, plus the
 * stored foreign ids whose mapping is still fully picked (unticking a mapped
 * competency drops the foreign id behind it).
 */
export function storedCompetencies(
  stored: readonly string[],
  picked: readonly string[],
  active: Rubric,
  competenciesOf: CaseData['competenciesOf'],
): string[] {
  const own = new Set(active.competencies.map((c) => c.id));
  const foreign = stored.filter((id) => !own.has(id));
  const keep = foreign.filter((id) => {
    const m = competenciesOf({ competencies: [id] });
    return m.length > 0 && m.every((x) => picked.includes(x));
  });
  return [...picked, ...keep];
}

const Ctx = createContext<CaseData | null>(null);

/** How many items the first, quick read gives (more than one screen of the library). */
export const FIRST_PAGE = 40;

/** Reads the live evidence and settings once and provides them to the panel's tabs. */
export function CaseDataProvider({ children }: { children: ReactNode }) {
  const firstPage = useLiveQuery(() => listNewestEvidence(FIRST_PAGE), []);
  // The whole list is read after the first page has painted, so the two reads do not compete.
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (firstPage === undefined || painted) return;
    let t: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (t = setTimeout(() => setPainted(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      if (t !== undefined) clearTimeout(t);
    };
  }, [firstPage, painted]);
  const evidence = useLiveQuery(() => (painted ? listEvidence() : undefined), [painted]);
  const settings = useLiveQuery(() => getSettings(), []);
  const custom = settings?.customRubrics;
  const rubrics = useMemo(() => allRubrics(custom ?? []), [custom]);
  const rubricId = settings?.rubricId;
  const rubric = useMemo(() => rubrics.find((r) => r.id === rubricId) ?? SENIOR_ENGINEER, [rubrics, rubricId]);
  const competenciesOf = useMemo(() => competencyMapper(rubric, rubrics), [rubric, rubrics]);
  const mapped = useMemo(
    () =>
      evidence?.map((e) => {
        const ids = competenciesOf(e);
        return ids === e.competencies ? e : { ...e, competencies: ids };
      }),
    [evidence, competenciesOf],
  );
  const names = useMemo(() => competencyNames(rubric), [rubric]);
  const value = useMemo(
    () => ({ evidence, firstPage, settings, rubric, rubrics, competenciesOf, mapped, competencyNames: names }),
    [evidence, firstPage, settings, rubric, rubrics, competenciesOf, mapped, names],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The panel's shared data (must be inside `CaseDataProvider`). */
export function useCaseData(): CaseData {
  const v = useContext(Ctx);
  if (!v) throw new Error('useCaseData must be used inside <CaseDataProvider>');
  return v;
}
