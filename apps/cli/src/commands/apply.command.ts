import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError } from '../cli.error';
import { withSession } from '../config/cli-session';
import { envFlag, envValue } from '../config/env';
import { ApiError } from '../http/api.client';
import { applySpecs } from '../specs/spec.applier';
import { parseSpecFile } from '../specs/spec.parser';

interface FileFlags {
  file?: string;
  dryRun?: boolean;
  force?: boolean;
}

function readSpecs(o: FileFlags) {
  const file = o.file ?? envValue('FILENAME');
  if (!file) throw new CliError('Required flag "f" not set');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`could not read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseSpecFile(file, text);
}

/** `fleetctl apply -f` and `fleetctl delete -f`; every document is validated before the first request. */
export function registerApplyCommands(program: Command): void {
  program
    .command('apply')
    .description('Apply files to declaratively manage osquery configurations')
    .option('-f, --file <path>', 'A file to apply [$FILENAME]')
    .option('--force', 'Force applying the file even if it raises validation errors (only supported for \'config\' and \'team\' specs) [$FORCE]')
    .option('--dry-run', 'Do not apply the file, just validate it [$DRY_RUN]')
    .action(async (o: FileFlags, cmd: Command) => {
      const specs = readSpecs(o);
      const lines = await withSession(cmd, ({ client }) =>
        applySpecs(client, specs, { dryRun: o.dryRun ?? envFlag('DRY_RUN') ?? false, force: o.force ?? envFlag('FORCE') ?? false }));
      process.stdout.write(lines.map((l) => `${l}\n`).join(''));
    });

  program
    .command('delete')
    .description('Specify files to declaratively batch delete osquery configurations')
    .option('-f, --file <path>', 'A file that contains the queries, packs and labels to delete [$FILENAME]')
    .action(async (o: FileFlags, cmd: Command) => {
      const specs = readSpecs(o);
      await withSession(cmd, async ({ client }) => {
        for (const s of specs) {
          const path = s.kind === 'query' ? '/queries' : s.kind === 'pack' ? '/packs' : s.kind === 'label' ? '/labels' : undefined;
          if (!path) continue;
          const name = s.spec['name'] as string;
          process.stdout.write(`[+] deleting ${s.kind} "${name}"\n`);
          try {
            await client.api('DELETE', `${path}/${encodeURIComponent(name)}`);
          } catch (e) {
            if (!(e instanceof ApiError && e.status === 404)) throw e;
            process.stdout.write(`[!] ${s.kind} "${name}" doesn't exist\n`);
          }
        }
      });
    });
}
