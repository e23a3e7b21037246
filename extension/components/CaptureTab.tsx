/**
 * Capture tab: reads the target tab through the capture content script, shows a
 * prefilled form (or a manual one with the reason the page could not be read),
 * and saves the evidence locally (Ctrl/Cmd+Enter saves too).
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { CaptureDraft, Evidence } from '../../shared/schemas';
import { SOURCE_LABELS } from '../../shared/case';
import { findEvidenceByUrl, getSettings } from '../db/queries';
import { saveEvidence } from '../db/write';
import { captureTab, findTargetTab, hostLabel, requestHostAccess } from '../capture/panel';
import { metaChips } from '../capture/chips';
import { describeMissing, recordDiagnostics } from '../capture/diagnostics';
import { useFollowTab } from '../capture/follow';
import { deriveRole } from '../extractors/role';
import type { Session } from '../api/session';
import { useCaseData } from '../hooks/useCaseData';
import { describeSaveError } from './format';
import { formFromDraft, manualForm, metricLabel, savedMessage, type FormState, type Phase } from './capture-form';
import { EvidenceForm } from './form/EvidenceForm';
import { FormStatus } from './form/FormStatus';
import { ShortcutHint } from './form/ShortcutHint';
import { evidenceInput, useEvidenceForm } from './form/useEvidenceForm';
import { useSubmitShortcut } from './form/useSubmitShortcut';

/** Capture tab. `session` gives the e-mail used as an identity for role detection. */
export function CaptureTab({ session }: { session: Session | null }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'reading' });
  const api = useEvidenceForm(() => manualForm(null));
  const { form, reset } = api;
  const [existing, setExisting] = useState<Evidence | undefined>(undefined);
  const [saved, setSaved] = useState<{ title: string; claim: string; updated: boolean } | null>(null);
  const claimRef = useRef<HTMLTextAreaElement>(null);
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
      reset(inRubric(formFromDraft(outcome.draft, found)));
      setPhase({ kind: 'draft' });
    } else {
      lastDraft.current = null;
      setMissing([]);
      setExisting(undefined);
      reset(manualForm(outcome.tab));
      setPhase({ kind: 'manual', reason: outcome.reason, grantOrigins: outcome.grantOrigins });
    }
    setSaved(null);
    setMoved(false);
    dirty.current = false;
  }, [inRubric, reset]);

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
    reset(inRubric(formFromDraft(derived, existing)));
  }, [githubLogin, atlassianName, existing, inRubric, reset]);

  // Follow the captured tab: tab switches, loads and soft navigations (capture/follow.ts).
  useFollowTab({ targetTabId, readUrl, dirty, reread, invalidate, onMovedWhileDirty });

  function update<K extends keyof FormState>(key: K, value: FormState[K]) {
    dirty.current = true;
    setSaved(null);
    api.set(key, value);
  }

  async function save() {
    await api.submit(async () => {
      const record = await saveEvidence({ id: existing?.id, ...evidenceInput(form) });
      setSaved({ title: record.title, claim: record.claim, updated: existing !== undefined });
      setExisting(record);
      dirty.current = false;
    }, describeSaveError);
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void save();
  }

  const onKeyDown = useSubmitShortcut(() => void save());

  /** "New entry": a blank manual form (the page read in flight, if any, is dropped). */
  function newEntry() {
    readSeq.current++;
    lastDraft.current = null;
    dirty.current = false;
    setExisting(undefined);
    setMissing([]);
    setSaved(null);
    setMoved(false);
    reset(manualForm(null));
    setPhase({ kind: 'new' });
  }

  async function grant(origins: string[]) {
    if (await requestHostAccess(origins)) reread();
  }

  // The claim is what only the user can write: focus it once a page has been read.
  const showing = phase.kind === 'draft';
  useEffect(() => {
    if (showing && !dirty.current) claimRef.current?.focus({ preventScroll: true });
  }, [showing]);

  if (phase.kind === 'reading') {
    return (
      <div className="reading" role="status">
        <span className="spinner" aria-hidden="true" /> Reading the page…
      </div>
    );
  }

  const chips = metaChips(form);
  const said = saved && savedMessage(saved);

  return (
    <form className="capture" data-testid="capture-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
      <div className="capture-head">
        <span className={`source-badge source-${form.source}`}>{SOURCE_LABELS[form.source]}</span>
        {existing && !saved && <span className="note">Already in your case: saving updates it</span>}
        <button type="button" className="link-button" onClick={reread} title="Read the page again">
          Re-read page
        </button>
      </div>

      <FormStatus
        tone="note"
        className="note"
        testId="capture-moved"
        message={moved && 'The tab moved to another page. Save this one, or use Re-read page to clip the new one.'}
      />
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

      <EvidenceForm
        api={{ form, set: update }}
        rubric={rubric}
        testIdPrefix="capture-"
        competencyTestIdPrefix="competency-"
        claimRef={claimRef}
        afterTitle={
          <>
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
          </>
        }
      />

      <FormStatus message={api.error} />
      <div className="actions">
        <button type="submit" className="button primary" data-testid="save-evidence" disabled={api.saving}>
          {api.saving ? 'Saving…' : existing ? 'Update evidence' : 'Save evidence'}
        </button>
        <ShortcutHint />
        {said && (
          <>
            <FormStatus
              inline
              tone={said.draft ? 'note' : 'saved'}
              className={said.draft ? 'draft-note' : undefined}
              check={!said.draft}
              testId="capture-saved"
              message={said.text}
            />
            <button type="button" className="link-button" data-testid="capture-new" onClick={newEntry}>
              New entry
            </button>
          </>
        )}
      </div>
    </form>
  );
}
