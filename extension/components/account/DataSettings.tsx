/**
 * The JSON backup: export everything, import a backup with a report.
 */
import { useState, type ChangeEvent } from 'react';
import { importBackup, type ImportOutcome } from '../../db/bulk';
import { backupFileName, exportBackup } from '../../db/backup';
import { downloadText } from '../case/download';
import { errorMessage } from '../format';
import { FormStatus } from '../form/FormStatus';
import { Card } from '../common/Card';

/** Export everything as a JSON backup; import one with a report (nothing stored is lost on a bad file). */
export function DataSettings() {
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function exportNow() {
    setError(null);
    try {
      const now = new Date();
      const backup = await exportBackup(now);
      downloadText(JSON.stringify(backup, null, 2), backupFileName(now), 'application/json');
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      setOutcome(await importBackup(await file.text()));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const r = outcome?.report;
  return (
    <Card
      titleId="data-title"
      title="Backup"
      testId="data-settings"
      intro={
        <>
          Everything on this device as one JSON file: evidence (with private notes), weekly logs, goals and settings.
          Importing merges by record: newer versions win, nothing is deleted.
        </>
      }
    >
      <div className="actions">
        <button type="button" className="button secondary" data-testid="backup-export" onClick={() => void exportNow()}>
          Download backup
        </button>
        <label className="button secondary file-button">
          {busy ? 'Importing…' : 'Import backup…'}
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            data-testid="backup-import"
            disabled={busy}
            onChange={(e) => void onFile(e)}
          />
        </label>
      </div>
      <FormStatus message={outcome?.error && `${outcome.error} Nothing was changed.`} />
      {r && !outcome?.error && (
        <div className="import-report" role="status" data-testid="import-report">
          <p>
            <strong>{r.added}</strong> added · <strong>{r.updated}</strong> updated · <strong>{r.skipped}</strong>{' '}
            skipped (yours were newer or the same) · <strong>{r.invalid.length}</strong> invalid
          </p>
          {r.invalid.length > 0 && (
            <ul className="small">
              {r.invalid.slice(0, 10).map((x, i) => (
                <li key={i}>
                  {x.collection} #{x.index + 1}: {x.message}
                </li>
              ))}
              {r.invalid.length > 10 && <li>and {r.invalid.length - 10} more</li>}
            </ul>
          )}
          {r.unlinked?.map((u) => (
            <p key={u.storyId} className="small" data-testid="import-unlinked">
              Story “{u.title}”: {u.evidenceIds.length} linked item{u.evidenceIds.length === 1 ? ' is' : 's are'} in
              neither the backup nor this device, so {u.evidenceIds.length === 1 ? 'that link was' : 'those links were'}{' '}
              left out; the other links were kept.
            </p>
          ))}
        </div>
      )}
      <FormStatus message={error} />
    </Card>
  );
}
