/**
 * `npm run deploy`: deploys Casebook to your own Cloudflare account and builds
 * the extension against it. The steps live in scripts/lib/deploy.ts; this file
 * reads the flags and wires in the real wrangler, npm, files and `fetch`.
 *
 *   npm run deploy -- --from "Casebook <casebook@example.com>" [--domain casebook.example.com]
 *   RESEND_API_KEY=re_... npm run deploy -- --mailer resend --from "..."
 *   npm run deploy -- --dry-run          # print every command, run none
 *   ADMIN_TOKEN=... npm run deploy       # also sets the /admin/dead-letters token
 *
 * Safe to run again: existing resources are found and kept, and the settings
 * of the last run are read back from the generated wrangler.production.jsonc.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { deploy, DeployError, parseConfigText, type MailerChoice, type Runner } from './lib/deploy';
import { ROOT, WRANGLER_ENV } from './lib/env';

const USAGE = `Usage: npm run deploy -- [options]

  --from "Name <address@domain>"  sender of sign-in codes and digests (required on the first run)
  --domain HOST                    custom domain for the worker (a hostname in a zone on your account);
                                   without it the worker answers on <name>.<subdomain>.workers.dev
  --mailer cloudflare|resend       Cloudflare Email Service (default) or Resend (key in $RESEND_API_KEY)
  --app-url URL                    public origin, when it is neither the custom domain nor workers.dev
  --skip-extension                 do not build the extension packages
  --config PATH                    generated production config (default wrangler.production.jsonc)
  --dry-run                        print every command a first run would run; run nothing, write nothing
  -h, --help                       this text

Secrets come from the environment, never from flags: RESEND_API_KEY (with --mailer resend) and
ADMIN_TOKEN (optional: enables GET /admin/dead-letters).

Needs \`npx wrangler login\` first (or CLOUDFLARE_API_TOKEN, plus CLOUDFLARE_ACCOUNT_ID with several accounts).`;

/** Runs wrangler from node_modules (quiet, no prompts) or npm; stdin gets `input` (secrets). */
const realRunner: Runner = (argv, opts) =>
  new Promise((done) => {
    const [cmd, ...args] = argv;
    const program = cmd === 'wrangler' ? resolve(ROOT, 'node_modules', '.bin', 'wrangler') : (cmd ?? 'true');
    const child = spawn(program, args, {
      cwd: ROOT,
      env: { ...(cmd === 'wrangler' ? WRANGLER_ENV : process.env), ...opts?.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    // npm (the extension build) shows its progress; wrangler's output is kept for parsing and errors.
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (cmd === 'npm') process.stdout.write(c);
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      if (cmd === 'npm') process.stderr.write(c);
    });
    child.stdin.end(opts?.input ?? '');
    child.on('error', (err) => done({ code: 127, stdout, stderr: `${stderr}${err.message}` }));
    child.on('close', (code) => done({ code: code ?? 1, stdout, stderr }));
  });

/** wrangler.toml as wrangler itself reads it (so [vars], bindings and comments follow its rules). */
async function readWranglerToml(): Promise<unknown> {
  const wrangler = (await import('wrangler')) as unknown as {
    experimental_readRawConfig: (args: { config: string }) => { rawConfig: unknown };
  };
  return wrangler.experimental_readRawConfig({ config: resolve(ROOT, 'wrangler.toml') }).rawConfig;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      domain: { type: 'string' },
      mailer: { type: 'string' },
      'app-url': { type: 'string' },
      'skip-extension': { type: 'boolean', default: false },
      config: { type: 'string', default: 'wrangler.production.jsonc' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.mailer !== undefined && values.mailer !== 'cloudflare' && values.mailer !== 'resend') {
    console.error(`--mailer must be cloudflare or resend, not "${values.mailer}".\n\n${USAGE}`);
    return 2;
  }
  const configPath = values.config;
  const abs = resolve(ROOT, configPath);
  const previousConfig = existsSync(abs) ? parseConfigText(readFileSync(abs, 'utf8')) : undefined;

  const result = await deploy(
    {
      dryRun: values['dry-run'],
      domain: values.domain,
      appUrl: values['app-url'],
      mailer: values.mailer as MailerChoice | undefined,
      mailFrom: values.from,
      resendApiKey: process.env.RESEND_API_KEY || undefined,
      adminToken: process.env.ADMIN_TOKEN || undefined,
      buildExtension: !values['skip-extension'],
      configPath,
    },
    {
      run: realRunner,
      log: (line) => console.log(line),
      baseConfig: await readWranglerToml(),
      previousConfig,
      writeConfig: (path, text) => writeFileSync(resolve(ROOT, path), text, { mode: 0o644 }),
      fetch: globalThis.fetch,
      env: process.env,
    },
  );
  if (values['dry-run']) {
    console.log(`\nDry run finished: that is the plan for an empty account. Nothing was run or written.`);
  } else {
    console.log(`\nCasebook runs at ${result.appUrl}`);
    console.log(`Created this run: ${result.created.length ? result.created.join(', ') : 'nothing (all existed)'}`);
    if (values['skip-extension']) {
      console.log(`Build the extension for it with: CASEBOOK_SERVER=${result.appUrl} npm run package`);
    } else {
      console.log(
        'Extension: load .output/chrome-mv3 (Chrome) or .output/firefox-mv3 (Firefox); store zips are in .output/.',
      );
    }
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof DeployError) console.error(`\n${err.message}`);
    else if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`${err.message}\n\n${USAGE}`);
      process.exit(2);
    } else console.error(err);
    process.exit(1);
  },
);
