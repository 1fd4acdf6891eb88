import { usersQuery } from './users.detail-query';

describe('users', () => {
  it('ingests users with numeric uids and keeps empty fields as empty strings', () => {
    const result = usersQuery.ingest([
      { uid: '501', username: 'alice', type: '', groupname: 'staff', shell: '/bin/zsh' },
      { uid: '0', username: 'root', type: '', groupname: 'wheel', shell: '/bin/sh' },
      { uid: '1001', username: 'bob', type: 'local', shell: '/bin/bash' },
    ]);
    expect(result).toEqual({
      kind: 'users',
      users: [
        { uid: 501, username: 'alice', type: '', groupname: 'staff', shell: '/bin/zsh' },
        { uid: 0, username: 'root', type: '', groupname: 'wheel', shell: '/bin/sh' },
        { uid: 1001, username: 'bob', type: 'local', groupname: '', shell: '/bin/bash' },
      ],
      problems: [],
    });
  });

  it('skips rows without username or with a non-integer uid and de-duplicates', () => {
    const result = usersQuery.ingest([
      { uid: 'S-1-5-21', username: 'weird' },
      { uid: '1000', username: '' },
      { uid: '1000', username: 'carol', shell: '/bin/bash' },
      { uid: '1000', username: 'carol', shell: '/bin/bash' },
    ]);
    expect(result.kind === 'users' && result.users.map((u) => u.username)).toEqual(['carol']);
    expect(result.problems.map((p) => p.row)).toEqual([0, 1]);
  });
});
