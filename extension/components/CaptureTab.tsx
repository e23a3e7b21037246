/**
 * Capture tab: reads the target tab through the capture content script, shows a
 * prefilled form (or a manual one with the reason the page could not be read),
 * and saves the evidence locally (Ctrl/Cmd+Enter saves too).
 */
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Kind, Role, Source, type CaptureDraft, type Evidence } from '../../shared/schemas';
import { KIND_LABELS, ROLE_LABELS, SOURCE_LABELS } from '../../shared/case';
import { findEvidenceByUrl, getSettings } from '../db/queries';
import { saveEvidence } from '../db/write';
import { captureTab, findTargetTab, hostLabel, requestHostAccess } from '../capture/panel';
import { metaChips } from '../capture/chips';
import { describeMissing, recordDiagnostics } from '../capture/diagnostics';
import { useFollowTab } from '../capture/follow';
import { deriveRole } from '../extractors/role';
import type { Session } from '../api/session';
import { useCaseData } from '../hooks/useCaseData';
import { CompetencyPicker, EnumSelect } from './fields';
import { ClaimImpactFields } from './ClaimImpactFields';
import { describeSaveError } from './format';
import {
  formFromDraft,
  manualForm,
  metricLabel,
  roleAfterKindChange,
  savedMessage,
  type FormState,
  type Phase,
} from './capture-form';

