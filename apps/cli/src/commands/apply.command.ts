import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError } from '../cli.error';
import { withSession } from '../config/cli-session';
import { envFlag, envValue } from '../config/env';
import { applySpecs } from '../specs/spec.applier';
import { deleteSpecs } from '../specs/spec.deleter';
import { parseSpecFile } from '../specs/spec.parser';

interface FileFlags {
  file?: string;
  dryRun?: boolean;
  force?: boolean;
  policiesTeam?: string;
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
    .option('--policies-team <name>', 'A team\'s name, this flag is only used on policies specs (overrides "team" key in the policy spec)')
    .action(async (o: FileFlags, cmd: Command) => {
      const specs = readSpecs(o).map((s) => (s.kind === 'policy' && o.policiesTeam !== undefined ? { ...s, spec: { ...s.spec, team: o.policiesTeam } } : s));
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
      const ok = await withSession(cmd, ({ client }) => deleteSpecs(client, specs, {
        out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`),
      }));
      if (!ok) process.exitCode = 1;
    });
}
