import type { Command } from 'commander';
import { CliError } from '../cli.error';
import { withSession } from '../config/cli-session';
import { envFlag, envValue } from '../config/env';
import { loadGitopsFile } from '../gitops/gitops.loader';
import { runGitops } from '../gitops/gitops.runner';

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/**
 * `fleetctl gitops -f default.yml [-f teams/a.yml …] [--dry-run] [--delete-other-teams]`: makes the server
 * match the files, deleting the queries, policies and labels they no longer hold. Every file is read and
 * validated before the first request.
 */
export function registerGitopsCommand(program: Command): void {
  program
    .command('gitops')
    .description('Synchronize Fleet configuration with provided file. This command is intended to be used in a GitOps workflow.')
    .option('-f, --file <path>', 'The file(s) with the GitOps configuration. If multiple files are provided, the first file must be the global configuration and the rest must be team configurations. [$FILENAME]', collect)
    .option('--delete-other-teams', 'Delete other teams not present in the GitOps configuration [$DELETE_OTHER_TEAMS]')
    .option('--dry-run', 'Do not apply the file(s), just validate [$DRY_RUN]')
    .action(async (o: { file?: string[]; deleteOtherTeams?: boolean; dryRun?: boolean }, cmd: Command) => {
      const names = o.file ?? (envValue('FILENAME') ? [envValue('FILENAME') as string] : []);
      if (names.length === 0) throw new CliError('-f must be specified');
      for (const n of names) if (n.trim() === '') throw new CliError('file name cannot be empty');
      const log = (line: string): void => void process.stdout.write(`${line}\n`);
      const files = names.map((n) => loadGitopsFile(n, log));
      const dryRun = o.dryRun ?? envFlag('DRY_RUN') ?? false;
      await withSession(cmd, ({ client }) => runGitops(client, files, { dryRun, deleteOtherTeams: o.deleteOtherTeams ?? envFlag('DELETE_OTHER_TEAMS') ?? false, log }));
      log(dryRun ? '[!] gitops dry run succeeded' : '[!] gitops succeeded');
    });
}
