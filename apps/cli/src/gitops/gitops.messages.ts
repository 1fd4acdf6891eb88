import type { Change } from './gitops.plan';

const quoted = (name: string): string => `"${name}"`;

/**
 * The line printed for a change, in Fleet's style: `[+]` for what is added or applied, `[-]` for what is
 * deleted; "would've …" under --dry-run. Secret values are never printed.
 */
export function describeChange(c: Change, dryRun: boolean): string {
  const verb = (past: string, now: string): string => (dryRun ? `would've ${past}` : now);
  switch (c.kind) {
    case 'fleet config':
      return `[+] ${verb('applied', 'applying')} fleet config: ${c.paths.join(', ')}`;
    case 'enroll secrets':
      return `[+] ${verb('applied', 'applying')} ${c.secrets.length} enroll secrets`;
    case 'team':
      if (c.op === 'delete') return dryRun ? `[!] would delete team ${c.name}` : `[-] deleting team ${c.name}`;
      if (c.op === 'add') return `[+] ${verb('created', 'creating')} team ${quoted(c.name)}`;
      return `[+] ${verb('updated', 'updating')} team ${quoted(c.name)}: ${c.keys.join(', ')}`;
    case 'label':
    case 'query':
    case 'policy': {
      const scope = c.kind !== 'label' && c.team ? ` in team ${quoted(c.team.name)}` : '';
      if (c.op === 'delete') return `[-] ${verb('deleted', 'deleting')} ${c.kind} ${quoted(c.name)}${scope}`;
      return `[+] ${c.op === 'add' ? verb('added', 'adding') : verb('updated', 'updating')} ${c.kind} ${quoted(c.name)}${scope}`;
    }
  }
}
