import type { Command } from 'commander';
import type { CreateUserRequest } from '@fleet/contracts';
import { userRoutes } from '@fleet/contracts';
import { CliError } from '../cli.error';
import { withSession } from '../config/cli-session';
import { userByEmail } from '../http/lookups';
import { prompt } from '../io/prompt';

const ROLES = ['admin', 'maintainer', 'observer', 'observer_plus', 'gitops'];
const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

interface CreateFlags {
  email?: string; name?: string; password?: string; sso?: boolean; mfa?: boolean; apiOnly?: boolean; globalRole?: string; team?: string[];
}

/** `fleetctl user create`: POST /users/admin with Fleet's validation messages; API-only users get their token printed. */
export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('Manage Fleet users');
  user
    .command('create')
    .description('Create a new user')
    .requiredOption('--email <email>', 'Email for new user (required)')
    .requiredOption('--name <name>', 'User name for new user (required)')
    .option('--password <password>', 'Password for new user')
    .option('--sso', 'Enable user login via SSO')
    .option('--mfa', 'Require email verification on login')
    .option('--api-only', 'Make "API Only" user')
    .option('--global-role <role>', 'Global role to assign to user (default "observer")')
    .option('--team <team_id:role>', 'Team assignment in team_id:role format (repeatable)', collect)
    .action(async (o: CreateFlags, cmd: Command) => {
      const body = await createRequest(o);
      await withSession(cmd, async ({ client }) => {
        const res = await client.api<{ user: { id: number }; token?: string }>('POST', '/users/admin', body);
        if (o.apiOnly) process.stdout.write(`Success! The API token for your new user is: ${res.token ?? ''}\n`);
        else process.stdout.write(`Success! The user ${body.email} was created.\n`);
      });
    });

  user
    .command('delete')
    .description('Delete a user')
    .requiredOption('--email <email>', 'Email of the user to delete (required)')
    .action(async (o: { email: string }, cmd: Command) => {
      await withSession(cmd, async ({ client }) => {
        const found = await userByEmail(client, o.email);
        if (!found) throw new CliError(`user with email "${o.email}" doesn't exist`);
        await client.call(userRoutes.delete, { params: { id: found.id } });
      });
      process.stdout.write(`[+] deleted user ${o.email}\n`);
    });
}

async function createRequest(o: CreateFlags): Promise<CreateUserRequest> {
  if (o.globalRole && o.team?.length) throw new CliError('Users may not have global_role and teams.');
  if (o.globalRole && !ROLES.includes(o.globalRole)) throw new CliError(`'${o.globalRole}' is not a valid global role`);
  const teams = (o.team ?? []).map((t) => {
    const m = /^(\d+):(\w+)$/.exec(t);
    if (!m || !ROLES.includes(m[2])) throw new CliError(`Unable to parse '${t}' as team_id:role`);
    return { id: Number(m[1]), role: m[2] as CreateUserRequest['global_role'] & string };
  });
  let password = o.password;
  if (password === undefined && !o.sso) password = await prompt('Enter password for user: ', true, '--password');
  return {
    email: o.email as string, name: o.name as string, password, sso_enabled: o.sso === true, mfa_enabled: o.mfa === true,
    api_only: o.apiOnly === true, admin_forced_password_reset: false,
    ...(teams.length ? { teams } : { global_role: (o.globalRole ?? 'observer') as CreateUserRequest['global_role'] }),
  };
}
