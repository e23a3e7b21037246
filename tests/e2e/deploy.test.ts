/**
 * `npm run deploy` planning: which wrangler commands run for which state of a
 * Cloudflare account. The account is a fake behind the injected runner (there
 * is no network here); the base config is the real wrangler.toml as wrangler
 * reads it, and the generated production config is checked by the real
 * `wrangler deploy --dry-run`. The CLI's `--dry-run` is run as a user would.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  configText,
  deploy,
  DeployError,
  parseConfigText,
  productionConfig,
  resourceNames,
  sendingEnabled,
  senderAddress,
  workersDevUrl,
  type DeployOptions,
  type RunResult,
  type Runner,
} from '../../scripts/lib/deploy';
import { ROOT, WRANGLER_ENV } from '../../scripts/lib/env';

let baseConfig: unknown;

beforeAll(async () => {
  const wrangler = (await import('wrangler')) as unknown as {
    experimental_readRawConfig: (args: { config: string }) => { rawConfig: unknown };
  };
  baseConfig = wrangler.experimental_readRawConfig({ config: resolve(ROOT, 'wrangler.toml') }).rawConfig;
});

/** State of the fake account. */
interface Account {
  loggedIn: boolean;
  accounts: number;
  databases: { name: string; uuid: string }[];
  queues: Set<string>;
  sendingDomains: Set<string>;
  /** Zones on the account (Email Sending needs the sender's domain to be one). */
  zones: Set<string>;
  secrets: Set<string>;
  workerExists: boolean;
  /** Queue look-ups fail with this (not "does not exist"), e.g. an API outage. */
  queueLookupError?: string;
}

function freshAccount(): Account {
  return {
    loggedIn: true,
    accounts: 1,
    databases: [],
    queues: new Set(),
    sendingDomains: new Set(),
    zones: new Set(['example.com']),
    secrets: new Set(),
    workerExists: false,
  };
}

interface Call {
  argv: string[];
  input?: string;
  env?: Record<string, string>;
}

/** A runner that behaves like wrangler against `acct`, recording every call. */
function fakeWrangler(acct: Account, calls: Call[]): Runner {
  return async (argv, opts) => {
    calls.push({ argv, input: opts?.input, env: opts?.env });
    const ok = (stdout = ''): RunResult => ({ code: 0, stdout, stderr: '' });
    const fail = (stderr: string): RunResult => ({ code: 1, stdout: '', stderr });
    const [prog, a, b, c] = argv;
    if (prog === 'npm') return ok('built');
    if (a === 'whoami') {
      if (!acct.loggedIn) return fail('{"loggedIn":false}');
      const accounts = Array.from({ length: acct.accounts }, (_, i) => ({ id: `acc${i}`, name: `Account ${i}` }));
      return ok(JSON.stringify({ loggedIn: true, authType: 'OAuth Token', email: 'me@example.com', accounts }));
    }
    if (a === 'd1' && b === 'list')
      return ok(JSON.stringify(acct.databases.map((d) => ({ ...d, version: 'production' }))));
    if (a === 'd1' && b === 'create') {
      acct.databases.push({ name: c!, uuid: 'f3a1c2d4-0000-4000-8000-00000000d1d1' });
      return ok(`✅ Successfully created DB '${c}'`);
    }
    if (a === 'd1' && b === 'migrations') return ok('No migrations to apply!');
    if (a === 'queues' && b === 'info') {
      if (acct.queueLookupError) return fail(acct.queueLookupError);
      return acct.queues.has(c!)
        ? ok(`Queue Name: ${c}`)
        : fail(`Queue "${c}" does not exist. To create it, run: wrangler queues create ${c}`);
    }
    if (a === 'queues' && b === 'create') {
      acct.queues.add(c!);
      return ok(`Created queue ${c}.`);
    }
    if (a === 'email' && b === 'sending') {
      const domain = argv[4]!;
      if (c === 'settings') {
        if (!acct.zones.has(domain)) return fail(`Could not find a zone for ${domain}`);
        return ok(`Email Sending for ${domain}:\n  Enabled:  ${acct.sendingDomains.has(domain)}\n  Status:   ready`);
      }
      if (c === 'enable') {
        acct.sendingDomains.add(domain);
        return ok(`Email Sending enabled for ${domain} (status: pending)`);
      }
      if (c === 'dns') return ok(`TXT cf-bounce.${domain} "v=spf1 include:_spf.mx.cloudflare.net ~all"`);
    }
    if (a === 'secret' && b === 'list') {
      if (!acct.workerExists) return fail('This Worker does not exist on your account.');
      return ok(JSON.stringify([...acct.secrets].map((name) => ({ name, type: 'secret_text' }))));
    }
    if (a === 'secret' && b === 'put') {
      acct.secrets.add(c!);
      return ok('✨ Success! Uploaded secret');
    }
    if (a === 'deploy') {
      if (argv.includes('--dry-run')) return ok('--dry-run: exiting now.');
      acct.workerExists = true;
      return ok(
        'Uploaded casebook (3.1 sec)\nDeployed casebook triggers (0.5 sec)\n  https://casebook.jane.workers.dev\n  schedule: 0 * * * *',
      );
    }
    return fail(`fake account: unexpected command ${argv.join(' ')}`);
  };
}

