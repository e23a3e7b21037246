/**
 * The plan half of `npm run deploy` (the apply half is ./deploy-apply.ts):
 * the types of the deploy's inputs and outputs, the production config computed
 * from wrangler.toml and the user's flags, the parsers of wrangler's answers,
 * and the runner `--dry-run` uses. Nothing here runs a command or writes a
 * file.
 *
 * Every outside effect goes through injected dependencies (`DeployDeps`): the
 * command runner (wrangler, npm), the config writer, the log and `fetch`. So
 * the same code path runs for real, for `--dry-run` (a runner that only
 * answers as an empty account would) and in tests (a fake account).
 *
 * Idempotent: each resource is looked up before it is created (D1 database by
 * name, each Queue by name, Email Sending on the sender's domain), the
 * production config is regenerated from wrangler.toml on every run, remote
 * migrations apply only what is missing, and the settings of the previous run
 * (custom domain, mailer, sender, APP_URL) are read back from the config it wrote.
 *
 * Local development never reads the generated config: `wrangler dev`, the
 * tests and `npm start` keep using wrangler.toml with its placeholder id.
 */
import { z } from 'zod';

/** Outcome of one command. `code` is the exit status (0 = success). */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Extra input for one command: text for its stdin, added environment variables. */
export interface RunOptions {
  input?: string;
  env?: Record<string, string>;
}

/**
 * Runs one command: `argv[0]` is `wrangler` or `npm`, the rest its arguments.
 * Resolves with the exit code and output; never rejects because of a non-zero exit.
 */
export type Runner = (argv: string[], opts?: RunOptions) => Promise<RunResult>;

/** Where production mail goes: Cloudflare Email Service (`send_email` binding) or Resend's HTTP API. */
export type MailerChoice = 'cloudflare' | 'resend';

/** What the user asked for (CLI flags and environment). */
export interface DeployOptions {
  /** Print the commands a first run on an empty account would run, run none, write nothing. */
  dryRun: boolean;
  /** Custom domain for the worker, e.g. `casebook.example.com` (a hostname in a zone on the account). */
  domain?: string;
  /** Public origin override (APP_URL); default `https://<domain>` or the workers.dev URL. */
  appUrl?: string;
  /** Mail provider; default: what the previous run used, else `cloudflare`. */
  mailer?: MailerChoice;
  /** Sender, `Name <address@domain>` or `address@domain`; default: the previous run's. */
  mailFrom?: string;
  /** Resend API key, read from the RESEND_API_KEY environment variable, never from a flag. */
  resendApiKey?: string;
  /** Bearer token for `GET /admin/dead-letters`, from ADMIN_TOKEN in the environment (optional). */
  adminToken?: string;
  /** Build and zip the extension against the deployed URL (default true). */
  buildExtension: boolean;
  /** Path of the generated production config, relative to the repository root. */
  configPath: string;
}

/** Everything the deploy touches outside this module. */
export interface DeployDeps {
  run: Runner;
  log: (line: string) => void;
  /** wrangler.toml as wrangler reads it (`experimental_readRawConfig`). */
  baseConfig: unknown;
  /** The production config an earlier run wrote, when there is one. */
  previousConfig?: unknown;
  /** Writes the generated production config (not called in dry-run mode). */
  writeConfig: (path: string, text: string) => void;
  /** Used for the final `GET /health` check; omitted in tests and dry runs. */
  fetch?: typeof fetch;
  /** CLOUDFLARE_ACCOUNT_ID decides between several accounts. */
  env: Record<string, string | undefined>;
}

/** What a finished deploy produced. */
export interface DeployResult {
  appUrl: string;
  databaseId: string;
  /** Resources this run created (e.g. `d1:casebook`, `queue:casebook-digests`). */
  created: string[];
  /** The generated production config (also written to `configPath` unless dry-run). */
  configText: string;
}

/** A failure the user can act on; the message says what to do. */
export class DeployError extends Error {
  override name = 'DeployError';
}

