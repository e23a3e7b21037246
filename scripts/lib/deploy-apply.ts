/**
 * The apply half of `npm run deploy` (the plan half is ./deploy-plan.ts): from
 * a Cloudflare login to a running Casebook worker and an extension built
 * against it, one function per step.
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
import {
  commandLine,
  configText,
  D1List,
  DB_BINDING,
  DeployError,
  dryRunRunner,
  indent,
  parseConfig,
  PENDING_APP_URL,
  productionConfig,
  resolveSettings,
  resourceNames,
  safeJson,
  SecretList,
  senderAddress,
  sendingEnabled,
  tail,
  WhoAmI,
  workersDevUrl,
  type DeployDeps,
  type DeployOptions,
  type DeployResult,
  type ProductionInputs,
  type ResolvedSettings,
  type ResourceNames,
  type RunOptions,
  type RunResult,
} from './deploy-plan';

/** A command with its display form: `show` replaces the printed command line (e.g. to hide a secret). */
type ExecOptions = RunOptions & { show?: string };

/** What every step reads: the request, the resolved settings, the resources' names and the runner. */
interface Step {
  opts: DeployOptions;
  deps: DeployDeps;
  names: ResourceNames;
  settings: ResolvedSettings;
  log: (line: string) => void;
  /** Runs and logs one command; never throws on a non-zero exit. */
  exec: (argv: string[], o?: ExecOptions) => Promise<RunResult>;
  /** Runs and logs one command; a non-zero exit throws a DeployError naming `what`. */
  must: (argv: string[], what: string, o?: ExecOptions) => Promise<RunResult>;
  /** Resources this run created, appended to by the steps. */
  created: string[];
  /** `-c <configPath>`: the generated production config for wrangler. */
  cfg: string[];
}

/**
 * Runs the deploy (or, with `opts.dryRun`, prints it). Steps, each skipped
 * when its resource already exists: account check, D1 database, Queues,
 * Email Sending on the sender's domain (or the Resend key), production
 * config, bundle check, remote migrations, deploy (twice on the first
 * workers.dev run: the second time with the URL wrangler printed as APP_URL),
 * secrets (RESEND_API_KEY, ADMIN_TOKEN) given in the environment, `/health`, extension packages against APP_URL.
 * @throws DeployError with the next thing to do when a step cannot go on.
 */
export async function deploy(opts: DeployOptions, deps: DeployDeps): Promise<DeployResult> {
  const step = startSteps(opts, deps);
  const { log } = deps;
  if (opts.dryRun) log('Dry run: nothing is run and nothing is written; look-ups answer as an empty account would.');

  await checkAccount(step);
  const databaseId = await ensureDatabase(step);
  await ensureQueues(step);
  await ensureMail(step);
  const { appUrl, text } = await configureAndDeploy(step, databaseId);
  await setSecrets(step);

  log(`9. Health: GET ${appUrl}/health`);
  if (deps.fetch && !opts.dryRun) await checkHealth(deps.fetch, appUrl, log);

  if (opts.buildExtension) {
    log(`10. Extension packages for ${appUrl}`);
    await step.must(['npm', 'run', 'package'], 'Building the extension packages', { env: { CASEBOOK_SERVER: appUrl } });
  } else {
    log('10. Extension: skipped (--skip-extension)');
  }

  return { appUrl, databaseId, created: step.created, configText: text };
}

/** The context every step shares: names and settings resolved once, the runner (the dry-run one with `--dry-run`). */
function startSteps(opts: DeployOptions, deps: DeployDeps): Step {
  const names = resourceNames(deps.baseConfig);
  const previous = deps.previousConfig === undefined ? undefined : parseConfig(deps.previousConfig, opts.configPath);
  const settings = resolveSettings(opts, previous);
  const run = opts.dryRun ? dryRunRunner(names) : deps.run;
  const exec = async (argv: string[], o: ExecOptions = {}): Promise<RunResult> => {
    deps.log(`  $ ${o.show ?? commandLine(argv, o.env)}`);
    return run(argv, o.input === undefined && o.env === undefined ? undefined : { input: o.input, env: o.env });
  };
  const must = async (argv: string[], what: string, o: ExecOptions = {}): Promise<RunResult> => {
    const res = await exec(argv, o);
    if (res.code !== 0) throw new DeployError(`${what} failed (exit ${res.code}):\n${tail(res)}`);
    return res;
  };
  return { opts, deps, names, settings, log: deps.log, exec, must, created: [], cfg: ['-c', opts.configPath] };
}

