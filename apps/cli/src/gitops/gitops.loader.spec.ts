import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGitopsFile } from './gitops.loader';

describe('loadGitopsFile', () => {
  const root = mkdtempSync(join(tmpdir(), 'fleetctl-gitops-'));
  mkdirSync(join(root, 'lib'));
  mkdirSync(join(root, 'teams'));
  const write = (path: string, text: string): string => {
    writeFileSync(join(root, path), text);
    return join(root, path);
  };
  const load = (path: string) => {
    const warnings: string[] = [];
    const file = loadGitopsFile(path, (l) => warnings.push(l));
    return { file, warnings };
  };

  it('reads a global file with path references, defaults every item and keeps secrets apart from the settings', () => {
    write('lib/policies.yml', '- name: Firewall\n  query: SELECT 1;\n  platform: darwin\n');
    write('lib/agent.yml', 'config:\n  options:\n    distributed_interval: 12\n');
    const path = write('default.yml', [
      'org_settings:', '  org_info:', '    org_name: Acme', '  secrets:', '    - secret: s1', '    - s2',
      'agent_options:', '  path: lib/agent.yml', 'controls:',
      'policies:', '  - path: lib/policies.yml', 'queries:', '  - name: uptime', '    query: SELECT * FROM uptime;', '    interval: 60',
      'labels:', '  - name: Servers', '    label_membership_type: manual', '    hosts: [a, b]', '',
    ].join('\n'));
    const { file, warnings } = load(path);
    expect(warnings).toEqual([]);
    expect(file).toMatchObject({
      teamName: undefined, controlsDefined: true, orgSettings: { org_info: { org_name: 'Acme' } }, globalSecrets: ['s1', 's2'],
      agentOptions: { config: { options: { distributed_interval: 12 } } },
      policies: [{ name: 'Firewall', query: 'SELECT 1;', platform: 'darwin', description: '', resolution: '', critical: false }],
      queries: [{ name: 'uptime', interval: 60, logging: 'snapshot', observer_can_run: false, platform: '', automations_enabled: false, discard_data: false }],
      labels: [{ name: 'Servers', label_membership_type: 'manual', hosts: ['a', 'b'], query: '' }],
    });
    expect(file.orgSettings).not.toHaveProperty('secrets');
  });

  it('reads a team file, taking Fleet\'s newer names (settings, reports), and leaves out what it does not set', () => {
    const path = write('teams/a.yml', 'name: " Team A "\nsettings:\n  features:\n    enable_host_users: false\nreports:\n  - name: q\n    query: SELECT 1;\n');
    const { file } = load(path);
    expect(file).toMatchObject({ teamName: 'Team A', teamSettings: { features: { enable_host_users: false } }, queries: [{ name: 'q' }], policies: [] });
    expect(file.teamSecrets).toBeUndefined();
    expect(file.agentOptions).toBeUndefined();
    expect(file.labels).toBeUndefined();
  });

  it('reports every problem at once with the file and key, in Fleet\'s words', () => {
    const path = write('teams/bad.yml', [
      'name: B', 'colour: red', 'queries:', '  - name: q', '    query: SELECT 1;', '    intervall: 5', '  - name: q2', '    query: SELECT 2;', '    interval: often',
      'policies:', '  - name: p', '    query: SELECT 1;', '  - name: p', '    query: SELECT 2;', 'labels: []', '',
    ].join('\n'));
    expect(() => load(path)).toThrow([
      'unknown top-level field: colour',
      "'labels' can only be set in the global config (the file with org_settings), not in " + path,
      `duplicate policy name "p" in ${path}`,
      `unknown key "queries[0].intervall" in "${path}"`,
      `Couldn't edit "${path}" at "queries[1].interval": Invalid input: expected number, received string`,
    ].join('\n'));
  });

  it('refuses nested path references and a file that is neither global nor a team', () => {
    write('lib/nested.yml', '- path: other.yml\n');
    expect(() => load(write('default2.yml', 'org_settings: {}\ncontrols:\nqueries:\n  - path: lib/nested.yml\n'))).toThrow('nested paths are not supported: other.yml in lib/nested.yml');
    expect(() => load(write('teams/none.yml', 'queries: []\n'))).toThrow(/^No `name` was provided in .*none\.yml\./);
    expect(() => load(write('mixed.yml', 'name: x\norg_settings: {}\n'))).toThrow("'org_settings' cannot be used with 'name', 'team_settings'");
  });

  it('expands environment variables, fails on an unset one and leaves $FLEET_VAR_ for the server', () => {
    expect(() => load(write('env.yml', 'name: T\nqueries:\n  - name: q\n    query: SELECT "$FLEETCTL_TEST_SURELY_UNSET";\n'))).toThrow(/failed to expand environment in file .*env\.yml: environment variable "FLEETCTL_TEST_SURELY_UNSET" not set/);
    const { file } = load(write('env2.yml', 'name: T\nqueries:\n  - name: q\n    query: SELECT "$FLEET_VAR_HOST_UUID";\n'));
    expect(file.queries[0]?.query).toBe('SELECT "$FLEET_VAR_HOST_UUID";');
  });

  it('accepts what needs MDM, scripts or software and says it is ignored', () => {
    const path = write('default3.yml', [
      'org_settings:', '  mdm:', '    apple_server_url: https://x', 'controls:', '  macos_updates:', '    deadline: "2024-12-31"', '  enable_disk_encryption: false',
      'policies:', '  - name: p', '    query: SELECT 1;', '    calendar_event_enabled: true', '    run_script:', '      path: x.sh', '',
    ].join('\n'));
    const { warnings } = load(path);
    expect(warnings).toEqual([
      `[!] ${path}: controls.macos_updates needs MDM, which this server does not have; ignored`,
      `[!] ${path}: policy "p": "calendar_event_enabled" is not supported by this server; ignored`,
      `[!] ${path}: policy "p": "run_script" is not supported by this server; ignored`,
      `[!] ${path}: org_settings.mdm is not supported by this server; ignored`,
    ]);
    expect(() => load(write('default4.yml', 'org_settings: {}\ncontrols:\n  macos_update: {}\n'))).toThrow(/unknown key "controls.macos_update"/);
  });
});