/** The subset of a wrangler config this module reads; everything else is carried through untouched. */
const RawConfig = z.looseObject({
  name: z.string().min(1),
  vars: z.record(z.string(), z.unknown()).optional(),
  d1_databases: z
    .array(z.looseObject({ binding: z.string(), database_name: z.string(), database_id: z.string().optional() }))
    .optional(),
  queues: z
    .looseObject({
      producers: z.array(z.looseObject({ queue: z.string() })).optional(),
      consumers: z.array(z.looseObject({ queue: z.string(), dead_letter_queue: z.string().optional() })).optional(),
    })
    .optional(),
  routes: z.array(z.unknown()).optional(),
});
/** A wrangler config object (wrangler.toml or the generated JSON) as far as deploy reads it. */
export type RawConfig = z.infer<typeof RawConfig>;

/** `wrangler whoami --json`. */
export const WhoAmI = z.looseObject({
  loggedIn: z.boolean(),
  accounts: z.array(z.looseObject({ id: z.string(), name: z.string() })).optional(),
});
/** `wrangler d1 list --json`. */
export const D1List = z.array(z.looseObject({ uuid: z.string(), name: z.string() }));
/** `wrangler secret list --format json`. */
export const SecretList = z.array(z.looseObject({ name: z.string() }));

/** The D1 binding the worker uses (worker/env.ts). */
export const DB_BINDING = 'DB';
/** APP_URL for the very first deploy on workers.dev, replaced once the URL is known. */
export const PENDING_APP_URL = 'https://casebook.invalid';
/** Placeholders printed by `--dry-run`. */
const DRY = {
  databaseId: '<database id from wrangler d1 create>',
  workersDev: (worker: string) => `https://${worker}.your-subdomain.workers.dev`,
  mailFrom: 'Casebook <casebook@example.com>',
};

/** Names of the account resources the config refers to. */
export interface ResourceNames {
  worker: string;
  database: string;
  /** Every queue the config produces to, consumes from or dead-letters to, each once. */
  queues: string[];
}

/**
 * Reads the resource names from a wrangler config.
 * @throws DeployError when the config has no D1 database bound as `DB`.
 */
export function resourceNames(config: unknown): ResourceNames {
  const c = parseConfig(config, 'wrangler.toml');
  const db = c.d1_databases?.find((d) => d.binding === DB_BINDING);
  if (!db) throw new DeployError(`wrangler.toml has no [[d1_databases]] with binding = "${DB_BINDING}".`);
  const queues = new Set<string>();
  for (const p of c.queues?.producers ?? []) queues.add(p.queue);
  for (const q of c.queues?.consumers ?? []) {
    queues.add(q.queue);
    if (q.dead_letter_queue) queues.add(q.dead_letter_queue);
  }
  return { worker: c.name, database: db.database_name, queues: [...queues] };
}

