/**
 * Settings → Connections: what the history import (Inbox tab) reads.
 * - GitHub: a fine-grained read-only token (Pull requests: Read, Metadata:
 *   Read), checked with one `GET /user` before it is saved (which also gives
 *   the login), for github.com or a GitHub Enterprise Server origin. Kept in
 *   this device's storage.local only (extension/connections/store.ts).
 * - Jira: the site origin; the import reads through an open, logged-in tab of it.
 * Host permissions are asked for one origin at a time, inside the click.
 * Problems the last import met (expired token, missing permission, SSO) are
 * shown here with what to fix.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { lastImportRun } from '../../db/import-runs';
import type { ImportRunError } from '../../db/index';
import { checkGithubToken, checkJiraSession } from '../../importers/index';
import { findSiteTab, tabFetch } from '../../connections/site-tab';
import {
  defaultGithubApiBase,
  getGithubConnection,
  getJiraConnection,
  githubApiBaseFor,
  hostPattern,
  setGithubConnection,
  setJiraConnection,
  watchConnections,
  type GithubConnection,
  type JiraConnection,
} from '../../connections/store';
import { parseServerOrigin } from '../../api/session';
import { getSettings } from '../../db/queries';
import { saveSettings } from '../../db/write';
import { errorMessage } from '../format';
import { Optional } from '../form/Field';
import { TextField } from '../form/TextField';
import { Card } from '../common/Card';
import { OriginForm } from './OriginForm';

type Message = { ok: boolean; text: string; fix?: string } | null;

/** The fine-grained permissions the import needs, as GitHub's token page names them. */
const GITHUB_PERMISSIONS = ['Pull requests: Read-only', 'Metadata: Read-only'] as const;

/** The stored connections, following changes from other contexts; undefined while loading. */
export function useConnections(): { github: GithubConnection | null; jira: JiraConnection | null } | undefined {
  const [value, setValue] = useState<{ github: GithubConnection | null; jira: JiraConnection | null }>();
  useEffect(() => {
    let alive = true;
    const read = () =>
      void Promise.all([getGithubConnection(), getJiraConnection()]).then(
        ([github, jira]) => alive && setValue({ github, jira }),
      );
    read();
    const unwatch = watchConnections(read);
    return () => {
      alive = false;
      unwatch();
    };
  }, []);
  return value;
}

function Status({ message, testId }: { message: Message; testId: string }) {
  if (!message) return null;
  return (
    <div className={message.ok ? 'saved small' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid={testId}>
      {message.text}
      {message.fix && <div className="small">{message.fix}</div>}
    </div>
  );
}

/** The last import's problems for one source, each with what to fix. */
function RunErrors({ errors }: { errors: readonly ImportRunError[] }) {
  if (errors.length === 0) return null;
  return (
    <ul className="connection-errors" aria-label="Problems in the last import" data-testid="connection-errors">
      {errors.map((e, i) => (
        <li key={i} className="error">
          {e.message}
          {e.fix && <div className="small">What to do: {e.fix}</div>}
        </li>
      ))}
    </ul>
  );
}

/** Settings → Connections (GitHub and Jira for the history import). */
export function ConnectionsSection() {
  const connections = useConnections();
  const githubRun = useLiveQuery(() => lastImportRun('github'), []);
  const jiraRun = useLiveQuery(() => lastImportRun('jira'), []);
  return (
    <Card
      titleId="connections-title"
      title="Connections"
      testId="connections-settings"
      intro={
        <>
          The Inbox imports your history from these: pull requests you wrote and reviewed, and tickets you resolved.
          Kept on this device only, never synced.
        </>
      }
    >
      {connections === undefined ? (
        <p className="muted small">Loading…</p>
      ) : (
        <>
          <GithubConnectionForm current={connections.github} errors={githubRun?.errors ?? []} />
          <JiraConnectionForm current={connections.jira} errors={jiraRun?.errors ?? []} />
        </>
      )}
    </Card>
  );
}

function GithubConnectionForm({ current, errors }: { current: GithubConnection | null; errors: ImportRunError[] }) {
  const [token, setToken] = useState('');
  const [enterprise, setEnterprise] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);

  function save(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    const base = githubApiBaseFor(enterprise);
    if (!base.ok) return setMessage({ ok: false, text: base.message });
    if (!token.trim()) return setMessage({ ok: false, text: 'Paste a token first.' });
    const apiBase = base.apiBase;
    // Asked synchronously inside the submit: the browser needs the user gesture. One origin only.
    const granted = browser.permissions.request({ origins: [hostPattern(apiBase)] }).catch(() => false);
    setBusy(true);
    void granted.then(async (ok) => {
      try {
        if (!ok) {
          setMessage({
            ok: false,
            text: `Casebook needs permission to reach ${new URL(apiBase).host}; nothing was saved.`,
          });
          return;
        }
        // One request: GET {apiBase}/user, which also gives the login.
        const check = await checkGithubToken({ token: token.trim(), apiBase });
        if (!check.ok) {
          setMessage({ ok: false, text: check.error.message, ...(check.error.fix ? { fix: check.error.fix } : {}) });
          return;
        }
        await setGithubConnection({
          token: token.trim(),
          login: check.login,
          apiBase,
          checkedAt: new Date().toISOString(),
        });
        // The login also detects your role when you clip a PR (synced identity), unless one is set already.
        if (!(await getSettings())?.githubLogin) await saveSettings({ githubLogin: check.login });
        setToken('');
        // The card itself now says who is connected (a status region, so it is announced).
        setMessage(null);
      } catch (err) {
        setMessage({ ok: false, text: errorMessage(err) });
      } finally {
        setBusy(false);
      }
    });
  }

  async function disconnect() {
    setMessage(null);
    await setGithubConnection(null);
    setMessage({ ok: true, text: 'GitHub disconnected. Revoke the token on GitHub if you no longer need it.' });
  }

  return (
    <div className="connection" data-testid="github-connection">
      <h3 className="connection-title">GitHub</h3>
      {current ? (
        <>
          <p className="small" role="status" data-testid="github-connected">
            Connected as <strong>@{current.login}</strong>
            {current.apiBase !== defaultGithubApiBase() && (
              <>
                {' '}
                on <span className="mono">{new URL(current.apiBase).host}</span>
              </>
            )}
            .{' '}
            <button type="button" className="link-button inline" onClick={() => void disconnect()}>
              Disconnect
            </button>
          </p>
          <RunErrors errors={errors} />
        </>
      ) : (
        <form onSubmit={save} aria-label="Connect GitHub">
          <p className="muted small" id="github-token-help">
            Create a <strong>fine-grained personal access token</strong> on GitHub (Settings → Developer settings →
            Fine-grained tokens) for the repositories you work in, with read-only access to{' '}
            {GITHUB_PERMISSIONS.join(' and ')}. Nothing else. Casebook checks it with one request and reads your login
            from it.
          </p>
          <TextField
            label="Token"
            inputClassName="input mono"
            type="password"
            autoComplete="off"
            spellCheck={false}
            maxLength={500}
            value={token}
            aria-describedby="github-token-help"
            testId="github-token"
            placeholder="github_pat_…"
            onChange={setToken}
          />
          <TextField
            label={<Optional note="leave empty for github.com">GitHub Enterprise server</Optional>}
            inputClassName="input mono"
            value={enterprise}
            testId="github-enterprise"
            placeholder="https://github.example.com"
            onChange={setEnterprise}
          />
          <div className="actions">
            <button type="submit" className="button secondary" disabled={busy} data-testid="github-save">
              {busy ? 'Checking…' : 'Check and save'}
            </button>
          </div>
        </form>
      )}
      <Status message={message} testId="github-status" />
    </div>
  );
}

