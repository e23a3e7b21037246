/**
 * Process helpers shared by `npm start`, `npm run demo` and the end-to-end
 * tests: quiet wrangler environment, local worker lifecycle, extension build.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Repository root (scripts/lib/.. /..). */
export const ROOT = resolve(import.meta.dirname, '..', '..');

/** Environment for wrangler: no prompts, no telemetry, no `cf` object fetch. */
export const WRANGLER_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  CI: 'true',
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  NO_D1_WARNING: 'true',
};

const bin = (name: string) => resolve(ROOT, 'node_modules', '.bin', name);

/**
 * Runs a command to completion, inheriting stdio unless `quiet`.
 * @throws Error with the command's output when it exits non-zero.
 */
export function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; quiet?: boolean } = {}): void {
  const res = spawnSync(cmd, args, {
    cwd: ROOT,
    env: opts.env ?? process.env,
    stdio: opts.quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
  });
  if (res.status !== 0) {
    const out = opts.quiet ? `\n${res.stdout ?? ''}${res.stderr ?? ''}` : '';
    throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status ?? res.signal}${out}`);
  }
}

/**
 * Removes capability tokens from wrangler's request log lines
 * (`GET /s/<token>` becomes `GET /s/[token]`), so no share, digest or
 * unsubscribe token reaches a terminal or a CI log.
 */
export function redactTokens(line: string): string {
  return line.replace(/(\/(?:s|d|unsubscribe)\/)[A-Za-z0-9_-]{16,}/g, '$1[token]');
}

/** Options for a local worker. */
export interface LocalWorkerOptions {
  /** Port on 127.0.0.1 (default 8787). */
  port?: number;
  /** Folder for local D1/Queue state (default wrangler's `.wrangler/state`). */
  persistTo?: string;
  /** Print wrangler's output (default false: kept for error messages). */
  verbose?: boolean;
  /**
   * `ENVIRONMENT` passed with `--var` (default `development`: /dev/outbox and
   * the outbox mailer on). `null` passes none, so the worker runs with
   * wrangler.toml's production-safe value.
   */
  environment?: string | null;
}

/** Applies the D1 migrations to the local database (SQLite under .wrangler/ or `persistTo`). */
export function migrateLocal(opts: LocalWorkerOptions = {}): void {
  const args = ['d1', 'migrations', 'apply', 'DB', '--local'];
  if (opts.persistTo) args.push('--persist-to', opts.persistTo);
  run(bin('wrangler'), args, { env: WRANGLER_ENV, quiet: !opts.verbose });
}

/** A running `wrangler dev`. `stop()` ends wrangler and workerd (the whole process group). */
export interface LocalWorker {
  url: string;
  process: ChildProcess;
  /** Captured output, for error messages. */
  log: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `wrangler dev --local` in its own process group (ENVIRONMENT=development
 * unless `opts.environment` says otherwise) and waits until
 * `GET /health` answers (at most `timeoutMs`, default 60 s).
 * @throws Error with wrangler's output when it exits or times out first.
 */
export async function startLocalWorker(opts: LocalWorkerOptions & { timeoutMs?: number } = {}): Promise<LocalWorker> {
  const port = opts.port ?? 8787;
  const url = `http://127.0.0.1:${port}`;
  const args = [
    'dev',
    '--local',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--test-scheduled',
    '--show-interactive-dev-session=false',
    '--var',
    `APP_URL:${url}`,
  ];
  const environment = opts.environment === undefined ? 'development' : opts.environment;
  if (environment !== null) args.push('--var', `ENVIRONMENT:${environment}`);
  if (opts.persistTo) args.push('--persist-to', opts.persistTo);
  // detached: the child leads a new process group, so one kill reaches workerd too.
  const child = spawn(bin('wrangler'), args, {
    cwd: ROOT,
    env: WRANGLER_ENV,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = redactTokens(chunk.toString());
    output += text;
    if (output.length > 200_000) output = output.slice(-100_000);
    if (opts.verbose) process.stdout.write(text);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited = false;
  child.on('exit', () => (exited = true));

  const stop = async () => {
    if (exited || child.pid === undefined) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 5000);
    await gone;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (exited) throw new Error(`wrangler dev exited before it was ready:\n${output}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return { url, process: child, log: () => output, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not answer ${url}/health in time:\n${output}`);
}

/** Options for an extension build. */
export interface BuildOptions {
  /** Sync server origin baked into the build. */
  server: string;
  /** Output folder (default `.output`); the unpacked extension is `<outDir>/chrome-mv3`. */
  outDir?: string;
  /** Build the end-to-end test variant (capture hosts granted up front). */
  e2e?: boolean;
  /** Target browser (default `chrome`); Firefox is MV3 too, in `<outDir>/firefox-mv3`. */
  browser?: 'chrome' | 'firefox';
  /** Default GitHub API base of the history import (e2e and demo: the local fake GitHub), granted up front. */
  githubApi?: string;
  /** More origins the e2e variant grants up front (e.g. the local fake Jira site). */
  extraHosts?: string[];
  quiet?: boolean;
}

/**
 * Builds the MV3 extension for Chrome (default) or Firefox with WXT; returns the
 * unpacked folder's absolute path (`<outDir>/chrome-mv3` or `<outDir>/firefox-mv3`).
 */
export function buildExtension(opts: BuildOptions): string {
  const outDir = opts.outDir ?? '.output';
  const browser = opts.browser ?? 'chrome';
  run(bin('wxt'), browser === 'firefox' ? ['build', '-b', 'firefox'] : ['build'], {
    env: {
      ...process.env,
      CASEBOOK_SERVER: opts.server,
      CASEBOOK_OUT_DIR: outDir,
      CASEBOOK_E2E: opts.e2e ? '1' : '0',
      CASEBOOK_GITHUB_API: opts.githubApi ?? '',
      CASEBOOK_E2E_HOSTS: (opts.extraHosts ?? []).join(','),
    },
    quiet: opts.quiet ?? true,
  });
  const dir = resolve(ROOT, outDir, `${browser}-mv3`);
  if (!existsSync(resolve(dir, 'manifest.json'))) throw new Error(`extension build produced no manifest in ${dir}`);
  return dir;
}

/** Path of the Chromium binary: `CHROMIUM_PATH` or Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}
