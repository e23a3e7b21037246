/**
 * The Inbox's import controls: a range (default the last 12 months), Import
 * (every connected source, one after the other), a progress bar with counts
 * while it runs (announced politely to screen readers), Cancel (the importer
 * stops and keeps a resume cursor), Resume, and the last run with its date.
 */
import { useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { formatDay } from '../../../shared/case';
import { lastImportRun } from '../../db/import-runs';
import type { ImportRun } from '../../db/index';
import { ImportNotReadyError, runImport } from '../../connections/run-import';
import { useConnections } from '../account/ConnectionsSection';
import { errorMessage, localToday } from '../format';
import { monthsBefore, phaseLabel } from './months';
import { DateRange } from '../form/DateRange';

const PRESETS = [3, 6, 12] as const;

/** One line under the import controls: the outcome, or a problem (with the site to open when no tab is). */
type Note = { ok: boolean; text: string; openOrigin?: string };

const SOURCE_NAMES = { github: 'GitHub', jira: 'Jira' } as const;

type Progress = { source: 'github' | 'jira'; done: number; total?: number; phase: string };

/** `Import` card. `onOpenConnections` switches to Account where the connections are set. */
export function ImportCard({ onOpenConnections }: { onOpenConnections: () => void }) {
  const today = localToday();
  const [from, setFrom] = useState(() => monthsBefore(today, 12));
  const [to, setTo] = useState(today);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [messages, setMessages] = useState<Note[]>([]);
  const abort = useRef<AbortController | null>(null);
  const connections = useConnections();
  const lastGithub = useLiveQuery(() => lastImportRun('github'), []);
  const lastJira = useLiveQuery(() => lastImportRun('jira'), []);
  const running = progress !== null;
  const sources = [connections?.github ? 'github' : null, connections?.jira ? 'jira' : null].filter(
    (s): s is 'github' | 'jira' => s !== null,
  );
  const resumable = [lastGithub, lastJira].filter(
    (r): r is ImportRun => !!r && !r.complete && !!r.resume && sources.includes(r.source),
  );

  async function run(jobs: { source: 'github' | 'jira'; from: string; to: string; resume?: string }[]) {
    setMessages([]);
    const controller = new AbortController();
    abort.current = controller;
    const notes: Note[] = [];
    let added = 0;
    let ran = 0;
    let stopped = false;
    try {
      for (const job of jobs) {
        if (controller.signal.aborted) break;
        setProgress({
          source: job.source,
          done: 0,
          phase: job.source === 'github' ? 'github:authored' : 'jira:assigned',
        });
        try {
          const r = await runImport({
            ...job,
            signal: controller.signal,
            onProgress: (p) => setProgress({ source: job.source, ...p }),
          });
          ran++;
          added += r.counts.added;
          if (!r.complete) stopped = true;
          // What the source reported (expired token, SSO, a login page...): the first here, all on Connections.
          const [first, ...more] = r.errors;
          if (first)
            notes.push({
              ok: false,
              text: `${SOURCE_NAMES[job.source]}: ${first.message}${first.fix ? ` ${first.fix}` : ''}${more.length ? ` (and ${more.length} more in Account → Connections)` : ''}`,
            });
        } catch (err) {
          if (!(err instanceof ImportNotReadyError)) throw err;
          notes.push({ ok: false, text: err.message, ...(err.origin ? { openOrigin: err.origin } : {}) });
        }
      }
      if (ran > 0)
        notes.unshift({
          ok: true,
          text: `${added} new ${added === 1 ? 'item' : 'items'} in your inbox.${stopped ? ' The import stopped early: Resume continues it.' : ''}`,
        });
    } catch (err) {
      notes.push({ ok: false, text: errorMessage(err) });
    } finally {
      abort.current = null;
      setProgress(null);
      setMessages(notes);
    }
  }

  const last = [lastGithub, lastJira]
    .filter((r): r is ImportRun => !!r)
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
  const pct = progress?.total ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null;

  return (
    <section className="card import-card" aria-labelledby="import-title" data-testid="import-card">
      <h2 className="card-title" id="import-title">
        Import your history
      </h2>
      {connections && sources.length === 0 ? (
        <p className="small">
          Connect GitHub or Jira to import the pull requests you wrote and reviewed and the tickets you resolved.{' '}
          <button type="button" className="link-button inline" onClick={onOpenConnections}>
            Open Connections
          </button>
        </p>
      ) : (
        <>
          <div className="import-range" role="group" aria-label="Date range">
            {PRESETS.map((n) => (
              <button
                key={n}
                type="button"
                className="preset"
                aria-pressed={from === monthsBefore(today, n) && to === today}
                disabled={running}
                onClick={() => {
                  setFrom(monthsBefore(today, n));
                  setTo(today);
                }}
              >
                {n} months
              </button>
            ))}
          </div>
          <DateRange
            from={from}
            to={to}
            onFrom={setFrom}
            onTo={setTo}
            testIds={['import-from', 'import-to']}
            latest={today}
            disabled={running}
          />
          <div className="actions">
            {running ? (
              <button
                type="button"
                className="button secondary"
                data-testid="import-cancel"
                onClick={() => abort.current?.abort()}
              >
                Cancel
              </button>
            ) : (
              <button
                type="button"
                className="button primary"
                data-testid="import-start"
                disabled={!connections || !from || !to || from > to}
                onClick={() => void run(sources.map((source) => ({ source, from, to })))}
              >
                Import
              </button>
            )}
            {!running && resumable.length > 0 && (
              <button
                type="button"
                className="button secondary"
                data-testid="import-resume"
                onClick={() =>
                  void run(resumable.map((r) => ({ source: r.source, from: r.from, to: r.to, resume: r.resume! })))
                }
              >
                Resume
              </button>
            )}
          </div>
        </>
      )}
      {progress && (
        <div className="import-progress">
          <div
            className="progress"
            role="progressbar"
            aria-label="Import progress"
            aria-valuemin={0}
            aria-valuemax={progress.total ?? undefined}
            aria-valuenow={progress.total ? progress.done : undefined}
            data-testid="import-progress"
          >
            <div
              className={`progress-fill${pct === null ? ' indeterminate' : ''}`}
              style={{ width: `${pct ?? 35}%` }}
            />
          </div>
        </div>
      )}
      <p className="small muted" aria-live="polite" data-testid="import-status">
        {progress
          ? `Found ${progress.done.toLocaleString('en-US')}${progress.total ? ` of ${progress.total.toLocaleString('en-US')}` : ''}: ${phaseLabel(progress.phase)}…`
          : ''}
      </p>
      {messages.map((m, i) => (
        <p
          key={i}
          className={m.ok ? 'saved small' : 'error'}
          role={m.ok ? 'status' : 'alert'}
          data-testid="import-message"
        >
          {m.text}
          {m.openOrigin && (
            <>
              {' '}
              <button
                type="button"
                className="link-button inline"
                onClick={() => void browser.tabs.create({ url: m.openOrigin!, active: true })}
              >
                Open {new URL(m.openOrigin).host}
              </button>
            </>
          )}
        </p>
      ))}
      {last && !running && <LastRun run={last} />}
    </section>
  );
}

/** "Last import: 6 Dec 2026 · GitHub · 412 found, 400 new · complete". */
function LastRun({ run }: { run: ImportRun }) {
  const c = run.counts;
  const state = run.finishedAt === null ? 'did not finish' : run.complete ? 'complete' : 'stopped early';
  return (
    <p className="small muted" data-testid="import-last">
      Last import: {formatDay(run.startedAt.slice(0, 10))} · {run.source === 'github' ? 'GitHub' : 'Jira'} ·{' '}
      {formatDay(run.from)} to {formatDay(run.to)} · {c.found} found, {c.added} new · {state}
      {run.errors.length > 0 &&
        ` · ${run.errors.length} ${run.errors.length === 1 ? 'problem' : 'problems'} (see Connections)`}
    </p>
  );
}