/** `config` checked against the part of a wrangler config deploy reads; `what` names it in the error. @throws DeployError */
export function parseConfig(config: unknown, what: string): RawConfig {
  const parsed = RawConfig.safeParse(config);
  if (!parsed.success) throw new DeployError(`${what} is not a usable wrangler config: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * The e-mail address inside a sender such as `Casebook <casebook@example.com>`.
 * @returns the address in lower case, or undefined when there is none.
 */
export function senderAddress(mailFrom: string): string | undefined {
  const m = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(mailFrom) ?? /^\s*([^<>\s]+@[^<>\s]+)\s*$/.exec(mailFrom);
  return m?.[1]?.toLowerCase();
}

/** Settings of one deploy after flags, the previous run's config and defaults are combined. */
export interface ResolvedSettings {
  domain?: string;
  appUrl?: string;
  mailer: MailerChoice;
  mailFrom: string;
}

/**
 * Combines flags with what the previous run wrote (flags win), so running
 * `npm run deploy` again with no flags redeploys the same thing.
 * @throws DeployError for a missing or local sender, or a malformed domain/URL.
 */
export function resolveSettings(opts: DeployOptions, previous: RawConfig | undefined): ResolvedSettings {
  const prevVars = previous?.vars ?? {};
  const prevDomain = previous?.routes
    ?.map((r) => z.looseObject({ pattern: z.string(), custom_domain: z.literal(true) }).safeParse(r))
    .find((r) => r.success)?.data.pattern;
  const domain = opts.domain ?? prevDomain;
  if (domain !== undefined && !/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(domain)) {
    throw new DeployError(`--domain must be a hostname such as casebook.example.com, not "${domain}".`);
  }
  const prevMailer = typeof prevVars.MAILER === 'string' && prevVars.MAILER === 'cloudflare' ? 'cloudflare' : undefined;
  const mailer = opts.mailer ?? prevMailer ?? (previous ? 'resend' : 'cloudflare');
  const prevFrom = typeof prevVars.MAIL_FROM === 'string' ? prevVars.MAIL_FROM : undefined;
  const mailFrom = opts.mailFrom ?? prevFrom ?? (opts.dryRun ? DRY.mailFrom : undefined);
  if (!mailFrom) {
    throw new DeployError(
      'Say who the mail comes from: --from "Casebook <casebook@your-domain>" (a domain you control; with Email Service it must be a zone on this Cloudflare account).',
    );
  }
  const address = senderAddress(mailFrom);
  if (!address || address.endsWith('@localhost')) {
    throw new DeployError(`--from needs a real sender address on your own domain, not "${mailFrom}".`);
  }
  let appUrl = opts.appUrl;
  if (appUrl !== undefined) {
    let u: URL;
    try {
      u = new URL(appUrl);
    } catch {
      throw new DeployError(`--app-url must be an https origin, not "${appUrl}".`);
    }
    if (u.protocol !== 'https:') throw new DeployError(`--app-url must use https, not "${appUrl}".`);
    appUrl = u.origin;
  } else if (domain) {
    appUrl = `https://${domain}`;
  } else if (typeof prevVars.APP_URL === 'string' && prevVars.APP_URL.startsWith('https://')) {
    if (prevVars.APP_URL !== PENDING_APP_URL) appUrl = prevVars.APP_URL;
  }
  return { domain, appUrl, mailer, mailFrom };
}

/** Inputs of the generated production config. */
export interface ProductionInputs {
  databaseId: string;
  appUrl: string;
  mailer: MailerChoice;
  mailFrom: string;
  domain?: string;
}

/**
 * The production config: wrangler.toml with the real database id, production
 * vars (APP_URL, ENVIRONMENT=production which turns /dev/outbox off, MAIL_FROM,
 * MAILER), the `send_email` binding restricted to the sender when mail goes
 * through Email Service, and the custom domain as a route (workers.dev then off).
 * @returns the config object (JSON-serialisable).
 */
export function productionConfig(base: unknown, p: ProductionInputs): Record<string, unknown> {
  const c = parseConfig(base, 'wrangler.toml');
  const vars: Record<string, unknown> = {
    ...c.vars,
    APP_URL: p.appUrl,
    ENVIRONMENT: 'production',
    MAIL_FROM: p.mailFrom,
  };
  if (p.mailer === 'cloudflare') vars.MAILER = 'cloudflare';
  else delete vars.MAILER;
  // Spread the unparsed object: the zod parse reorders keys, and the file should read like wrangler.toml.
  const out: Record<string, unknown> = {
    ...(base as Record<string, unknown>),
    vars,
    d1_databases: (c.d1_databases ?? []).map((d) =>
      d.binding === DB_BINDING ? { ...d, database_id: p.databaseId } : d,
    ),
  };
  const sender = senderAddress(p.mailFrom);
  if (p.mailer === 'cloudflare' && sender) out.send_email = [{ name: 'EMAIL', allowed_sender_addresses: [sender] }];
  else delete out.send_email;
  if (p.domain) {
    out.routes = [{ pattern: p.domain, custom_domain: true }];
    out.workers_dev = false;
  } else {
    delete out.routes;
    out.workers_dev = true;
  }
  return out;
}

