import 'reflect-metadata';
import { Command, Option } from 'commander';
import { addConfigFlags, buildInfo, ConfigError, configFlagValues, dumpConfig, loadConfig, processEnv } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { startTracing } from '@fleet/observability';

/** Reads the configuration for a subcommand, or prints every problem and exits 1. */
function configFrom(opts: Record<string, unknown>): FleetConfig {
  try {
    const configFile = typeof opts['config'] === 'string' ? opts['config'] : undefined;
    const config = loadConfig({ flags: configFlagValues(opts), env: processEnv(), configFile });
    if (configFile) process.stderr.write(`Using config file: ${configFile}\n`);
    return config;
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Failed to start: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

function fail(err: unknown): never {
  process.stderr.write(`Failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

const program = new Command('fleet').description('osquery management and orchestration').showHelpAfterError();

addConfigFlags(program.command('serve'))
  .description('Run the server: every role in one process, or one role with --role')
  .option('--role <role>', 'serve one role only: ingest, api or live-query (default: all)')
  .option('--dev', 'development mode: generate a self-signed certificate when none is configured, create a first admin and enroll secret')
  .action(async (opts: Record<string, unknown>) => {
    const config = configFrom(opts);
    const role = opts['role'] as string | undefined;
    // Tracing starts before the server modules are loaded, so that it can patch http, mysql2 and ioredis.
    const tracing = startTracing({
      enabled: config.logging.tracing_enabled,
      serviceName: config.env.otelServiceName || `fleet-${role ?? 'all'}`,
      endpoint: config.env.otlpEndpoint,
    });
    const { serve } = await import('./serve.command');
    await serve(config, { role, dev: opts['dev'] === true, tracing }).catch(fail);
  });

const prepare = program.command('prepare').description('Prepare the database');
addConfigFlags(prepare.command('db'))
  .description('Apply the database migrations (idempotent)')
  .option('--no-prompt', 'do not ask for confirmation when some migrations were already applied')
  .addOption(new Option('--phase <phase>', 'expand: only changes the running release tolerates (before a rollout); contract: the removals (once no server of the previous release is left); all: every pending migration').choices(['expand', 'contract', 'all']).default('all'))
  .option('--dev', 'development mode')
  .action(async (opts: Record<string, unknown>) => {
    const config = configFrom(opts);
    const { prepareDb } = await import('./prepare-db.command');
    const code = await prepareDb(config, { prompt: opts['prompt'] !== false, phase: opts['phase'] as 'expand' | 'contract' | 'all' }).catch(fail);
    process.exit(code);
  });

program
  .command('version')
  .description('Print the version')
  .option('--full', 'print every build fact')
  .action((opts: { full?: boolean }) => {
    const info = buildInfo();
    if (!opts.full) {
      process.stdout.write(`fleet version ${info.version}\n`);
      return;
    }
    for (const [k, v] of Object.entries(info)) process.stdout.write(`${k}: ${v}\n`);
  });

addConfigFlags(program.command('config_dump'))
  .description('Print the effective configuration (precedence: 1. flags, 2. environment, 3. config file, 4. defaults), secrets redacted')
  .action((opts: Record<string, unknown>) => {
    process.stdout.write(dumpConfig(configFrom(opts)));
  });

program.parseAsync(process.argv).catch(fail);
