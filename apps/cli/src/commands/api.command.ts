import type { Command } from 'commander';
import { apiMethod, apiPath, bodyFromFields, pairs, queryFromFields } from '../api/api-request';
import { CliError } from '../cli.error';
import { withSession } from '../config/cli-session';

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

interface ApiFlags {
  field?: string[];
  bodyField?: string[];
  header?: string[];
  method?: string;
}

/**
 * `fleetctl api [-X METHOD] [-F k=v] [-B k=v] [-H K:V] PATH`: any endpoint with the context's address, token,
 * TLS settings and custom headers. The body of a 2xx is printed as received; anything else fails with Fleet's
 * `Got non 2XX return of N` (the server's answer is shown with --debug).
 */
export function registerApiCommand(program: Command): void {
  program
    .command('api')
    .description('Run an api command by uri')
    .argument('[uri]', 'the endpoint, e.g. hosts or /api/latest/fleet/hosts')
    .option('-F, --field <key=value>', 'Add a parameter to the query string in key=value format (repeatable)', collect)
    .option('-B, --body-field <key=value>', 'Add a value to the body in key=value format. If the value is in the format of "@filename", upload that file using a MIME multipart upload. If the value is in the format of "<filename", use the contents of that file as the value of this key. (repeatable)', collect)
    .option('-H, --header <key:value>', 'Add a HTTP request header in key:value format (repeatable)', collect)
    .option('-X, --method <method>', 'The HTTP method for the request. Defaults to GET, or POST when -B arguments are present.')
    .action(async (uri: string | undefined, o: ApiFlags, cmd: Command) => {
      if (!uri) throw new CliError('must provide uri first argument');
      const body = bodyFromFields(o.bodyField ?? [], (l) => process.stderr.write(`${l}\n`));
      const method = apiMethod(o.method, body !== undefined);
      const headers = { ...(body?.headers ?? {}), ...Object.fromEntries(pairs(o.header ?? [], ':')) };
      const path = apiPath(uri) + queryFromFields(o.field ?? []);
      const res = await withSession(cmd, ({ client }) => client.raw(method, path, undefined, { payload: body?.payload, headers }));
      if (res.status < 200 || res.status > 299) throw new CliError(`Got non 2XX return of ${res.status}`);
      process.stdout.write(res.body);
    });
}
