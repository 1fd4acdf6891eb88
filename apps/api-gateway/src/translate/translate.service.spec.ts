import type { HostLabelRepository, HostRepository, TeamRepository, UserRepository } from '@fleet/persistence';
import { aHost, MemoryHosts } from '../hosts/testing/memory-hosts';
import { callerWith } from '../testing/service-doubles';
import { TranslateService } from './translate.service';

describe('TranslateService', () => {
  const users = { findByEmail: (e: string) => Promise.resolve(e === 'a@example.com' ? { id: 32 } : null) } as unknown as UserRepository;
  const labels = { byNames: (n: string[]) => Promise.resolve(n[0] === 'labelA' ? [{ id: 1, name: 'labelA', manual: false }] : []) } as unknown as HostLabelRepository;
  const teams = { findByName: (n: string) => Promise.resolve(n === 'team1' ? { id: 22 } : null) } as unknown as TeamRepository;
  const hosts: HostRepository = new MemoryHosts([aHost({ id: 45, hostname: 'host-ABC', teamId: 3 })]);
  const service = new TranslateService(users, labels, teams, hosts);
  const item = (type: string, identifier: string) => ({ type, payload: { identifier } });

  it('translates each item in order, as Fleet\'s documented example', async () => {
    expect(await service.translate(callerWith({ global: 'admin' }), [item('user', 'a@example.com'), item('label', 'labelA'), item('team', 'team1'), item('host', 'host-ABC')]))
      .toEqual([
        { type: 'user', payload: { identifier: 'a@example.com', id: 32 } }, { type: 'label', payload: { identifier: 'labelA', id: 1 } },
        { type: 'team', payload: { identifier: 'team1', id: 22 } }, { type: 'host', payload: { identifier: 'host-ABC', id: 45 } },
      ]);
  });

  it('needs the read permission of each kind: a team user may translate labels only', async () => {
    const teamUser = () => callerWith({ teams: [{ teamId: 3, role: 'admin' }] });
    await expect(service.translate(teamUser(), [item('label', 'labelA')])).resolves.toHaveLength(1);
    await expect(service.translate(teamUser(), [item('host', 'host-ABC')])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(service.translate(callerWith({ global: 'gitops' }), [item('team', 'team1')])).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers 404 for an unknown identifier and 400 for an unknown type or an empty list', async () => {
    const admin = () => callerWith({ global: 'admin' });
    await expect(service.translate(admin(), [item('team', 'nope')])).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Team with name=nope was not found in the datastore' });
    await expect(service.translate(admin(), [item('label', 'labelA'), item('pack', 'x')])).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'Type pack is unknown. ' });
    await expect(service.translate(admin(), [item('__proto__', 'x')])).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const caller = admin();
    await expect(service.translate(caller, [])).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'payloads must not be empty' });
    expect(caller.decided).toBe(true);
  });
});
