import type { HostUser } from '../host/host-vitals.types';
import type { DetailQuery } from './detail-query.types';
import { int, ProblemLog, str } from './ingest-values';

/**
 * Interactive accounts only: system accounts with nologin/false shells, machine accounts (`name$`) and
 * underscore-prefixed macOS service accounts are filtered on the agent, as Fleet does.
 */
export const usersQuery: DetailQuery = {
  name: 'users',
  platforms: ['linux', 'darwin', 'windows'],
  feature: 'host_users',
  sql:
    'WITH cached_groups AS (SELECT * FROM groups) ' +
    'SELECT uid, username, type, groupname, shell FROM users LEFT JOIN cached_groups USING (gid) ' +
    "WHERE type <> 'special' AND shell NOT LIKE '%/false' AND shell NOT LIKE '%/nologin' " +
    "AND shell NOT LIKE '%/shutdown' AND shell NOT LIKE '%/halt' AND username NOT LIKE '%$' " +
    "AND username NOT LIKE '\\_%' ESCAPE '\\' AND NOT (username = 'sync' AND shell = '/bin/sync' AND directory <> '');",
  ingest(rows) {
    const log = new ProblemLog('users');
    const users: HostUser[] = [];
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      const username = str(row, 'username');
      const uid = int(row, 'uid');
      if (username === undefined || uid === undefined) {
        log.add('row needs a username and an integer uid', i);
        return;
      }
      // Duplicate (uid, username) pairs appear when a user belongs to several groups with the same gid join.
      const key = `${uid}\u0000${username}`;
      if (seen.has(key)) return;
      seen.add(key);
      users.push({
        uid,
        username,
        type: str(row, 'type') ?? '',
        groupname: str(row, 'groupname') ?? '',
        shell: str(row, 'shell') ?? '',
      });
    });
    return { kind: 'users', users, problems: log.problems };
  },
};
