/**
 * The only place fleetctl reads its environment. fleetctl is a separate program from the server: it does
 * not load @fleet/config, and Fleet's fleetctl takes these variables as fallbacks for its flags (urfave/cli
 * `EnvVars`), so scripts that export CONFIG, CONTEXT, ADDRESS, TOKEN, ... keep working.
 */
// eslint-disable-next-line no-restricted-properties -- fleetctl is not the server; @fleet/config's rule does not apply
const ENV: Readonly<Record<string, string | undefined>> = { ...process.env };

/** A variable's value, or undefined when unset or empty (Fleet treats an empty variable as unset). */
export function envValue(name: string): string | undefined {
  const v = ENV[name];
  return v === undefined || v === '' ? undefined : v;
}

/** Boolean variables as urfave/cli parses them: true, 1, t, yes. */
export function envFlag(name: string): boolean | undefined {
  const v = envValue(name);
  if (v === undefined) return undefined;
  return ['1', 't', 'true', 'yes'].includes(v.toLowerCase());
}

/** The user's home directory, for the default `~/.fleet/config` and `~/.fleet/preview`. */
export function homeDir(): string {
  return envValue('HOME') ?? envValue('USERPROFILE') ?? '.';
}

/** Variables handed to child processes that preview starts (the server and the simulator). */
export function inheritedEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(ENV)) if (v !== undefined) out[k] = v;
  return out;
}