function JiraConnectionForm({ current, errors }: { current: JiraConnection | null; errors: ImportRunError[] }) {
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const [tabOpen, setTabOpen] = useState<boolean | null>(null);
  const [who, setWho] = useState<string | null>(null);
  const origin = current?.origin ?? null;

  // Whether a tab of the site is open (the import reads through it), and who is signed in
  // there (GET /rest/api/2/myself inside that tab); re-checked as tabs change.
  useEffect(() => {
    if (!origin) return;
    let alive = true;
    const check = () =>
      void findSiteTab(origin).then(async (id) => {
        if (!alive) return;
        setTabOpen(id !== null);
        if (id === null) return setWho(null);
        const me = await checkJiraSession(origin, { fetch: tabFetch(id, origin) }).catch(() => null);
        if (alive) setWho(me?.ok ? (me.name ?? me.login) : null);
      });
    check();
    browser.tabs.onUpdated.addListener(check);
    browser.tabs.onRemoved.addListener(check);
    return () => {
      alive = false;
      browser.tabs.onUpdated.removeListener(check);
      browser.tabs.onRemoved.removeListener(check);
    };
  }, [origin]);

  function save(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    const parsed = parseServerOrigin(value);
    if (!parsed.ok) return setMessage({ ok: false, text: parsed.message });
    const site = parsed.origin;
    void browser.permissions
      .request({ origins: [hostPattern(site)] })
      .catch(() => false)
      .then(async (ok) => {
        if (!ok) return setMessage({ ok: false, text: `Permission for ${site} was not granted; nothing was saved.` });
        await setJiraConnection({ origin: site });
        setValue('');
        setMessage(null);
      });
  }

  return (
    <div className="connection" data-testid="jira-connection">
      <h3 className="connection-title">Jira</h3>
      {origin ? (
        <>
          <p className="small" role="status">
            Site <span className="mono">{origin}</span>.{' '}
            <button type="button" className="link-button inline" onClick={() => void setJiraConnection(null)}>
              Remove
            </button>
          </p>
          {tabOpen === false && (
            <p className="small" role="status" data-testid="jira-no-tab">
              Casebook reads Jira through an open tab where you are logged in, and none is open.{' '}
              <button
                type="button"
                className="link-button inline"
                onClick={() => void browser.tabs.create({ url: origin, active: false })}
              >
                Open {new URL(origin).host}
              </button>
            </p>
          )}
          {tabOpen && (
            <p className="muted small" data-testid="jira-ready">
              {who ? `Signed in as ${who} in an open tab: ready to import.` : 'A tab is open; sign in there to import.'}
            </p>
          )}
          <RunErrors errors={errors} />
        </>
      ) : (
        <OriginForm kind="jira-site" value={value} onChange={setValue} onSubmit={save} />
      )}
      <Status message={message} testId="jira-status" />
    </div>
  );
}
