/**
 * Rubric choice (presets and imported ladders, kept in the synced `settings`
 * record) and the import of a company ladder from JSON or CSV, whose parser
 * (shared/rubrics/ladder-import.ts) is loaded only when a ladder is imported.
 */
import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { Rubric } from '../../../shared/schemas';
import { PRESET_RUBRICS } from '../../../shared/rubrics';
import { saveSettings } from '../../db/write';
import { useCaseData } from '../../hooks/useCaseData';
import { errorMessage } from '../format';
import { Field } from '../form/Field';
import { FormStatus } from '../form/FormStatus';
import { Options, SelectField, type Choice } from '../form/SelectField';
import { TextAreaField, TextField } from '../form/TextField';
import { useSaveStatus } from '../form/useSaveStatus';
import { slugify } from '../../../shared/slug';
import type { LadderError } from '../../../shared/rubrics/ladder-import';
import { Card } from '../common/Card';

/** A lower-case id for an imported ladder's name: `Crème Brûlée L5` -> `custom-creme-brulee-l5` (see `slugify`). */
export function ladderId(name: string): string {
  return `custom-${slugify(name, 80) || 'ladder'}`;
}

/** The rubrics as choices (name shown, id stored). */
function rubricChoices(rubrics: readonly Rubric[]): Choice<string>[] {
  return rubrics.map((r) => ({ value: r.id, label: r.name }));
}

const FORMAT_CHOICES: readonly Choice<'csv' | 'json'>[] = [
  { value: 'csv', label: 'CSV' },
  { value: 'json', label: 'JSON' },
];

/** Rubric selection (presets and imported ladders) and import of a ladder from JSON or CSV. */
export function RubricSettings() {
  const { rubric, rubrics, settings } = useCaseData();
  const status = useSaveStatus();
  const [importing, setImporting] = useState(false);
  const custom = settings?.customRubrics ?? [];
  const presetIds = new Set(PRESET_RUBRICS.map((r) => r.id));

  function choose(id: string) {
    void status.save(
      () => saveSettings({ rubricId: id }),
      'Rubric changed: your evidence keeps its tags and is mapped where the ladders correspond.',
    );
  }

  function removeCustom(r: Rubric) {
    void status.save(
      () =>
        saveSettings({
          customRubrics: custom.filter((c) => c.id !== r.id),
          ...(rubric.id === r.id ? { rubricId: PRESET_RUBRICS[0]?.id ?? '' } : {}),
        }),
      null,
    );
  }

  return (
    <Card titleId="rubric-title" title="Rubric" testId="rubric-settings">
      <Field label="Evidence is mapped to">
        <select
          className="input"
          data-testid="rubric-select"
          value={rubric.id}
          onChange={(e) => choose(e.target.value)}
        >
          <optgroup label="Built in">
            <Options options={rubricChoices(rubrics.filter((r) => presetIds.has(r.id)))} />
          </optgroup>
          {custom.length > 0 && (
            <optgroup label="Imported">
              <Options options={rubricChoices(custom)} />
            </optgroup>
          )}
        </select>
      </Field>
      <p className="muted small">
        {rubric.competencies.length} competencies: {rubric.competencies.map((c) => c.name).join(', ')}.
      </p>
      {!presetIds.has(rubric.id) && (
        <button type="button" className="link-button small" onClick={() => removeCustom(rubric)}>
          Delete this imported ladder
        </button>
      )}
      <FormStatus tone="saved" className="small" message={status.message} />
      {importing ? (
        <LadderImport
          existing={custom}
          onDone={(m) => {
            setImporting(false);
            if (m) status.setMessage(m);
          }}
        />
      ) : (
        <button
          type="button"
          className="button secondary small"
          data-testid="ladder-import-open"
          onClick={() => setImporting(true)}
        >
          Import your company's ladder…
        </button>
      )}
    </Card>
  );
}

function LadderImport({ existing, onDone }: { existing: Rubric[]; onDone: (message: string | null) => void }) {
  const [name, setName] = useState('');
  const [format, setFormat] = useState<'json' | 'csv'>('csv');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<LadderError[]>([]);
  const [error, setError] = useState<string | null>(null);

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    setFormat(/\.json$/i.test(file.name) ? 'json' : 'csv');
    if (!name) setName(file.name.replace(/\.(json|csv)$/i, ''));
    setText(await file.text());
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors([]);
    setError(null);
    const id = ladderId(name);
    // The parsers (csv-parse, jsonc-parser) load only when a ladder is imported.
    const { parseLadder } = await import('../../../shared/rubrics/ladder-import');
    const result = parseLadder(text, format, { id, name: name.trim() });
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    try {
      await saveSettings({
        customRubrics: [...existing.filter((r) => r.id !== id), result.rubric],
        rubricId: result.rubric.id,
      });
      onDone(`Imported “${result.rubric.name}” with ${result.rubric.competencies.length} competencies.`);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <form className="ladder-import" onSubmit={(e) => void submit(e)} aria-label="Import a ladder">
      <p className="muted small">
        CSV columns: <code>id,name,description,signals</code> (signals separated by <code>;</code>), one competency a
        line. JSON: <code>{'{ "competencies": [{ "id", "name", "description", "signals": [] }] }'}</code>.
      </p>
      <div className="row">
        <TextField
          label="Ladder name"
          fieldClassName="grow"
          required
          maxLength={200}
          testId="ladder-name"
          value={name}
          placeholder="Acme Senior Engineer (L5)"
          onChange={setName}
        />
        <SelectField
          label="Format"
          value={format}
          options={FORMAT_CHOICES}
          testId="ladder-format"
          onChange={setFormat}
        />
      </div>
      <Field label="File">
        <input
          className="input"
          type="file"
          accept=".csv,.json,text/csv,application/json"
          onChange={(e) => void onFile(e)}
        />
      </Field>
      <TextAreaField
        label="…or paste it"
        inputClassName="input mono"
        rows={5}
        spellCheck={false}
        testId="ladder-text"
        value={text}
        onChange={setText}
      />
      {errors.length > 0 && (
        <div className="error" role="alert" data-testid="ladder-errors">
          <p>The ladder was not imported:</p>
          <ul>
            {errors.slice(0, 20).map((er, i) => (
              <li key={i}>
                {er.line > 0 ? `Line ${er.line}: ` : ''}
                {er.message}
              </li>
            ))}
            {errors.length > 20 && <li>and {errors.length - 20} more</li>}
          </ul>
        </div>
      )}
      <FormStatus message={error} />
      <div className="actions">
        <button
          type="submit"
          className="button primary small"
          data-testid="ladder-import"
          disabled={!name.trim() || !text.trim()}
        >
          Import
        </button>
        <button type="button" className="button secondary small" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