/** Step 1: signed in to exactly one account (or CLOUDFLARE_ACCOUNT_ID), and the Resend key at hand when mail goes through Resend. */
async function checkAccount({ opts, deps, names, settings, log, exec }: Step): Promise<void> {
  log('1. Cloudflare account');
  const who = await exec(['wrangler', 'whoami', '--json']);
  const whoParsed = WhoAmI.safeParse(safeJson(who.stdout));
  if (who.code !== 0 || !whoParsed.success || !whoParsed.data.loggedIn) {
    throw new DeployError(
      'Not signed in to Cloudflare. Run `npx wrangler login` (or set CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID), then `npm run deploy` again.',
    );
  }
  const accounts = whoParsed.data.accounts ?? [];
  if (accounts.length > 1 && !deps.env.CLOUDFLARE_ACCOUNT_ID) {
    throw new DeployError(
      `This login can reach ${accounts.length} accounts; pick one with CLOUDFLARE_ACCOUNT_ID=<id>:\n${accounts.map((a) => `  ${a.id}  ${a.name}`).join('\n')}`,
    );
  }

  if (settings.mailer === 'resend' && !opts.resendApiKey) {
    // The key may already be a secret from an earlier run; otherwise it must come from the environment.
    const list = await exec(['wrangler', 'secret', 'list', '--name', names.worker, '--format', 'json']);
    const parsed = SecretList.safeParse(safeJson(list.stdout));
    const has = list.code === 0 && parsed.success && parsed.data.some((s) => s.name === 'RESEND_API_KEY');
    if (!has && !opts.dryRun) {
      throw new DeployError(
        'Mail through Resend needs its API key: run `RESEND_API_KEY=re_... npm run deploy -- --mailer resend` (the key goes to a Worker secret, never to a file).',
      );
    }
  }
}

/** Step 2: the D1 database, created when no database of that name exists. @returns its id. */
async function ensureDatabase({ names, log, must, created }: Step): Promise<string> {
  log(`2. D1 database "${names.database}"`);
  const findDb = async () => {
    const res = await must(['wrangler', 'd1', 'list', '--json'], 'Listing D1 databases');
    const dbs = D1List.safeParse(safeJson(res.stdout));
    if (!dbs.success) throw new DeployError(`Unexpected answer from wrangler d1 list --json:\n${tail(res)}`);
    return dbs.data.find((d) => d.name === names.database)?.uuid;
  };
  const existing = await findDb();
  if (existing) {
    log(`  exists: ${existing}`);
    return existing;
  }
  await must(['wrangler', 'd1', 'create', names.database], `Creating the D1 database ${names.database}`);
  created.push(`d1:${names.database}`);
  const databaseId = await findDb();
  if (!databaseId)
    throw new DeployError(`wrangler d1 create ${names.database} succeeded but the database is not listed.`);
  return databaseId;
}

/** Step 3: every queue the config names (producers, consumers, dead-letter queues), created when missing. */
async function ensureQueues({ names, log, exec, must, created }: Step): Promise<void> {
  log(`3. Queues (${names.queues.join(', ')})`);
  for (const queue of names.queues) {
    const info = await exec(['wrangler', 'queues', 'info', queue]);
    if (info.code === 0) {
      log(`  exists: ${queue}`);
      continue;
    }
    if (!/does not exist/i.test(`${info.stdout}\n${info.stderr}`)) {
      throw new DeployError(`Could not look up the queue ${queue}:\n${tail(info)}`);
    }
    await must(['wrangler', 'queues', 'create', queue], `Creating the queue ${queue}`);
    created.push(`queue:${queue}`);
  }
}

/** Step 4: Email Sending enabled on the sender's domain (Cloudflare), or a reminder to verify it (Resend). */
async function ensureMail({ settings, log, exec, must, created }: Step): Promise<void> {
  const sender = senderAddress(settings.mailFrom) ?? '';
  const mailDomain = sender.slice(sender.indexOf('@') + 1);
  if (settings.mailer !== 'cloudflare') {
    log(`4. Mail: Resend, sending from ${sender} (verify ${mailDomain} in Resend's dashboard first)`);
    return;
  }
  log(`4. Mail: Cloudflare Email Service, sending from ${sender}`);
  const st = await exec(['wrangler', 'email', 'sending', 'settings', mailDomain]);
  if (st.code !== 0) {
    throw new DeployError(
      `Email Sending needs ${mailDomain} to be a zone on this Cloudflare account (it adds SPF, DKIM and DMARC records there). Add the domain to Cloudflare, or send through Resend: RESEND_API_KEY=re_... npm run deploy -- --mailer resend.\n${tail(st)}`,
    );
  }
  if (sendingEnabled(st.stdout, mailDomain)) log(`  Email Sending is already enabled for ${mailDomain}`);
  else {
    await must(['wrangler', 'email', 'sending', 'enable', mailDomain], `Enabling Email Sending for ${mailDomain}`);
    created.push(`email-sending:${mailDomain}`);
  }
  const dns = await exec(['wrangler', 'email', 'sending', 'dns', 'get', mailDomain]);
  if (dns.code === 0 && dns.stdout.trim()) log(indent(dns.stdout.trim()));
}

