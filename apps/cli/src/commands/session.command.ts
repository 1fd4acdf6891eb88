import type { Command } from 'commander';
import type { SetupRequest } from '@fleet/contracts';
import { CliError } from '../cli.error';
import { updateContext } from '../config/cli-config.store';
import { envValue } from '../config/env';
import { openSession, withSession } from '../config/cli-session';
import { ApiError } from '../http/api.client';
import { prompt, valueOrPrompt } from '../io/prompt';

/** `fleetctl setup`, `login`, `logout`: each leaves the context's email and token as Fleet's does. */
export function registerSessionCommands(program: Command): void {
  program
    .command('setup')
    .description('Set up a Fleet instance')
    .option('--email <email>', 'Email of the admin user to create [$EMAIL]')
    .option('--name <name>', 'Name or nickname of the admin user to create [$NAME]')
    .option('--password <password>', 'Password for the admin user (recommended to use interactive entry) [$PASSWORD]')
    .option('--org-name <name>', 'Name of the organization [$ORG_NAME]')
    .action(async (o: { email?: string; name?: string; password?: string; orgName?: string }, cmd: Command) => {
      const email = o.email ?? envValue('EMAIL');
      const name = o.name ?? envValue('NAME');
      const orgName = o.orgName ?? envValue('ORG_NAME');
      if (!email || !name || !orgName) throw new CliError('Required flags "email", "name", "org-name" must be set');
      let password = o.password ?? envValue('PASSWORD');
      if (password === undefined) {
        password = await prompt('Password: ', true, '--password');
        if ((await prompt('Confirm Password: ', true, '--password')) !== password) throw new CliError('passwords do not match');
      }
      const { global, client } = openSession(cmd, false);
      const body: SetupRequest = { admin: { admin: true, email, name, password, password_confirmation: password }, org_info: { org_name: orgName }, server_url: client.base };
      try {
        const res = await client.json<{ token: string }>('POST', '/api/v1/setup', body);
        updateContext(global.configPath, global.context, (ctx) => Object.assign(ctx, { email, token: res.token }));
      } catch (e) {
        if (e instanceof ApiError && (e.status === 404 || e.status === 405 || e.status === 409)) {
          throw new CliError('Fleet has already been setup');
        }
        throw e;
      } finally {
        await client.close();
      }
      process.stdout.write('[+] Fleet setup successful and context configured!\n');
    });

  program
    .command('login')
    .description('Log in to Fleet')
    .option('--email <email>', 'Email to use to log in [$EMAIL]')
    .option('--password <password>', 'Password to use to log in (recommended to use interactive entry) [$PASSWORD]')
    .action(async (o: { email?: string; password?: string }, cmd: Command) => {
      const { global, client } = openSession(cmd, false);
      let email = o.email ?? envValue('EMAIL');
      let password = o.password ?? envValue('PASSWORD');
      if (email === undefined || password === undefined) process.stdout.write('Log in using the standard Fleet credentials.\n');
      email = await valueOrPrompt(email, 'Email: ', false, '--email');
      password = await valueOrPrompt(password, 'Password: ', true, '--password');
      try {
        const res = await client.api<{ token: string }>('POST', '/login', { email, password });
        updateContext(global.configPath, global.context, (ctx) => Object.assign(ctx, { email, token: res.token }));
      } catch (e) {
        throw new CliError(`Login failed: ${e instanceof ApiError ? errorReason(e) : e instanceof Error ? e.message : String(e)}`);
      } finally {
        await client.close();
      }
      process.stdout.write('[+] Fleet login successful and context configured!\n');
    });

  program
    .command('logout')
    .description('Log out of Fleet')
    .action(async (_o: unknown, cmd: Command) => {
      await withSession(cmd, async ({ client, global }) => {
        await client.api('POST', '/logout');
        updateContext(global.configPath, global.context, (ctx) => delete ctx.token);
      });
      process.stdout.write('[+] Fleet logout successful and local token cleared!\n');
    });
}

function errorReason(e: ApiError): string {
  return e.status === 401 ? 'Authentication failed' : e.message;
}
