import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError } from '../cli.error';
import { envValue } from '../config/env';
import { convertPack } from '../convert/pack-converter';
import { printSpecs, specDoc } from '../output/spec.printer';

/** `fleetctl convert -f pack.json [-o out.yml]`: an osquery pack as `kind: query` documents `apply -f` reads. */
export function registerConvertCommand(program: Command): void {
  program
    .command('convert')
    .description('Convert osquery packs into Fleet queries')
    .option('-f, --file <path>', 'A file to apply [$FILENAME]')
    .option('-o, --output <path>', 'The name of the file to output converted results [$OUTPUT_FILENAME]')
    .action((o: { file?: string; output?: string }) => {
      const file = o.file ?? envValue('FILENAME');
      if (!file) throw new CliError('-f must be specified');
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new CliError(`could not read ${file}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const yaml = printSpecs(convertPack(text).map((q) => specDoc('query', q)), 'yaml');
      const out = o.output ?? envValue('OUTPUT_FILENAME');
      if (out) writeFileSync(out, yaml);
      else process.stdout.write(yaml);
    });
}
