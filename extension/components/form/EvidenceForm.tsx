/**
 * The evidence form (docs/DESIGN.md "Data model", Evidence): title, kind, my
 * role, date, URL, source, competencies, claim and impact with the
 * specificity coach, and the private note; with `details`, also the metrics,
 * tags, people and the source details as JSON. The Capture tab and the
 * library's inline editor render it around the state of `useEvidenceForm`;
 * limits come from the schema (form/limits.ts).
 */
import { useState, type ReactNode, type Ref } from 'react';
import { Kind, Meta, Role, Source, type Rubric } from '../../../shared/schemas';
import { KIND_LABELS, ROLE_LABELS, SOURCE_LABELS } from '../../../shared/case';
import { ChipsInput, CompetencyPicker, EnumSelect, MetricsEditor } from '../fields';
import { ClaimImpactFields } from './ClaimImpactFields';
import { EVIDENCE_LIMITS } from './limits';
import { PrivateNoteField } from './TextFields';
import type { EvidenceFormApi } from './useEvidenceForm';

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
  return (
    <>
      <label className="field">
        <span className="label">Title</span>
        <input
          data-testid={`${testIdPrefix}title`}
          className="input title-input"
          value={form.title}
          required
          autoFocus={autoFocusTitle}
          maxLength={EVIDENCE_LIMITS.title}
          onChange={(e) => set('title', e.target.value)}
          placeholder="What was it?"
        />
      </label>
      {afterTitle}

      <div className="row">
        <EnumSelect
          label="Kind"
          value={form.kind}
          options={Kind.options}
          labels={KIND_LABELS}
          onChange={(v) => set('kind', Kind.parse(v))}
        />
        <EnumSelect
          label="My role"
          value={form.role}
          options={Role.options}
          labels={ROLE_LABELS}
          onChange={(v) => set('role', Role.parse(v))}
        />
        <label className="field date">
          <span className="label">Date</span>
          <input
            className="input"
            type="date"
            value={form.occurredOn}
            required
            onChange={(e) => set('occurredOn', e.target.value)}
          />
          {form.dateGuessed && (
            <span className="hint warn" data-testid={`${testIdPrefix}date-guess`}>
              A guess: the page shows no date
            </span>
          )}
        </label>
      </div>

      <div className="row">
        <label className="field grow">
          <span className="label">URL</span>
          <input
            className="input"
            type="url"
            value={form.url}
            placeholder="https://…"
            onChange={(e) => set('url', e.target.value)}
          />
        </label>
        <EnumSelect
          label="Source"
          value={form.source}
          options={Source.options}
          labels={SOURCE_LABELS}
          onChange={(v) => set('source', Source.parse(v))}
        />
      </div>

      <CompetencyPicker
        rubric={rubric}
        value={form.competencies}
        suggested={form.suggested}
        onChange={(ids) => set('competencies', ids)}
        testIdPrefix={competencyTestIdPrefix}
      />

      <ClaimImpactFields
        claim={form.claim}
        impact={form.impact}
        onClaim={(v) => set('claim', v)}
        onImpact={(v) => set('impact', v)}
        testIdPrefix={testIdPrefix}
        claimRef={claimRef}
      />

      {details && (
        <>
          <MetricsEditor value={form.metrics} onChange={(m) => set('metrics', m)} />
          <ChipsInput
            label="Tags"
            values={form.tags}
            onChange={(v) => set('tags', v)}
            maxLength={EVIDENCE_LIMITS.tag}
            max={EVIDENCE_LIMITS.tags}
            placeholder="Add a tag, press Enter"
            testId={`${testIdPrefix}tags`}
          />
          <ChipsInput
            label="People (helped or worked with)"
            values={form.people}
            onChange={(v) => set('people', v)}
            maxLength={EVIDENCE_LIMITS.person}
            max={EVIDENCE_LIMITS.people}
            placeholder="Add a name, press Enter"
          />
        </>
      )}

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
