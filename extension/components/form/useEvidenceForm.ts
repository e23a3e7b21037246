/**
 * The one evidence form's state (docs/DESIGN.md "Data model", Evidence): a
 * reducer over every field an evidence item's form edits, plus whether a save
 * is running and the error to show. Capture, the library's inline editor and
 * the inbox's accept form all hold their form in `useEvidenceForm`; the rules
 * live in the reducer, once: picking a kind that implies a role sets that role
 * (Mentoring → Mentor, Code review → Reviewer), and typing a date clears the
 * "guessed date" mark.
 */
import { useCallback, useMemo, useReducer } from 'react';
import type { Evidence, Kind, Metric, Role, Source } from '../../../shared/schemas';
import { cleanMetrics } from '../fields';

/** What the evidence form edits. */
export interface EvidenceFormState {
  source: Source;
  kind: Kind;
  role: Role;
  title: string;
  url: string;
  /** `YYYY-MM-DD`. */
  occurredOn: string;
  /** True when the page gave no date and `occurredOn` is today's, a guess the form marks. */
  dateGuessed: boolean;
  claim: string;
  impact: string;
  privateNote: string;
  /** Competency ids of the active rubric. */
  competencies: string[];
  /** Ids suggested from the page or the import (marked "suggested" in the picker). */
  suggested: string[];
  metrics: Metric[];
  tags: string[];
  people: string[];
  /** Source details (`meta`), a JSON object. */
  meta: Record<string, unknown>;
  /** True while the "Source details (JSON)" box holds text that is not a JSON object. */
  metaInvalid: boolean;
}

/** A form with every field empty (source `manual`, kind `other`, role `author`), then `patch` applied. */
export function emptyEvidenceForm(occurredOn: string, patch: Partial<EvidenceFormState> = {}): EvidenceFormState {
  return {
    source: 'manual',
    kind: 'other',
    role: 'author',
    title: '',
    url: '',
    occurredOn,
    dateGuessed: false,
    claim: '',
    impact: '',
    privateNote: '',
    competencies: [],
    suggested: [],
    metrics: [],
    tags: [],
    people: [],
    meta: {},
    metaInvalid: false,
    ...patch,
  };
}

/** The form for a stored item; `competencies` are its ids in the active rubric (`competenciesOf`). */
export function formFromEvidence(item: Evidence, competencies: string[]): EvidenceFormState {
  return emptyEvidenceForm(item.occurredOn, {
    source: item.source,
    kind: item.kind,
    role: item.role,
    title: item.title,
    url: item.url,
    claim: item.claim,
    impact: item.impact,
    privateNote: item.privateNote,
    competencies,
    metrics: item.metrics,
    tags: item.tags,
    people: item.people,
    meta: item.meta,
  });
}

/** The fields `saveEvidence` (extension/db/write.ts) takes, from the form: text trimmed, metric rows cleaned. */
export function evidenceInput(form: EvidenceFormState) {
  return {
    source: form.source,
    kind: form.kind,
    role: form.role,
    url: form.url.trim(),
    title: form.title.trim(),
    occurredOn: form.occurredOn,
    claim: form.claim.trim(),
    impact: form.impact.trim(),
    metrics: cleanMetrics(form.metrics),
    competencies: form.competencies,
    tags: form.tags,
    people: form.people,
    meta: form.meta,
    privateNote: form.privateNote.trim(),
  };
}

/** The role a kind implies where the mapping is obvious (Mentoring → Mentor, Code review → Reviewer). */
export function roleForKind(kind: Kind): Role | undefined {
  if (kind === 'mentoring') return 'mentor';
  if (kind === 'code-review') return 'reviewer';
  return undefined;
}

/**
 * The role after the kind changes from `from` to `to`: the role `to` implies;
 * else, when the current role was only implied by `from`, `author`; else unchanged.
 */
export function roleAfterKindChange(role: Role, from: Kind, to: Kind): Role {
  const implied = roleForKind(to);
  if (implied) return implied;
  return roleForKind(from) === role ? 'author' : role;
}