const CONFIG_HEADER = [
  '// Generated by `npm run deploy` from wrangler.toml and the deploy flags: change those and run it again',
  "// instead of editing this file. It names this deployment's Cloudflare resources (no secrets);",
  '// local development (`npm start`, `wrangler dev`, the tests) never reads it.',
];

/** Serialises a production config as the JSONC text `npm run deploy` writes. */
export function configText(config: Record<string, unknown>): string {
  return `${CONFIG_HEADER.join('\n')}\n${JSON.stringify(config, null, 2)}\n`;
}

/**
 * Parses a production config written by `configText` (whole-line `//` comments only).
 * @throws DeployError when it is not valid JSON after the comments.
 */
export function parseConfigText(text: string): unknown {
  const json = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//'))
    .join('\n');
  try {
    return JSON.parse(json) as unknown;
  } catch (err) {
    throw new DeployError(
      `The generated production config could not be read (${String(err)}); delete it and run again.`,
    );
  }
}

/** The `https://<worker>.<subdomain>.workers.dev` URL wrangler prints after a deploy, if any. */
export function workersDevUrl(output: string): string | undefined {
  return /https:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)*\.workers\.dev\b/i.exec(output)?.[0];
}

/**
 * Whether `wrangler email sending settings <domain>` reports sending enabled
 * for that domain (the zone itself, or the subdomain in its list).
 */
export function sendingEnabled(output: string, domain: string): boolean {
  const lines = output.split('\n');
  const zone = /Email Sending for (\S+):/.exec(output)?.[1]?.toLowerCase();
  if (zone === domain.toLowerCase() && lines.some((l) => /^\s*Enabled:\s*true\b/.test(l))) return true;
  const esc = domain.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return lines.some((l) => new RegExp(`^\\s*-\\s*${esc}\\s*\\(enabled:\\s*true\\b`, 'i').test(l));
}

const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/** One command as a shell line, for the log. */
export function commandLine(argv: string[], env?: Record<string, string>): string {
  const prefix = env ? Object.entries(env).map(([k, v]) => `${k}=${quote(v)} `) : [];
  return `${prefix.join('')}${argv.map(quote).join(' ')}`;
}

/**
 * A runner for `--dry-run`: runs nothing and answers every look-up as an empty
 * account would (signed in, one account, no database, no queues, Email Sending
 * off, no secrets), so the printed plan is the one a first run follows.
 */
export function dryRunRunner(names: ResourceNames): Runner {
  let created = false;
  return async (argv) => {
    const cmd = argv.slice(1, 4).join(' ');
    const ok = (stdout = ''): RunResult => ({ code: 0, stdout, stderr: '' });
    if (cmd.startsWith('whoami'))
      return ok(JSON.stringify({ loggedIn: true, accounts: [{ id: '<account id>', name: 'your account' }] }));
    if (cmd.startsWith('d1 list'))
      return ok(JSON.stringify(created ? [{ uuid: DRY.databaseId, name: names.database }] : []));
    if (cmd.startsWith('d1 create')) {
      created = true;
      return ok();
    }
    if (cmd.startsWith('queues info'))
      return { code: 1, stdout: '', stderr: `Queue "${argv[3] ?? ''}" does not exist.` };
    if (cmd.startsWith('email sending settings')) return ok(`Email Sending for ${argv[4] ?? ''}:\n  Enabled:  false`);
    if (cmd.startsWith('secret list'))
      return { code: 1, stdout: '', stderr: 'This Worker does not exist on your account.' };
    if (argv[1] === 'deploy' && !argv.includes('--dry-run'))
      return ok(`Deployed ${names.worker}\n  ${DRY.workersDev(names.worker)}`);
    return ok();
  };
}

/** `text` parsed as JSON, or undefined when it is not JSON. */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The last 20 lines of a command's output, indented, for an error message. */
export function tail(res: RunResult): string {
  return indent(`${res.stdout}\n${res.stderr}`.trim().split('\n').slice(-20).join('\n'));
}

/** `text` with every line indented by four spaces. */
export function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
