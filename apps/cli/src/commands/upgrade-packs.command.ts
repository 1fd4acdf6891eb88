import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { configRoutes, packRoutes, queryRoutes, sessionRoutes } from '@fleet/contracts';
import { CliError } from '../cli.error';
import { withSession } from '../config/cli-session';
import { envValue } from '../config/env';
import { printSpecs, specDoc } from '../output/spec.printer';
import { upgradePack, upgradeStamp } from '../packs/pack-upgrader';
import type { UpgradedQuery } from '../packs/pack-upgrader';

/**
 * `fleetctl upgrade-packs -o FILE`: writes the 2017 packs' scheduled queries as portable `kind: query` documents
 * (for `fleetctl apply`), leaving the packs as they are. Global admins only, as in Fleet (reading packs alone
 * would not require it).
 */
export function registerUpgradePacksCommand(program: Command): void {
  program
    .command('upgrade-packs')
    .description('Generate a config file to assist with converting 2017 "Packs" into portable queries that run on a schedule')
    .option('-o, --output <path>', 'The name of the file to output converted results (required) [$OUTPUT_FILENAME]')
    .action(async (o: { output?: string }, cmd: Command) => {
      const out = o.output ?? envValue('OUTPUT_FILENAME');
      if (!out) throw new CliError('Required flag "o" not set');
      await withSession(cmd, async ({ client }) => {
        const { user } = await client.call(sessionRoutes.me, {});
        if (user.global_role !== 'admin') throw new CliError('could not upgrade packs: forbidden: user does not have the admin role');
        const config = await client.call(configRoutes.get, {});
        const { specs } = await client.call(packRoutes.specs, {});
        if (specs.length === 0) {
          process.stdout.write('No 2017 "Packs" found.\n');
          return;
        }
        const { packs } = await client.call(packRoutes.list, {});
        const hosts = new Map(packs.map((p) => [p.id, p.host_ids.length > 0]));
        const { queries } = await client.call(queryRoutes.list, {});
        const byName = new Map(queries.map((q) => [q.name, q]));
        const stamp = upgradeStamp(new Date());
        const all: UpgradedQuery[] = [];
        let converted = 0;
        for (const p of specs) {
          const r = upgradePack(p, hosts.get(p.id) ?? false, byName, stamp);
          all.push(...r.specs);
          converted += r.converted;
        }
        writeFileSync(out, printSpecs(all.map((q) => specDoc('query', q)), 'yaml'), { mode: 0o644 });
        const url = (config['server_settings'] as { server_url?: unknown } | undefined)?.server_url;
        const serverUrl = typeof url === 'string' ? url : '';
        process.stdout.write(`Converted ${converted} queries from ${specs.length} 2017 "Packs" into portable queries:
• For any "Packs" targeting teams, duplicate queries were written for each team.
• For any "Packs" targeting labels or individual hosts, a global query was written without scheduling features enabled.

To import these queries to Fleet, you can merge the data in the output file with your existing query configuration and run \`fleetctl apply\`.

Note that existing 2017 "Packs" have been left intact. To avoid running duplicate queries on your hosts, visit ${serverUrl}/packs/manage and disable all 2017 "Packs" after upgrading.
`);
      });
    });
}
