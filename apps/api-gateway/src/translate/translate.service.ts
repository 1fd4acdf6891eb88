import { Injectable } from '@nestjs/common';
import { authorize, badRequest, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { TranslateItem } from '@fleet/contracts';
import { ALL_TEAMS } from '@fleet/domain';
import type { Action } from '@fleet/domain';
import { HostLabelRepository, HostRepository, TeamRepository, UserRepository } from '@fleet/persistence';
import { HOST_NOT_FOUND } from '../hosts/host.service';

export interface Translated { readonly type: string; readonly payload: { readonly identifier: string; readonly id: number } }

/**
 * `POST /translate` (fleet-admin-api.md §1.14): identifiers to ids, in order, as Fleet's translator does:
 * each item needs the permission to read its kind of object (users, labels and teams as global objects, hosts
 * as hosts of no team, so team users may translate labels only); an unknown identifier is 404 and stops the
 * list; an unknown type is 400 (Fleet's `Type X is unknown. `), as is an empty list.
 */
@Injectable()
export class TranslateService {
  private readonly kinds: Readonly<Record<string, { action: Action; id: (identifier: string) => Promise<number | null>; missing: (identifier: string) => string }>>;

  constructor(users: UserRepository, labels: HostLabelRepository, teams: TeamRepository, hosts: HostRepository) {
    this.kinds = {
      user: { action: 'user:read', id: async (email) => (await users.findByEmail(email))?.id ?? null, missing: (e) => `User with email=${e} was not found in the datastore` },
      label: { action: 'label:read', id: async (name) => (await labels.byNames([name]))[0]?.id ?? null, missing: (n) => `Label with name=${n} was not found in the datastore` },
      team: { action: 'team:read', id: async (name) => (await teams.findByName(name))?.id ?? null, missing: (n) => `Team with name=${n} was not found in the datastore` },
      host: { action: 'host:read', id: async (identifier) => (await hosts.findByIdentifier(ALL_TEAMS, identifier))?.id ?? null, missing: () => HOST_NOT_FOUND },
    };
  }

  async translate(caller: Caller, items: readonly TranslateItem[]): Promise<Translated[]> {
    if (items.length === 0) {
      caller.skip();
      throw badRequest('payloads must not be empty');
    }
    const out: Translated[] = [];
    for (const item of items) {
      const kind = Object.hasOwn(this.kinds, item.type) ? this.kinds[item.type] : undefined;
      if (!kind) {
        caller.skip();
        throw badRequest(`Type ${item.type} is unknown. `);
      }
      authorize(caller, kind.action, { teamId: null });
      const id = await kind.id(item.payload.identifier);
      if (id === null) throw notFound(kind.missing(item.payload.identifier));
      out.push({ type: item.type, payload: { identifier: item.payload.identifier, id } });
    }
    return out;
  }
}