const opts = (o: Partial<DeployOptions> = {}): DeployOptions => ({
  dryRun: false,
  buildExtension: true,
  configPath: 'wrangler.production.jsonc',
  ...o,
});

/** Runs a deploy against `acct`; returns the calls, log and written files. */
async function runDeploy(acct: Account, o: Partial<DeployOptions>, previousConfig?: unknown) {
  const calls: Call[] = [];
  const logs: string[] = [];
  const written: string[] = [];
  const result = await deploy(opts(o), {
    run: fakeWrangler(acct, calls),
    log: (l) => logs.push(l),
    baseConfig,
    previousConfig,
    writeConfig: (_path, text) => written.push(text),
    env: {},
  });
  return { result, calls, logs, written, lines: calls.map((c) => c.argv.join(' ')) };
}

const creates = (lines: string[]) => lines.filter((l) => / (create|enable|put) /.test(`${l} `));

describe('deploy planning against a fake account', () => {
  it('creates everything on an empty account, with Email Service and a custom domain', async () => {
    const acct = freshAccount();
    const { result, calls, lines, written } = await runDeploy(acct, {
      domain: 'casebook.example.com',
      mailFrom: 'Casebook <casebook@example.com>',
    });

    expect(creates(lines)).toEqual([
      'wrangler d1 create casebook',
      'wrangler queues create casebook-digests',
      'wrangler queues create casebook-digests-dlq',
      'wrangler email sending enable example.com',
    ]);
    expect(result.created).toEqual([
      'd1:casebook',
      'queue:casebook-digests',
      'queue:casebook-digests-dlq',
      'email-sending:example.com',
    ]);
    // Resources before migrations, migrations before the (single) deploy, packages last.
    const at = (l: string) => lines.indexOf(l);
    const cfg = '-c wrangler.production.jsonc';
    expect(at(`wrangler d1 migrations apply DB --remote ${cfg}`)).toBeGreaterThan(
      at('wrangler queues create casebook-digests-dlq'),
    );
    expect(lines.filter((l) => l === `wrangler deploy ${cfg}`)).toHaveLength(1);
    expect(at(`wrangler deploy ${cfg}`)).toBeGreaterThan(at(`wrangler d1 migrations apply DB --remote ${cfg}`));
    expect(at(`wrangler deploy --dry-run --outdir .wrangler/deploy-check ${cfg}`)).toBeLessThan(
      at(`wrangler d1 migrations apply DB --remote ${cfg}`),
    );
    expect(lines.at(-1)).toBe('npm run package');
    expect(calls.at(-1)?.env).toEqual({ CASEBOOK_SERVER: 'https://casebook.example.com' });

    expect(result.appUrl).toBe('https://casebook.example.com');
    expect(written).toHaveLength(1);
    const cfgObj = parseConfigText(written[0]!) as Record<string, unknown>;
    expect(cfgObj.vars).toMatchObject({
      APP_URL: 'https://casebook.example.com',
      ENVIRONMENT: 'production',
      MAIL_FROM: 'Casebook <casebook@example.com>',
      MAILER: 'cloudflare',
    });
    expect(cfgObj.d1_databases).toEqual([
      expect.objectContaining({ binding: 'DB', database_id: 'f3a1c2d4-0000-4000-8000-00000000d1d1' }),
    ]);
    expect(cfgObj.send_email).toEqual([{ name: 'EMAIL', allowed_sender_addresses: ['casebook@example.com'] }]);
    expect(cfgObj.routes).toEqual([{ pattern: 'casebook.example.com', custom_domain: true }]);
    expect(cfgObj.workers_dev).toBe(false);
    // Carried over from wrangler.toml untouched.
    expect(cfgObj.triggers).toEqual({ crons: ['0 * * * *'] });
    expect(cfgObj.main).toBe('worker/index.ts');
  });

  it('is idempotent: a second run with no flags creates nothing and writes the same config', async () => {
    const acct = freshAccount();
    const first = await runDeploy(acct, {
      domain: 'casebook.example.com',
      mailFrom: 'Casebook <casebook@example.com>',
    });
    const second = await runDeploy(acct, {}, parseConfigText(first.written[0]!));

    expect(creates(second.lines)).toEqual([]);
    expect(second.result.created).toEqual([]);
    expect(second.written).toEqual(first.written);
    expect(second.lines).toContain('wrangler d1 migrations apply DB --remote -c wrangler.production.jsonc');
    expect(second.lines.filter((l) => l === 'wrangler deploy -c wrangler.production.jsonc')).toHaveLength(1);
  });

  it('on workers.dev, deploys a second time once wrangler has printed the URL, and remembers it', async () => {
    const acct = freshAccount();
    const first = await runDeploy(acct, { mailFrom: 'casebook@example.com' });
    expect(first.lines.filter((l) => l === 'wrangler deploy -c wrangler.production.jsonc')).toHaveLength(2);
    expect(first.result.appUrl).toBe('https://casebook.jane.workers.dev');
    expect(first.written).toHaveLength(2);
    const finalCfg = parseConfigText(first.written[1]!) as {
      vars: Record<string, string>;
      workers_dev: boolean;
      routes?: unknown;
    };
    expect(finalCfg.vars.APP_URL).toBe('https://casebook.jane.workers.dev');
    expect(finalCfg.workers_dev).toBe(true);
    expect(finalCfg.routes).toBeUndefined();

    const again = await runDeploy(acct, {}, finalCfg);
    expect(again.lines.filter((l) => l === 'wrangler deploy -c wrangler.production.jsonc')).toHaveLength(1);
    expect(again.result.appUrl).toBe('https://casebook.jane.workers.dev');
  });

  it('with Resend: puts the key as a secret through stdin and never logs it', async () => {
    const acct = freshAccount();
    const key = 're_live_7Hq2mZx9VbN4';
    const { calls, logs, written, lines } = await runDeploy(acct, {
      mailer: 'resend',
      mailFrom: 'Casebook <casebook@example.com>',
      resendApiKey: key,
      adminToken: 'adm_Q8wP3kLr',
      domain: 'casebook.example.com',
    });
    const put = (name: string) =>
      calls.find((c) => c.argv.join(' ') === `wrangler secret put ${name} -c wrangler.production.jsonc`);
    expect(put('RESEND_API_KEY')?.input).toBe(key);
    expect(put('ADMIN_TOKEN')?.input).toBe('adm_Q8wP3kLr');
    for (const secret of [key, 'adm_Q8wP3kLr']) {
      expect(lines.some((l) => l.includes(secret))).toBe(false);
      expect(logs.join('\n')).not.toContain(secret);
      expect(written.join('\n')).not.toContain(secret);
    }
    // No Email Service steps and no send_email binding.
    expect(lines.some((l) => l.startsWith('wrangler email'))).toBe(false);
    const cfg = parseConfigText(written[0]!) as { vars: Record<string, string>; send_email?: unknown };
    expect(cfg.send_email).toBeUndefined();
    expect(cfg.vars.MAILER).toBeUndefined();
    // Secret after the worker exists.
    expect(lines.indexOf('wrangler secret put RESEND_API_KEY -c wrangler.production.jsonc')).toBeGreaterThan(
      lines.indexOf('wrangler deploy -c wrangler.production.jsonc'),
    );
  });

  it('with Resend and no key: stops before creating anything, unless the secret already exists', async () => {
    const acct = freshAccount();
    const calls: Call[] = [];
    await expect(
      deploy(opts({ mailer: 'resend', mailFrom: 'casebook@example.com' }), {
        run: fakeWrangler(acct, calls),
        log: () => {},
        baseConfig,
        writeConfig: () => {},
        env: {},
      }),
    ).rejects.toThrow(/RESEND_API_KEY=re_/);
    expect(creates(calls.map((c) => c.argv.join(' ')))).toEqual([]);

    acct.workerExists = true;
    acct.secrets.add('RESEND_API_KEY');
    const { lines } = await runDeploy(acct, {
      mailer: 'resend',
      mailFrom: 'casebook@example.com',
      domain: 'casebook.example.com',
    });
    expect(lines.some((l) => l.startsWith('wrangler secret put'))).toBe(false);
  });

  it('stops with the next step to take when not signed in, or when several accounts are reachable', async () => {
    const loggedOut = { ...freshAccount(), loggedIn: false };
    const err = await runDeploy(loggedOut, { mailFrom: 'casebook@example.com' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeployError);
    expect((err as Error).message).toMatch(/npx wrangler login/);

    const many = { ...freshAccount(), accounts: 2 };
    await expect(runDeploy(many, { mailFrom: 'casebook@example.com' })).rejects.toThrow(/CLOUDFLARE_ACCOUNT_ID/);
    expect(many.databases).toEqual([]);
  });

  it('does not create a queue when the look-up fails for another reason', async () => {
    const acct = { ...freshAccount(), queueLookupError: 'Authentication error [code: 10000]' };
    await expect(runDeploy(acct, { mailFrom: 'casebook@example.com' })).rejects.toThrow(/Could not look up the queue/);
    expect(acct.queues.size).toBe(0);
  });

  it('refuses Email Service when the sender domain is not a zone on the account, naming Resend', async () => {
    const acct = freshAccount();
    await expect(runDeploy(acct, { mailFrom: 'casebook@elsewhere.org' })).rejects.toThrow(/elsewhere\.org.*Resend/s);
    expect(acct.sendingDomains.size).toBe(0);
  });

  it('needs a real sender on the first run', async () => {
    await expect(runDeploy(freshAccount(), {})).rejects.toThrow(/--from/);
    await expect(runDeploy(freshAccount(), { mailFrom: 'Casebook <casebook@localhost>' })).rejects.toThrow(
      /real sender/,
    );
  });
});

describe('deploy helpers', () => {
  it('reads resource names from wrangler.toml', () => {
    expect(resourceNames(baseConfig)).toEqual({
      worker: 'casebook',
      database: 'casebook',
      queues: ['casebook-digests', 'casebook-digests-dlq'],
    });
  });

  it('parses wrangler output', () => {
    expect(senderAddress('Casebook <Casebook@Example.com>')).toBe('casebook@example.com');
    expect(senderAddress('casebook@example.com')).toBe('casebook@example.com');
    expect(senderAddress('Casebook')).toBeUndefined();
    expect(workersDevUrl('Deployed casebook\n  https://casebook.jane-doe.workers.dev\n')).toBe(
      'https://casebook.jane-doe.workers.dev',
    );
    expect(workersDevUrl('  casebook.example.com (custom domain)')).toBeUndefined();
    expect(sendingEnabled('Email Sending for example.com:\n  Enabled:  true\n  Status:   ready', 'example.com')).toBe(
      true,
    );
    expect(sendingEnabled('Email Sending for example.com:\n  Enabled:  false', 'example.com')).toBe(false);
    expect(
      sendingEnabled(
        'Email Sending for example.com:\n  Enabled:  false\n  Subdomains:\n    - mail.example.com (enabled: true, status: ready)',
        'mail.example.com',
      ),
    ).toBe(true);
  });
});

describe('deploy for real tools, offline', () => {
  it('the generated production config bundles with the real `wrangler deploy --dry-run`', () => {
    const cfg = productionConfig(baseConfig, {
      databaseId: 'f3a1c2d4-0000-4000-8000-00000000d1d1',
      appUrl: 'https://casebook.example.com',
      mailer: 'cloudflare',
      mailFrom: 'Casebook <casebook@example.com>',
      domain: 'casebook.example.com',
    });
    // Beside wrangler.toml so its relative paths (main, migrations_dir, tsconfig) resolve the same way.
    const file = resolve(ROOT, `wrangler.production.test-${process.pid}.jsonc`);
    const outdir = mkdtempSync(resolve(tmpdir(), 'casebook-deploy-'));
    writeFileSync(file, configText(cfg));
    try {
      const res = spawnSync(
        resolve(ROOT, 'node_modules/.bin/wrangler'),
        ['deploy', '--dry-run', '--outdir', outdir, '-c', file],
        { cwd: ROOT, env: WRANGLER_ENV, encoding: 'utf8' },
      );
      const out = `${res.stdout}${res.stderr}`;
      expect({ status: res.status, out }).toMatchObject({ status: 0 });
      expect(out).toMatch(/env\.DB \(casebook\)\s+D1 Database/);
      expect(out).toMatch(/env\.EMAIL \(.*senders: casebook@example\.com\)\s+Send Email/);
      expect(out).toMatch(/env\.DIGEST_QUEUE \(casebook-digests\)/);
      expect(out).toContain('env.APP_URL ("https://casebook.example.com")');
      expect(out).toContain('env.ENVIRONMENT ("production")');
      expect(existsSync(resolve(outdir, 'index.js'))).toBe(true);
    } finally {
      rmSync(file, { force: true });
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('`npm run deploy -- --dry-run` prints the whole plan and writes nothing', () => {
    const generated = resolve(ROOT, 'wrangler.production.jsonc');
    const before = existsSync(generated) ? statSync(generated).mtimeMs : undefined;
    const res = spawnSync(
      resolve(ROOT, 'node_modules/.bin/tsx'),
      ['scripts/deploy.ts', '--dry-run', '--config', `wrangler.production.dry-${process.pid}.jsonc`],
      {
        cwd: ROOT,
        env: { ...process.env, RESEND_API_KEY: '', ADMIN_TOKEN: '' },
        encoding: 'utf8',
      },
    );
    expect({ status: res.status, stderr: res.stderr }).toMatchObject({ status: 0 });
    for (const line of [
      '$ wrangler whoami --json',
      '$ wrangler d1 create casebook',
      '$ wrangler queues create casebook-digests',
      '$ wrangler queues create casebook-digests-dlq',
      '$ wrangler email sending enable example.com',
      '$ wrangler d1 migrations apply DB --remote -c wrangler.production.dry-',
      '$ wrangler deploy -c wrangler.production.dry-',
      '$ CASEBOOK_SERVER=https://casebook.your-subdomain.workers.dev npm run package',
    ]) {
      expect(res.stdout).toContain(line);
    }
    expect(existsSync(resolve(ROOT, `wrangler.production.dry-${process.pid}.jsonc`))).toBe(false);
    expect(existsSync(generated) ? statSync(generated).mtimeMs : undefined).toBe(before);
  });
});