/** The hook's whole state. */
interface State {
  form: EvidenceFormState;
  saving: boolean;
  error: string | null;
}

type Action =
  | { type: 'set'; patch: Partial<EvidenceFormState> }
  | { type: 'reset'; form: EvidenceFormState }
  | { type: 'saving' }
  | { type: 'done' }
  | { type: 'fail'; error: string | null };

/** One field's change, with the form's rules applied (kind → role, typed date → not a guess). */
function applySet(form: EvidenceFormState, patch: Partial<EvidenceFormState>): EvidenceFormState {
  const next = { ...form, ...patch };
  if (patch.kind !== undefined && patch.role === undefined)
    next.role = roleAfterKindChange(form.role, form.kind, patch.kind);
  if (patch.occurredOn !== undefined && patch.dateGuessed === undefined) next.dateGuessed = false;
  return next;
}

/** The evidence form's reducer (pure; exported for tests). */
export function evidenceFormReducer(state: State, action: Action): State {
  switch (action.type) {
    case 'set':
      return { ...state, form: applySet(state.form, action.patch) };
    case 'reset':
      return { ...state, form: action.form, error: null };
    case 'saving':
      return { ...state, saving: true, error: null };
    case 'done':
      return { ...state, saving: false };
    case 'fail':
      return { ...state, saving: false, error: action.error };
  }
}

/** What {@link useEvidenceForm} gives a form. */
export interface EvidenceFormApi {
  form: EvidenceFormState;
  /** True while `submit`'s save runs. */
  saving: boolean;
  /** The last save's error message, or a validation message from `fail`. */
  error: string | null;
  /** Changes one field (the reducer's rules apply). */
  set: <K extends keyof EvidenceFormState>(key: K, value: EvidenceFormState[K]) => void;
  /** Replaces the whole form and clears the error (a page read, "New entry"). */
  reset: (form: EvidenceFormState) => void;
  /** Shows `error` (or clears it with `null`) without saving. */
  fail: (error: string | null) => void;
  /**
   * Runs `save` unless one is running: `saving` is true meanwhile, and a
   * rejection shows `describe(err)` as the error. Resolves true when it saved.
   */
  submit: (save: () => Promise<void>, describe: (err: unknown) => string) => Promise<boolean>;
}

/** Props of a piece of the evidence form: the form's state and setter, and the prefix of its test ids. */
export interface EvidenceFormPieceProps {
  api: Pick<EvidenceFormApi, 'form' | 'set'>;
  testIdPrefix: string;
}

/** The evidence form's state, starting from `initial` (a value, or a function called once). */
export function useEvidenceForm(initial: EvidenceFormState | (() => EvidenceFormState)): EvidenceFormApi {
  const [state, dispatch] = useReducer(evidenceFormReducer, initial, (i) => ({
    form: typeof i === 'function' ? i() : i,
    saving: false,
    error: null,
  }));
  const set = useCallback(
    <K extends keyof EvidenceFormState>(key: K, value: EvidenceFormState[K]) =>
      dispatch({ type: 'set', patch: { [key]: value } as Partial<EvidenceFormState> }),
    [],
  );
  const reset = useCallback((form: EvidenceFormState) => dispatch({ type: 'reset', form }), []);
  const fail = useCallback((error: string | null) => dispatch({ type: 'fail', error }), []);
  const { saving } = state;
  const submit = useCallback(
    async (save: () => Promise<void>, describe: (err: unknown) => string): Promise<boolean> => {
      if (saving) return false;
      dispatch({ type: 'saving' });
      try {
        await save();
        dispatch({ type: 'done' });
        return true;
      } catch (err) {
        dispatch({ type: 'fail', error: describe(err) });
        return false;
      }
    },
    [saving],
  );
  return useMemo(
    () => ({ form: state.form, saving, error: state.error, set, reset, fail, submit }),
    [state.form, saving, state.error, set, reset, fail, submit],
  );
}
