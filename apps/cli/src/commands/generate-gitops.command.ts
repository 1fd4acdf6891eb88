import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { sessionRoutes } from '@fleet/contracts';
import { CliError } from '../cli.error';
import { withSession } from '../config/cli-session';
import { generateGitops, gitopsFilename } from '../gitops/gitops.generator';

interface GenerateFlags {
  dir?: string; print?: boolean; force?: boolean; insecure?: boolean; team?: string; key?: string;
}

const yaml = (v: unknown): string => stringify(v, { lineWidth: 0 });

/** The value at a dotted key (`org_settings.org_info.org_name`), or undefined. */
function valueAt(doc: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((cur, k) => (cur && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Record<string, unknown>)[k] : undefined), doc);
}

/**
 * `fleetctl generate-gitops --dir DIR [--force] [--insecure] [--team NAME|global] [--print] [--key KEY]`:
 * writes default.yml and teams/*.yml from the server's current state, so that `fleetctl gitops -f
 * DIR/default.yml -f DIR/teams/…` rebuilds that state. Global admins only.
 */
export function registerGenerateGitopsCommand(program: Command): void {
  program
    .command('generate-gitops')
    .description('Generate GitOps configuration files for Fleet.')
    .option('--dir <dir>', 'The root directory to write the files to.')
    .option('--print', 'Output to stdout instead of the specified directory.')
    .option('--force', 'Overwrite existing files.')
    .option('--insecure', 'Output sensitive information in plaintext.')
    .option('--team <name>', "The team to output configuration for. Omit to export all configuration. Use 'global' to export global settings.")
    .option('--key <key>', 'A key to output the config value for.')
    .action(async (o: GenerateFlags, cmd: Command) => {
      if (!o.key && !o.dir) throw new CliError('Either --dir or --key must be specified');
      if (o.key && o.dir) throw new CliError('Only one of --dir or --key may be specified');
      if (o.dir && !o.print && existsSync(o.dir) && readdirSync(o.dir).length > 0 && !o.force) throw new CliError(`Directory ${o.dir} is not empty.  Use --force to overwrite.`);
      await withSession(cmd, async ({ client }) => {
        const { user } = await client.call(sessionRoutes.me, {});
        if (user.global_role !== 'admin') throw new CliError('You are not authorized to run this command.  Please contact your administrator.');
        if (!o.key) process.stdout.write('Generating GitOps configuration files...\n');
        const { files, redacted } = await generateGitops(client, { insecure: o.insecure === true, team: o.team });
        if (o.team !== undefined && o.team !== 'global' && files.size === 0) throw new CliError(`Team ${o.team} not found`);
        if (o.key) {
          const file = o.team === undefined || o.team === 'global' ? 'default.yml' : `teams/${gitopsFilename(o.team)}.yml`;
          const value = valueAt(files.get(file), o.key);
          if (value === undefined) throw new CliError(`Key ${o.key} not found in ${file}`);
          process.stdout.write(yaml(value));
          return;
        }
        const dir = o.dir as string;
        for (const [path, doc] of files) {
          const full = join(dir, path);
          if (o.print) {
            process.stdout.write(`${'-'.repeat(66)}\n${full}\n${'-'.repeat(66)}\n\n${yaml(doc)}\n`);
            continue;
          }
          mkdirSync(dirname(full), { recursive: true });
          writeFileSync(full, yaml(doc), { mode: 0o644 });
        }
        process.stdout.write('Config generation complete!\n');
        if (redacted.length) {
          process.stdout.write('Sensitive information was redacted in the following places, and will need to be replaced:\n');
          for (const r of redacted) process.stdout.write(` • ${r.file}: ${r.key} (set $${r.variable} before running fleetctl gitops)\n`);
        }
      });
    });
}
