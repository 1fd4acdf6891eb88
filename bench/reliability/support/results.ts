import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Facts of the machine a run had, taken at its start (the load average shows what other sessions were doing). */
export function machineFacts(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(), cpuModel: cpus[0]?.model ?? '', cpus: cpus.length, memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version, kernel: os.release(), loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** Writes `reliability-<name>.json` and `reliability-<name>.md` under `outDir`. */
export function writeResults(outDir: string, name: string, json: unknown, markdown: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const files = [path.join(outDir, `reliability-${name}.json`), path.join(outDir, `reliability-${name}.md`)];
  writeFileSync(files[0], `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(files[1], `${markdown.trimEnd()}\n`);
  return files;
}

/** A Markdown table from rows of cells. */
export function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  const cell = (v: string | number | null | undefined): string => (v === null || v === undefined ? '–' : String(v).replace(/\|/g, '\\|').replace(/\n/g, ' '));
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}