/** Capture tab. `session` gives the e-mail used as an identity for role detection. */
export function CaptureTab({ session }: { session: Session | null }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'reading' });
  const [form, setForm] = useState<FormState | null>(null);
  const [existing, setExisting] = useState<Evidence | undefined>(undefined);
  const [saved, setSaved] = useState<{ title: string; claim: string; updated: boolean } | null>(null);
  const claimRef = useRef<HTMLTextAreaElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  /** Facts the site extractor expected and did not find on the page. */
  const [missing, setMissing] = useState<string[]>([]);
  /** True when the captured tab moved to another page while the user was typing. */
  const [moved, setMoved] = useState(false);
  const dirty = useRef(false);
  /** Each read gets a number; a result whose read is no longer the latest is dropped. */
  const readSeq = useRef(0);
  /** The URL the latest read started on. */
  const readUrl = useRef<string | undefined>(undefined);
  /** The last draft read from the page, so the role can be re-derived when Settings change. */
  const lastDraft = useRef<CaptureDraft | null>(null);
  const targetTabId = useRef<number | null>(null);
  const emailRef = useRef<string | undefined>(undefined);
  useEffect(() => {
    emailRef.current = session?.user.email;
  }, [session]);
  const { settings, rubric, competenciesOf } = useCaseData();
  /** The form with suggested and stored competency ids shown in the active rubric. */
  const mapRef = useRef(competenciesOf);
  useEffect(() => {
    mapRef.current = competenciesOf;
  }, [competenciesOf]);
  const inRubric = useCallback(
    (f: FormState): FormState => ({
      ...f,
      competencies: mapRef.current({ competencies: f.competencies }),
      suggested: mapRef.current({ competencies: f.suggested }),
    }),
    [],
  );

  /** Reads the target tab and fills the form (state changes only after the first await). */
  const read = useCallback(async () => {
    const seq = ++readSeq.current;
    const tab = await findTargetTab();
    targetTabId.current = tab?.id ?? null;
    readUrl.current = tab?.url;
    const s = await getSettings();
    const outcome = await captureTab(tab, {
      githubLogin: s?.githubLogin || undefined,
      atlassianName: s?.atlassianName || undefined,
      email: emailRef.current,
    });
    // A newer read started (the tab moved on): this result describes a page that is gone.
    if (seq !== readSeq.current) return;
    if (outcome.kind === 'draft') {
      const found = await findEvidenceByUrl(outcome.draft.url);
      if (seq !== readSeq.current) return;
      lastDraft.current = outcome.draft;
      recordDiagnostics(outcome.diagnostics);
      setMissing(outcome.missing);
      setExisting(found);
      setForm(inRubric(formFromDraft(outcome.draft, found)));
      setPhase({ kind: 'draft' });
    } else {
      lastDraft.current = null;
      setMissing([]);
      setExisting(undefined);
      setForm(manualForm(outcome.tab));
      setPhase({ kind: 'manual', reason: outcome.reason, grantOrigins: outcome.grantOrigins });
    }
    setSaved(null);
    setError(null);
    setMoved(false);
    dirty.current = false;
  }, [inRubric]);

  /** Shows the reading state, then reads again (event handlers and tab listeners). */
  const reread = useCallback(() => {
    setPhase({ kind: 'reading' });
    void read();
  }, [read]);

  /** Shows the reading state and drops the read in flight (the tab is loading another page). */
  const invalidate = useCallback(() => {
    readSeq.current++;
    setPhase({ kind: 'reading' });
  }, []);
  const onMovedWhileDirty = useCallback(() => setMoved(true), []);

  useEffect(() => {
    void read();
  }, [read]);

  // Settings changed (e.g. the GitHub login was just entered): re-derive role, kind and
  // suggested competencies from the last draft, unless the user has started editing.
  const githubLogin = settings?.githubLogin;
  const atlassianName = settings?.atlassianName;
  useEffect(() => {
    const draft = lastDraft.current;
    if (!draft || dirty.current) return;
    const derived = deriveRole(draft, {
      githubLogin: githubLogin || undefined,
      atlassianName: atlassianName || undefined,
      email: emailRef.current,
    });
    if (derived === draft) return;
    lastDraft.current = derived;
    setForm((f) => (f ? inRubric(formFromDraft(derived, existing)) : f));
  }, [githubLogin, atlassianName, existing, inRubric]);

  // Follow the captured tab: tab switches, loads and soft navigations (capture/follow.ts).
  useFollowTab({ targetTabId, readUrl, dirty, reread, invalidate, onMovedWhileDirty });

  function update<K extends keyof FormState>(key: K, value: FormState[K]) {
    dirty.current = true;
    setSaved(null);
    setForm((f) => (f ? { ...f, [key]: value } : f));
  }

  async function save() {
    if (!form || saving) return;
    setSaving(true);
    setError(null);
    try {
      const record = await saveEvidence({
        id: existing?.id,
        source: form.source,
        kind: form.kind,
        role: form.role,
        url: form.url.trim(),
        title: form.title.trim(),
        occurredOn: form.occurredOn,
        claim: form.claim.trim(),
        impact: form.impact.trim(),
        metrics: form.metrics,
        competencies: form.competencies,
        tags: existing?.tags ?? [],
        people: existing?.people ?? [],
        meta: form.meta,
        privateNote: form.privateNote.trim(),
      });
      setSaved({ title: record.title, claim: record.claim, updated: existing !== undefined });
      setExisting(record);
      dirty.current = false;
    } catch (err) {
      setError(describeSaveError(err));
    } finally {
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
    }
  }

  /** "New entry": a blank manual form (the page read in flight, if any, is dropped). */
  function newEntry() {
    readSeq.current++;
    lastDraft.current = null;
    dirty.current = false;
    setExisting(undefined);
    setMissing([]);
    setSaved(null);
    setError(null);
    setMoved(false);
    setForm(manualForm(null));
    setPhase({ kind: 'new' });
  }

  async function grant(origins: string[]) {
    if (await requestHostAccess(origins)) reread();
  }

  // The claim is what only the user can write: focus it once a page has been read.
  const showing = phase.kind === 'draft' && form !== null;
  useEffect(() => {
    if (showing && !dirty.current) claimRef.current?.focus({ preventScroll: true });
  }, [showing]);

  if (phase.kind === 'reading' || !form) {
    return (
      <div className="reading" role="status">
        <span className="spinner" aria-hidden="true" /> Reading the page…
      </div>
    );
  }

  const chips = metaChips(form);
  const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

  return (
    <form className="capture" data-testid="capture-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
      <div className="capture-head">
        <span className={`source-badge source-${form.source}`}>{SOURCE_LABELS[form.source]}</span>
        {existing && !saved && <span className="note">Already in your case: saving updates it</span>}
        <button type="button" className="link-button" onClick={reread} title="Read the page again">
          Re-read page
        </button>
      </div>

      {moved && (
        <p className="note" role="status" data-testid="capture-moved">
          The tab moved to another page. Save this one, or use Re-read page to clip the new one.
        </p>
      )}
      {phase.kind === 'manual' && (
        <div className="banner" role="alert">
          <p>{phase.reason}</p>
          {phase.grantOrigins.length > 0 && (
            <button type="button" className="button secondary" onClick={() => void grant(phase.grantOrigins)}>
              Allow Casebook on {[...new Set(phase.grantOrigins.map(hostLabel))].join(', ')}
            </button>
          )}
        </div>
      )}

      <label className="field">
        <span className="label">Title</span>
        <input
          data-testid="capture-title"
          className="input title-input"
          value={form.title}
          required
          maxLength={500}
          onChange={(e) => update('title', e.target.value)}
          placeholder="What was it?"
        />
      </label>
      {(chips.length > 0 || form.metrics.length > 0) && (
        <div className="chips-line">
          {chips.length > 0 && (
            <p className="meta-chips" data-testid="capture-meta">
              {chips.join(' · ')}
            </p>
          )}
          {form.metrics.length > 0 && (
            <ul className="metrics" aria-label="Metrics">
              {form.metrics.map((m) => (
                <li key={m.label} className="metric">
                  <strong>{m.value.toLocaleString('en-US')}</strong>
                  {m.unit ? ` ${m.unit}` : ''} {metricLabel(m.label, m.value)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {missing.length > 0 && (
        <p className="note" data-testid="capture-missing">
          {describeMissing(missing)}
        </p>
      )}

      <div className="row">
        <EnumSelect
          label="Kind"
          value={form.kind}
          options={Kind.options}
          labels={KIND_LABELS}
          onChange={(v) => {
            const kind = Kind.parse(v);
            dirty.current = true;
            setSaved(null);
            setForm((f) => (f ? { ...f, kind, role: roleAfterKindChange(f.role, f.kind, kind) } : f));
          }}
        />
        <EnumSelect
          label="My role"
          value={form.role}
          options={Role.options}
          labels={ROLE_LABELS}
          onChange={(v) => update('role', Role.parse(v))}
        />
        <label className="field date">
          <span className="label">Date</span>
          <input
            className="input"
            type="date"
            value={form.occurredOn}
            required
            onChange={(e) => {
              update('occurredOn', e.target.value);
              update('dateGuessed', false);
            }}
          />
          {form.dateGuessed && (
            <span className="hint warn" data-testid="capture-date-guess">
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
            onChange={(e) => update('url', e.target.value)}
          />
        </label>
        <EnumSelect
          label="Source"
          value={form.source}
          options={Source.options}
          labels={SOURCE_LABELS}
          onChange={(v) => update('source', Source.parse(v))}
        />
      </div>

      <CompetencyPicker
        rubric={rubric}
        value={form.competencies}
        suggested={form.suggested}
        onChange={(ids) => update('competencies', ids)}
        testIdPrefix="competency-"
      />

      <ClaimImpactFields
        claim={form.claim}
        impact={form.impact}
        onClaim={(v) => update('claim', v)}
        onImpact={(v) => update('impact', v)}
        testIdPrefix="capture-"
        claimRef={claimRef}
      />
      <label className="field">
        <span className="label">
          Private note <span className="muted">(never shared)</span>
        </span>
        <input
          data-testid="capture-private-note"
          className="input"
          maxLength={10000}
          value={form.privateNote}
          placeholder="Context for you only"
          onChange={(e) => update('privateNote', e.target.value)}
        />
      </label>

      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary" data-testid="save-evidence" disabled={saving}>
          {saving ? 'Saving…' : existing ? 'Update evidence' : 'Save evidence'}
        </button>
        <span className="kbd-hint">
          <kbd>{isMac ? '⌘' : 'Ctrl'}</kbd>+<kbd>Enter</kbd>
        </span>
        {saved && (
          <>
            <span
              className={savedMessage(saved).draft ? 'draft-note' : 'saved'}
              data-testid="capture-saved"
              role="status"
            >
              {savedMessage(saved).draft ? '' : '✓ '}
              {savedMessage(saved).text}
            </span>
            <button type="button" className="link-button" data-testid="capture-new" onClick={newEntry}>
              New entry
            </button>
          </>
        )}
      </div>
    </form>
  );
}
