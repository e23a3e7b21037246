/**
 * The evidence form (docs/DESIGN.md "Data model", Evidence): title, kind, my
 * role, date, URL, source, competencies, claim and impact with the
 * specificity coach, and the private note; with `details`, also the metrics,
 * tags, people and the source details as JSON. The Capture tab and the
 * library's inline editor render it around the state of `useEvidenceForm`;
 * limits come from the schema (form/limits.ts).
 */
import { useState, type ReactNode, type Ref } from 'react';
import { Meta, type Rubric } from '../../../shared/schemas';
import { ChipsInput, CompetencyPicker, MetricsEditor } from '../fields';
import { ClaimImpactFields } from './ClaimImpactFields';
import { EvidenceEnumSelect } from './EnumFields';
import { EVIDENCE_LIMITS } from './limits';
import { PrivateNoteField, TextField } from './TextFields';
import type { EvidenceFormApi, EvidenceFormPieceProps } from './useEvidenceForm';

/** What the editor says when the source details box does not hold a JSON object. */
export const META_JSON_ERROR = 'Source details: expected a JSON object, e.g. {"repo": "acme/api"}.';

/**
 * The fields. `testIdPrefix` names the boxes for tests (`<prefix>title`,
 * `<prefix>claim`, `<prefix>impact`, `<prefix>private-note`, `<prefix>tags`,
 * `<prefix>date-guess`) and `competencyTestIdPrefix` + id each competency box;
 * `afterTitle` goes under the title (Capture's page facts).
 */
export function EvidenceForm({
  api,
  rubric,
  testIdPrefix,
  competencyTestIdPrefix,
  claimRef,
  autoFocusTitle = false,
  details = false,
  afterTitle,
}: {
  api: Pick<EvidenceFormApi, 'form' | 'set'>;
  rubric: Rubric;
  testIdPrefix: string;
  competencyTestIdPrefix: string;
  claimRef?: Ref<HTMLTextAreaElement>;
  autoFocusTitle?: boolean;
  details?: boolean;
  afterTitle?: ReactNode;
}) {
  const { form, set } = api;
  const testIds = { tags: `${testIdPrefix}tags`, people: undefined };
  return (
    <>
      <TextField
        label="Title"
        testId={`${testIdPrefix}title`}
        inputClassName="input title-input"
        value={form.title}
        required
        autoFocus={autoFocusTitle}
        maxLength={EVIDENCE_LIMITS.title}
        onChange={(v) => set('title', v)}
        placeholder="What was it?"
      />
      {afterTitle}

      <div className="row">
        <EvidenceEnumSelect field="kind" value={form.kind} onChange={(v) => v && set('kind', v)} />
        <EvidenceEnumSelect field="role" value={form.role} onChange={(v) => v && set('role', v)} />
        <TextField
          label="Date"
          className="field date"
          type="date"
          value={form.occurredOn}
          required
          onChange={(v) => set('occurredOn', v)}
        >
          {form.dateGuessed && (
            <span className="hint warn" data-testid={`${testIdPrefix}date-guess`}>
              A guess: the page shows no date
            </span>
          )}
        </TextField>
      </div>

      <div className="row">
        <TextField {...URL_FIELD} value={form.url} onChange={(v) => set('url', v)} />
        <EvidenceEnumSelect field="source" value={form.source} onChange={(v) => v && set('source', v)} />
      </div>

      <EvidenceCompetencies api={api} rubric={rubric} testIdPrefix={competencyTestIdPrefix} />
      <ClaimImpactFields api={api} testIdPrefix={testIdPrefix} claimRef={claimRef} />

      {details && <MetricsEditor value={form.metrics} onChange={(m) => set('metrics', m)} />}
      {details &&
        CHIP_FIELDS.map(({ key, ...chips }) => (
          <ChipsInput key={key} {...chips} values={form[key]} onChange={(v) => set(key, v)} testId={testIds[key]} />
        ))}

      <PrivateNoteField
        value={form.privateNote}
        onChange={(v) => set('privateNote', v)}
        maxLength={EVIDENCE_LIMITS.privateNote}
        placeholder="Context for you only"
        testId={`${testIdPrefix}private-note`}
      />

      {details && <MetaJsonField api={api} />}
    </>
  );
}

/** The tags and people boxes of the detailed form. */
const CHIP_FIELDS = [
  {
    key: 'tags',
    label: 'Tags',
    placeholder: 'Add a tag, press Enter',
    maxLength: EVIDENCE_LIMITS.tag,
    max: EVIDENCE_LIMITS.tags,
  },
  {
    key: 'people',
    label: 'People (helped or worked with)',
    placeholder: 'Add a name, press Enter',
    maxLength: EVIDENCE_LIMITS.person,
    max: EVIDENCE_LIMITS.people,
  },
] as const;

/** The URL box's fixed props. */
const URL_FIELD = { label: 'URL', className: 'field grow', type: 'url', placeholder: 'https://…' } as const;

/** The competency checkboxes of `api`'s form, with the suggested ones marked; `testIdPrefix` + id names each box. */
export function EvidenceCompetencies({
  api: { form, set },
  rubric,
  testIdPrefix,
}: EvidenceFormPieceProps & { rubric: Rubric }) {
  return (
    <CompetencyPicker
      rubric={rubric}
      value={form.competencies}
      suggested={form.suggested}
      onChange={(ids) => set('competencies', ids)}
      testIdPrefix={testIdPrefix}
    />
  );
}

/**
 * "Source details (JSON)": the item's `meta` as editable JSON. Text that is not
 * a JSON object (empty text counts as `{}`) marks the form `metaInvalid`, and
 * the form refuses to save with {@link META_JSON_ERROR}.
 */
function MetaJsonField({ api: { form, set } }: { api: Pick<EvidenceFormApi, 'form' | 'set'> }) {
  const [text, setText] = useState(() => JSON.stringify(form.meta, null, 2));
  function onChange(value: string) {
    setText(value);
    let parsed: ReturnType<typeof Meta.safeParse> | undefined;
    try {
      parsed = Meta.safeParse(JSON.parse(value || '{}'));
    } catch {
      parsed = undefined;
    }
    if (parsed?.success) set('meta', parsed.data);
    set('metaInvalid', !parsed?.success);
  }
  return (
    <details className="advanced">
      <summary>Source details (JSON)</summary>
      <label className="field">
        <span className="visually-hidden">Source details as JSON</span>
        <textarea
          className="input mono"
          rows={6}
          spellCheck={false}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      </label>
    </details>
  );
}
