// `fleetctl`: the operator's command line. Talks to a server over its REST API only; it shares no code with
// the server beyond @fleet/contracts and @fleet/domain.
import { Command } from 'commander';
import { CliError } from './cli.error';
import { registerApiCommand } from './commands/api.command';
import { registerApplyCommands } from './commands/apply.command';
import { registerAdminOpsCommands } from './commands/admin-ops.command';
import { registerConfigCommand } from './commands/config.command';
import { registerConvertCommand } from './commands/convert.command';
import { registerDebugCommand } from './commands/debug.command';
import { registerGenerateCommand } from './commands/generate.command';
import { registerGenerateGitopsCommand } from './commands/generate-gitops.command';
import { registerGetCommand } from './commands/get.command';
import { registerGitopsCommand } from './commands/gitops.command';
import { registerPreviewCommand } from './commands/preview.command';
import { registerQueryCommand } from './commands/query.command';
import { registerSessionCommands } from './commands/session.command';
import { registerUpgradePacksCommand } from './commands/upgrade-packs.command';
import { registerUserCommand } from './commands/user.command';
import { registerVulnerabilityDataStreamCommand } from './commands/vulnerability-data-stream.command';
import { exitQuietlyOnClosedPipe } from './io/pipe.guard';
import { cliVersion } from './version.info';

exitQuietlyOnClosedPipe(process.stdout);
exitQuietlyOnClosedPipe(process.stderr);

const program = new Command('fleetctl')
  .description('CLI for operating Fleet')
  .version(`fleetctl - version ${cliVersion()}`, '--version', 'print the version')
  .option('--config <path>', 'Path to the fleetctl config file [$CONFIG] (default "~/.fleet/config")')
  .option('--context <name>', 'Name of fleetctl config context to use [$CONTEXT] (default "default")')
  .option('--debug', 'Enable debug http request logging [$DEBUG]')
  .showHelpAfterError();

registerConfigCommand(program);
registerSessionCommands(program);
registerUserCommand(program);
registerGetCommand(program);
registerApplyCommands(program);
registerQueryCommand(program);
registerAdminOpsCommands(program);
registerGenerateCommand(program);
registerDebugCommand(program);
registerPreviewCommand(program);
registerApiCommand(program);
registerConvertCommand(program);
registerUpgradePacksCommand(program);
registerGitopsCommand(program);
registerGenerateGitopsCommand(program);
registerVulnerabilityDataStreamCommand(program);

program.parseAsync(process.argv).then(
  () => {
    process.exitCode ??= 0;
  },
  (err: unknown) => {
    const debug = process.argv.includes('--debug');
    const message = err instanceof Error ? (debug && !(err instanceof CliError) ? err.stack ?? err.message : err.message) : String(err);
    process.stderr.write(`Error: ${message}\n`);
    process.exitCode = err instanceof CliError ? err.exitCode : 1;
  },
);
