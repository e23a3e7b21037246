/**
 * Settings that work signed in or out: identities for role detection, the
 * rubric (presets and imported ladders), the sync server, self-hosted origins
 * and the JSON backup. Rubric, identities and origins live in the synced
 * `settings` record; the server override and host permissions are per device.
 */
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import type { Rubric, UserSettingsRecord } from '../../../shared/schemas';
import { PRESET_RUBRICS, parseLadder, type LadderError } from '../../../shared/rubrics';
import { saveSettings } from '../../db/write';
import { importBackup, type ImportOutcome } from '../../db/bulk';
import { backupFileName, exportBackup } from '../../db/backup';
import { clearSession, parseServerOrigin, serverOrigin, setServerOverride } from '../../api/session';
import { useCaseData } from '../../hooks/useCaseData';
import { downloadText } from '../case/download';
import { errorMessage } from '../format';
import { useServerOrigin } from '../../hooks/useServerOrigin';

/** Identities used for role detection, stored in the synced `settings` record. */
export function IdentitySettings() {
  const { settings } = useCaseData();
  const [message, setMessage] = useState<string | null>(null);
  // Remount the form when the synced record changes (e.g. pulled from another device).
  return (
    <IdentityForm key={settings?.updatedAt ?? 'none'} initial={settings} message={message} setMessage={setMessage} />
  );
}

function IdentityForm({
  initial,
  message,
  setMessage,
}: {
  initial: UserSettingsRecord | undefined;
  message: string | null;
  setMessage: (m: string | null) => void;
}) {
  const [githubLogin, setGithubLogin] = useState(initial?.githubLogin ?? '');
  const [atlassianName, setAtlassianName] = useState(initial?.atlassianName ?? '');

  async function save(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    try {
      await saveSettings({ githubLogin, atlassianName });
      setMessage('Saved');
    } catch (err) {
      setMessage(errorMessage(err));
    }
  }

  return (
    <form className="card" onSubmit={(e) => void save(e)} aria-labelledby="identities-title">
      <h2 className="card-title" id="identities-title">
        Settings: your identities
      </h2>
      <p className="muted small">
        Used to detect your role on a page (author or reviewer). Synced to your other devices.
      </p>
      <div className="row">
        <label className="field grow">
          <span className="label">GitHub login</span>
          <input
            className="input"
            value={githubLogin}
            maxLength={100}
            autoComplete="off"
            placeholder="octocat"
            data-testid="settings-github-login"
            onChange={(e) => setGithubLogin(e.target.value)}
          />
        </label>
        <label className="field grow">
          <span className="label">Atlassian name or e-mail</span>
          <input
            className="input"
            value={atlassianName}
            maxLength={200}
            autoComplete="off"
            placeholder="Ada Lovelace"
            data-testid="settings-atlassian-name"
            onChange={(e) => setAtlassianName(e.target.value)}
          />
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="button secondary" data-testid="settings-save">
          Save settings
        </button>
        {message && (
          <span className="saved" role="status">
            {message}
          </span>
        )}
      </div>
    </form>
  );
}

/** A lower-case id for an imported ladder's name: `Acme L5` -> `custom-acme-l5`. */
export function ladderId(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `custom-${slug || 'ladder'}`;
}

