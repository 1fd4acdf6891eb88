import { CliError } from '../cli.error';
import type { ApiClient } from '../http/api.client';
import { GitopsExecutor } from './gitops.executor';
import type { GitopsFile } from './gitops.loader';
import { describeChange } from './gitops.messages';
import { planGlobal, planTeam } from './gitops.plan';
import type { Change } from './gitops.plan';
import { readGlobalState, readTeamScope, readTeams } from './gitops.state';

export interface GitopsRunOptions {
  readonly dryRun: boolean;
  readonly deleteOtherTeams: boolean;
  readonly log: (line: string) => void;
}

/**
 * Fleet's rules across the files of one run, checked before anything is sent: with several files the first is
 * the global one and only the first; `controls` is set on the global file (or no-team.yml); no enroll secret is
 * used twice; no team is described twice.
 */
export function checkFileSet(files: readonly GitopsFile[]): void {
  files.forEach((f, i) => {
    const global = f.teamName === undefined;
    if (files.length > 1 && i === 0 && !global) throw new CliError(`first file ${f.path} must be the global config`);
    if (i > 0 && global) throw new CliError(`the file ${f.path} cannot be the global config, only the first file can be the global config`);
  });
  const global = files.find((f) => f.teamName === undefined);
  if (global && !global.controlsDefined && !files.some((f) => f.noTeam && f.controlsDefined)) throw new CliError("'controls' must be set on global config");
  const secrets = new Set<string>();
  const teams = new Set<string>();
  for (const f of files) {
    for (const s of [...(f.globalSecrets ?? []), ...(f.teamSecrets ?? [])]) {
      if (secrets.has(s)) throw new CliError(`duplicate enroll secret found in ${f.path}`);
      secrets.add(s);
    }
    if (f.teamName !== undefined && !f.noTeam) {
      if (teams.has(f.teamName)) throw new CliError(`team "${f.teamName}" is described by more than one file (${f.path})`);
      teams.add(f.teamName);
    }
  }
}

/**
 * Converges the server to the files: the global file first, then each team file, then (with
 * --delete-other-teams) the teams no file names. Only differences are written, so a second run with the same
 * files changes nothing. Returns how many changes were (or, under --dry-run, would have been) made.
 */
export async function runGitops(client: ApiClient, files: readonly GitopsFile[], o: GitopsRunOptions): Promise<number> {
  checkFileSet(files);
  const exec = new GitopsExecutor(client, o.dryRun);
  const print = (c: Change): void => o.log(describeChange(c, o.dryRun));
  let count = 0;
  const global = files.find((f) => f.teamName === undefined);
  if (global) {
    const changes = planGlobal(global, await readGlobalState(client));
    count += changes.length;
    await exec.run(changes, print);
  }
  const teams = await readTeams(client);
  for (const f of files) {
    if (f.teamName === undefined) continue;
    if (f.noTeam) {
      o.log(`[!] ${f.path}: nothing to apply for "No team" (its controls need MDM)`);
      continue;
    }
    const current = teams.find((t) => t.name === f.teamName);
    const changes = planTeam({ ...f, teamName: f.teamName }, current, current ? await readTeamScope(client, current.id) : undefined);
    count += changes.length;
    await exec.run(changes, print);
  }
  if (o.deleteOtherTeams) {
    const named = new Set(files.map((f) => f.teamName).filter((n): n is string => n !== undefined));
    const doomed: Change[] = teams.filter((t) => !named.has(t.name)).map((t) => ({ kind: 'team', op: 'delete', name: t.name, id: t.id }));
    count += doomed.length;
    await exec.run(doomed, print);
  }
  if (count === 0) o.log('[+] no changes: the server already matches the files');
  return count;
}
