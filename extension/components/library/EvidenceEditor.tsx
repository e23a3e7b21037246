/**
 * Inline editor of one evidence item in the library: the evidence form
 * (form/EvidenceForm.tsx) with every field, the specificity coach under claim
 * and impact (hints only, saving is never blocked). Ctrl/Cmd+Enter saves,
 * Escape cancels.
 */
import type { FormEvent } from 'react';
import type { Evidence } from '../../../shared/schemas';
import { saveEvidence } from '../../db/write';
import { storedCompetencies, useCaseData } from '../../hooks/useCaseData';
import { describeSaveError } from '../format';
import { EvidenceForm, META_JSON_ERROR } from '../form/EvidenceForm';
import { FormStatus } from '../form/FormStatus';
import { ShortcutHint } from '../form/ShortcutHint';
import { evidenceInput, formFromEvidence, useEvidenceForm } from '../form/useEvidenceForm';
import { useSubmitShortcut } from '../form/useSubmitShortcut';

/** Tags the case view's signals checklist sets (`signal:…`): kept, but not shown in the editor. */
const isSignalTag = (t: string) => t.startsWith('signal:');

/** Editor for `item`; calls `onDone` after a save or on cancel. */
export function EvidenceEditor({ item, onDone }: { item: Evidence; onDone: () => void }) {
  const { rubric, competenciesOf } = useCaseData();
  const api = useEvidenceForm(() => ({
    ...formFromEvidence(item, competenciesOf(item)),
    tags: item.tags.filter((t) => !isSignalTag(t)),
  }));
  const { form } = api;

  async function save() {
    if (api.saving) return;
    if (form.metaInvalid) {
      api.fail(META_JSON_ERROR);
      return;
    }
    const signalTags = item.tags.filter((t) => isSignalTag(t) && !form.tags.includes(t));
    const saved = await api.submit(
      () =>
        saveEvidence({
          id: item.id,
          ...evidenceInput(form),
          competencies: storedCompetencies(item.competencies, form.competencies, rubric, competenciesOf),
          tags: [...form.tags, ...signalTags],
        }).then(() => undefined),
      describeSaveError,
    );
    if (saved) onDone();
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void save();
  }

  const onKeyDown = useSubmitShortcut(() => void save(), onDone);

  return (
    <form className="editor" onSubmit={onSubmit} onKeyDown={onKeyDown} aria-label={`Edit “${item.title}”`} noValidate>
      <EvidenceForm
        api={api}
        rubric={rubric}
        testIdPrefix="edit-"
        competencyTestIdPrefix="edit-competency-"
        autoFocusTitle
        details
      />
      <FormStatus message={api.error} />
      <div className="actions">
        <button type="submit" className="button primary" data-testid="edit-save" disabled={api.saving}>
          {api.saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          Cancel
        </button>
        <ShortcutHint escape />
      </div>
    </form>
  );
}