/** Rubric selection (presets and imported ladders) and import of a ladder from JSON or CSV. */
export function RubricSettings() {
  const { rubric, rubrics, settings } = useCaseData();
  const [message, setMessage] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const custom = settings?.customRubrics ?? [];
  const presetIds = new Set(PRESET_RUBRICS.map((r) => r.id));

  async function choose(id: string) {
    setMessage(null);
    try {
      await saveSettings({ rubricId: id });
      setMessage('Rubric changed: your evidence keeps its tags and is mapped where the ladders correspond.');
    } catch (err) {
      setMessage(errorMessage(err));
    }
  }

  async function removeCustom(r: Rubric) {
    setMessage(null);
    try {
      await saveSettings({
        customRubrics: custom.filter((c) => c.id !== r.id),
        ...(rubric.id === r.id ? { rubricId: PRESET_RUBRICS[0]?.id ?? '' } : {}),
      });
    } catch (err) {
      setMessage(errorMessage(err));
    }
  }

  return (
    <section className="card" aria-labelledby="rubric-title" data-testid="rubric-settings">
      <h2 className="card-title" id="rubric-title">
        Rubric
      </h2>
      <label className="field">
        <span className="label">Evidence is mapped to</span>
        <select
          className="input"
          data-testid="rubric-select"
          value={rubric.id}
          onChange={(e) => void choose(e.target.value)}
        >
          <optgroup label="Built in">
            {rubrics
              .filter((r) => presetIds.has(r.id))
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
          </optgroup>
          {custom.length > 0 && (
            <optgroup label="Imported">
              {custom.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <p className="muted small">
        {rubric.competencies.length} competencies: {rubric.competencies.map((c) => c.name).join(', ')}.
      </p>
      {!presetIds.has(rubric.id) && (
        <button type="button" className="link-button small" onClick={() => void removeCustom(rubric)}>
          Delete this imported ladder
        </button>
      )}
      {message && (
        <p className="saved small" role="status">
          {message}
        </p>
      )}
      {importing ? (
        <LadderImport
          existing={custom}
          onDone={(m) => {
            setImporting(false);
            if (m) setMessage(m);
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
    </section>
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
        <label className="field grow">
          <span className="label">Ladder name</span>
          <input
            className="input"
            required
            maxLength={200}
            data-testid="ladder-name"
            value={name}
            placeholder="Acme Senior Engineer (L5)"
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="label">Format</span>
          <select
            className="input"
            value={format}
            data-testid="ladder-format"
            onChange={(e) => setFormat(e.target.value === 'json' ? 'json' : 'csv')}
          >
            <option value="csv">CSV</option>
            <option value="json">JSON</option>
          </select>
        </label>
      </div>
      <label className="field">
        <span className="label">File</span>
        <input
          className="input"
          type="file"
          accept=".csv,.json,text/csv,application/json"
          onChange={(e) => void onFile(e)}
        />
      </label>
      <label className="field">
        <span className="label">…or paste it</span>
        <textarea
          className="input mono"
          rows={5}
          spellCheck={false}
          data-testid="ladder-text"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
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
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
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

/** The host-permission pattern of an origin: `https://x.example` -> `https://x.example/*`. */
function originPattern(origin: string): string {
  return `${origin}/*`;
}

/**
 * The sync server: the build-time default or a runtime override. A new origin's
 * host permission is requested first, inside the click (the browser needs the
 * user gesture); changing server signs this device out of the old one.
 */
export function ServerSettings({ signedIn }: { signedIn: boolean }) {
  const current = useServerOrigin();
  const [value, setValue] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const shown = value ?? current ?? '';
  const isDefault = current === serverOrigin();

  function save(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    const parsed = parseServerOrigin(shown);
    if (!parsed.ok) {
      setMessage({ ok: false, text: parsed.message });
      return;
    }
    if (parsed.origin === current) {
      setMessage({ ok: true, text: 'Already using this server.' });
      return;
    }
    const origin = parsed.origin;
    // Called synchronously in the submit handler so the browser sees the user gesture.
    const granted =
      origin === serverOrigin()
        ? Promise.resolve(true)
        : browser.permissions.request({ origins: [originPattern(origin)] }).catch(() => false);
    void granted.then(async (ok) => {
      if (!ok) {
        setMessage({ ok: false, text: `Casebook needs permission to reach ${origin}; nothing was changed.` });
        return;
      }
      try {
        if (signedIn) await clearSession();
        await setServerOverride(origin);
        setValue(null);
        setMessage({
          ok: true,
          text: signedIn ? `Now using ${origin}. Sign in there to sync.` : `Now using ${origin}.`,
        });
      } catch (err) {
        setMessage({ ok: false, text: errorMessage(err) });
      }
    });
  }

  function reset() {
    setValue(null);
    setMessage(null);
    void (async () => {
      if (signedIn) await clearSession();
      await setServerOverride(null);
      setMessage({ ok: true, text: `Back to ${serverOrigin()}.` });
    })();
  }

  return (
    <form className="card" onSubmit={save} aria-labelledby="server-title" data-testid="server-settings">
      <h2 className="card-title" id="server-title">
        Sync server
      </h2>
      <p className="muted small">
        Where sync, share links and digests live. The default comes with this build ({serverOrigin()}); point it at your
        own Casebook worker if you run one.
        {signedIn && ' Changing it signs this device out; unsynced changes are kept and sent after you sign in.'}
      </p>
      <div className="copy-row">
        <label className="field grow">
          <span className="visually-hidden">Server address</span>
          <input
            className="input mono"
            data-testid="server-url"
            value={shown}
            // Until the stored origin has loaded, typing would be overwritten by it.
            readOnly={current === null}
            placeholder="https://casebook.example.com"
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        <button type="submit" className="button secondary" data-testid="server-save">
          Use server
        </button>
      </div>
      {!isDefault && current && (
        <button type="button" className="link-button small" onClick={reset}>
          Reset to {serverOrigin()}
        </button>
      )}
      {message && (
        <p className={message.ok ? 'saved small' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </form>
  );
}

/**
 * Self-hosted GitHub Enterprise, Jira or Confluence origins the user allows
 * Casebook to read: each is added only after its host permission is granted
 * (requested in the click), and removing one gives the permission back.
 */
export function OriginsSettings() {
  const { settings } = useCaseData();
  const origins = settings?.selfHostedOrigins ?? [];
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  function add(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    const parsed = parseServerOrigin(value);
    if (!parsed.ok) {
      setMessage({ ok: false, text: parsed.message });
      return;
    }
    const origin = parsed.origin;
    if (origins.includes(origin)) {
      setMessage({ ok: true, text: `${origin} is already allowed.` });
      return;
    }
    // Synchronously in the handler: the permission prompt needs the user gesture.
    void browser.permissions
      .request({ origins: [originPattern(origin)] })
      .catch(() => false)
      .then(async (ok) => {
        if (!ok) {
          setMessage({ ok: false, text: `Permission for ${origin} was not granted; nothing was added.` });
          return;
        }
        try {
          await saveSettings({ selfHostedOrigins: [...origins, origin] });
          setValue('');
          setMessage({ ok: true, text: `Casebook can now read pages on ${origin}.` });
          inputRef.current?.focus();
        } catch (err) {
          setMessage({ ok: false, text: errorMessage(err) });
        }
      });
  }

  async function remove(origin: string) {
    setMessage(null);
    try {
      await browser.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
      await saveSettings({ selfHostedOrigins: origins.filter((o) => o !== origin) });
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(err) });
    }
  }

  return (
    <section className="card" aria-labelledby="origins-title" data-testid="origins-settings">
      <h2 className="card-title" id="origins-title">
        Self-hosted tools
      </h2>
      <p className="muted small">
        GitHub Enterprise, Jira or Confluence on your company's own domain. Casebook asks your browser for access to
        each one you add, and to nothing else.
      </p>
      {origins.length > 0 && (
        <ul className="origin-list">
          {origins.map((o) => (
            <li key={o}>
              <span className="mono">{o}</span>
              <button
                type="button"
                className="link-button small"
                aria-label={`Remove ${o}`}
                onClick={() => void remove(o)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="copy-row" onSubmit={add}>
        <label className="field grow">
          <span className="visually-hidden">Origin to allow</span>
          <input
            ref={inputRef}
            className="input mono"
            data-testid="origin-input"
            value={value}
            placeholder="https://jira.example.com"
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        <button type="submit" className="button secondary" disabled={!value.trim()}>
          Allow
        </button>
      </form>
      {message && (
        <p className={message.ok ? 'saved small' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}

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
    <section className="card" aria-labelledby="data-title" data-testid="data-settings">
      <h2 className="card-title" id="data-title">
        Backup
      </h2>
      <p className="muted small">
        Everything on this device as one JSON file: evidence (with private notes), weekly logs, goals and settings.
        Importing merges by record: newer versions win, nothing is deleted.
      </p>
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
      {outcome?.error && (
        <p className="error" role="alert">
          {outcome.error} Nothing was changed.
        </p>
      )}
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
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
