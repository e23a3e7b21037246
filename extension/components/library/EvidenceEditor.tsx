/**
 * Inline editor of one evidence item in the library: every field, with the
 * specificity coach under claim and impact (hints only, saving is never
 * blocked). Ctrl/Cmd+Enter saves, Escape cancels.
 */
import { useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Kind, Meta, Role, Source, type Evidence, type Metric } from '../../../shared/schemas';
import { KIND_LABELS, ROLE_LABELS, SOURCE_LABELS } from '../../../shared/case';
import { coachClaim, coachImpact } from '../../../shared/coach';
import { saveEvidence } from '../../db/write';
import { storedCompetencies, useCaseData } from '../../hooks/useCaseData';
import { ChipsInput, CoachHints, CompetencyPicker, EnumSelect, MetricsEditor, cleanMetrics } from '../fields';
import { describeSaveError } from '../format';

/** Editor for `item`; calls `onDone` after a save or on cancel. */
export function EvidenceEditor({ item, onDone }: { item: Evidence; onDone: () => void }) {
  const { rubric, competenciesOf } = useCaseData();
  const uid = useId();
  const signalTags = item.tags.filter((t) => t.startsWith('signal:'));
  const [title, setTitle] = useState(item.title);
  const [url, setUrl] = useState(item.url);
  const [source, setSource] = useState<Source>(item.source);
  const [kind, setKind] = useState<Kind>(item.kind);
  const [role, setRole] = useState<Role>(item.role);
  const [occurredOn, setOccurredOn] = useState(item.occurredOn);
  const [claim, setClaim] = useState(item.claim);
  const [impact, setImpact] = useState(item.impact);
  const [competencies, setCompetencies] = useState<string[]>(() => competenciesOf(item));
  const [tags, setTags] = useState(() => item.tags.filter((t) => !t.startsWith('signal:')));
  const [people, setPeople] = useState(item.people);
  const [metrics, setMetrics] = useState<Metric[]>(item.metrics);
  const [privateNote, setPrivateNote] = useState(item.privateNote);
  const [metaText, setMetaText] = useState(() => JSON.stringify(item.meta, null, 2));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const claimHints = useMemo(() => coachClaim(claim), [claim]);
  const impactHints = useMemo(() => coachImpact(impact), [impact]);

  async function save() {
    if (saving) return;
    setError(null);
    let meta: Record<string, unknown>;
    try {
      const parsed = Meta.safeParse(JSON.parse(metaText || '{}'));
      if (!parsed.success) throw new Error('not an object');
      meta = parsed.data;
    } catch {
      setError('Source details: expected a JSON object, e.g. {"repo": "acme/api"}.');
      return;
    }
    setSaving(true);
    try {
      await saveEvidence({
        id: item.id,
        source,
        kind,
        role,
        url: url.trim(),
        title: title.trim(),
        occurredOn,
        claim: claim.trim(),
        impact: impact.trim(),
        metrics: cleanMetrics(metrics),
        competencies: storedCompetencies(item.competencies, competencies, rubric, competenciesOf),
        tags: [...tags, ...signalTags.filter((t) => !tags.includes(t))],
        people,
        meta,
        privateNote: privateNote.trim(),
      });
      onDone();
    } catch (err) {
      setError(describeSaveError(err));
      setSaving(false);
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void save();
  }

  function onKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onDone();
    }
  }

  return (
    <form className="editor" onSubmit={onSubmit} onKeyDown={onKeyDown} aria-label={`Edit “${item.title}”`} noValidate>
      <label className="field">
        <span className="label">Title</span>
        <input
          className="input title-input"
          data-testid="edit-title"
          value={title}
          maxLength={500}
          required
          autoFocus
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      <div className="row">
        <EnumSelect
          label="Kind"
          value={kind}
          options={Kind.options}
          labels={KIND_LABELS}
          onChange={(v) => setKind(Kind.parse(v))}
        />
        <EnumSelect
          label="My role"
          value={role}
          options={Role.options}
          labels={ROLE_LABELS}
          onChange={(v) => setRole(Role.parse(v))}
        />
        <label className="field">
          <span className="label">Date</span>
          <input
            className="input"
            type="date"
            value={occurredOn}
            required
            onChange={(e) => setOccurredOn(e.target.value)}
          />
        </label>
      </div>
      <div className="row">
        <label className="field grow">
          <span className="label">URL</span>
          <input className="input" type="url" value={url} onChange={(e) => setUrl(e.target.value)} />
        </label>
        <EnumSelect
          label="Source"
          value={source}
          options={Source.options}
          labels={SOURCE_LABELS}
          onChange={(v) => setSource(Source.parse(v))}
        />
      </div>
      <label className="field">
        <span className="label">Claim</span>
        <textarea
          className="input"
          data-testid="edit-claim"
          rows={3}
          maxLength={5000}
          value={claim}
          aria-describedby={`${uid}-claim`}
          onChange={(e) => setClaim(e.target.value)}
        />
        <CoachHints id={`${uid}-claim`} hints={claimHints} fallback="First person, specific: what you did." />
      </label>
      <label className="field">
        <span className="label">Impact</span>
        <textarea
          className="input"
          data-testid="edit-impact"
          rows={2}
          maxLength={5000}
          value={impact}
          aria-describedby={`${uid}-impact`}
          onChange={(e) => setImpact(e.target.value)}
        />
        <CoachHints
          id={`${uid}-impact`}
          hints={impactHints}
          fallback="The outcome, with numbers where you have them."
        />
      </label>
      <CompetencyPicker
        rubric={rubric}
        value={competencies}
        onChange={setCompetencies}
        testIdPrefix="edit-competency-"
      />
      <MetricsEditor value={metrics} onChange={setMetrics} />
      <ChipsInput
        label="Tags"
        values={tags}
        onChange={setTags}
        placeholder="Add a tag, press Enter"
        testId="edit-tags"
      />
      <ChipsInput
        label="People (helped or worked with)"
        values={people}
        onChange={setPeople}
        maxLength={120}
        placeholder="Add a name, press Enter"
      />
      <label className="field">
        <span className="label">
          Private note <span className="muted">(never shared)</span>
        </span>
        <textarea
          className="input"
          rows={2}
          maxLength={10000}
          value={privateNote}
          onChange={(e) => setPrivateNote(e.target.value)}
        />
      </label>
      <details className="advanced">
        <summary>Source details (JSON)</summary>
        <label className="field">
          <span className="visually-hidden">Source details as JSON</span>
          <textarea
            className="input mono"
            rows={6}
            spellCheck={false}
            value={metaText}
            onChange={(e) => setMetaText(e.target.value)}
          />
        </label>
      </details>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary" data-testid="edit-save" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          Cancel
        </button>
        <span className="kbd-hint">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> saves · <kbd>Esc</kbd> cancels
        </span>
      </div>
    </form>
  );
}