/**
 * Steps 5 to 7: write the production config, check the bundle, apply remote
 * migrations and deploy; on a first workers.dev run, deploy again with the URL
 * wrangler printed as APP_URL. @returns APP_URL and the config text written.
 */
async function configureAndDeploy(
  { opts, deps, settings, log, must, cfg }: Step,
  databaseId: string,
): Promise<{ appUrl: string; text: string }> {
  log(`5. Production config ${opts.configPath}`);
  const inputs = (appUrl: string): ProductionInputs => ({
    databaseId,
    appUrl,
    mailer: settings.mailer,
    mailFrom: settings.mailFrom,
    domain: settings.domain,
  });
  let text = configText(productionConfig(deps.baseConfig, inputs(settings.appUrl ?? PENDING_APP_URL)));
  if (opts.dryRun) log(indent(text.trim()));
  else deps.writeConfig(opts.configPath, text);
  await must(
    ['wrangler', 'deploy', '--dry-run', '--outdir', '.wrangler/deploy-check', ...cfg],
    'Bundling the worker (wrangler deploy --dry-run)',
  );

  log('6. Remote migrations');
  await must(['wrangler', 'd1', 'migrations', 'apply', DB_BINDING, '--remote', ...cfg], 'Applying remote migrations');

  log('7. Deploy');
  const deployed = await must(['wrangler', 'deploy', ...cfg], 'wrangler deploy');
  if (settings.appUrl) return { appUrl: settings.appUrl, text };
  const appUrl = workersDevUrl(`${deployed.stdout}\n${deployed.stderr}`);
  if (!appUrl) {
    throw new DeployError(
      'Deployed, but wrangler printed no workers.dev URL: run again with --app-url https://<your worker URL> or --domain <hostname>.',
    );
  }
  log(`  APP_URL is ${appUrl}: rewriting ${opts.configPath} with it and deploying again`);
  text = configText(productionConfig(deps.baseConfig, inputs(appUrl)));
  if (!opts.dryRun) deps.writeConfig(opts.configPath, text);
  await must(['wrangler', 'deploy', ...cfg], 'wrangler deploy');
  return { appUrl, text };
}

/** Step 8: set (or rotate) each secret given in the environment; a dry run shows the steps a real run takes. */
async function setSecrets({ opts, settings, log, must, cfg }: Step): Promise<void> {
  const secrets: [string, string | undefined][] = [];
  if (settings.mailer === 'resend' && (opts.resendApiKey || opts.dryRun))
    secrets.push(['RESEND_API_KEY', opts.resendApiKey]);
  if (opts.adminToken || opts.dryRun) secrets.push(['ADMIN_TOKEN', opts.adminToken]);
  log(`8. Secrets: ${secrets.length ? secrets.map(([name]) => name).join(', ') : 'none to set'}`);
  for (const [name, value] of secrets) {
    await must(['wrangler', 'secret', 'put', name, ...cfg], `Setting ${name}`, {
      input: value ?? '',
      show: `${commandLine(['wrangler', 'secret', 'put', name, ...cfg])}   # value from $${name}, on stdin${opts.dryRun && !value ? ' (only when set)' : ''}`,
    });
  }
}

/** Step 9: `GET /health` until it answers (five tries); a new custom domain may need minutes, so this reports rather than fails. */
async function checkHealth(fetchFn: typeof fetch, appUrl: string, log: (line: string) => void): Promise<void> {
  // A new custom domain can take a few minutes for its certificate: report, do not fail.
  for (let attempt = 1; attempt <= 5; attempt++) {
    try {
      const res = await fetchFn(`${appUrl}/health`);
      const body = z.object({ ok: z.literal(true), version: z.string() }).safeParse(await res.json());
      if (res.ok && body.success) {
        log(`  ok, version ${body.data.version}`);
        return;
      }
    } catch {
      /* not reachable yet */
    }
    await new Promise((r) => setTimeout(r, 2000 * attempt));
  }
  log(
    `  ${appUrl}/health does not answer yet (a new custom domain's certificate can take a few minutes); try it in a browser later.`,
  );
}
