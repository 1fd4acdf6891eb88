import { Body, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import { createPolicyRequestSchema, idsRequestSchema, listQuerySchema, modifyPolicyRequestSchema } from '@fleet/contracts';
import type { PolicyFields } from '@fleet/persistence';
import type { z } from 'zod';
import { AdminController } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { parseBody, parseId, parseQuery } from '../http/edge-parse';
import { toPolicyDto } from './policy.mapper';
import { PolicyService } from './policy.service';

type Body = z.output<typeof modifyPolicyRequestSchema>;
function fields(b: Body): Partial<PolicyFields> {
  const out: Record<string, unknown> = { name: b.name, query: b.query, description: b.description, resolution: b.resolution, platform: b.platform, critical: b.critical };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/**
 * Global policies under `/global/policies` and team policies under `/teams/{id}/policies`
 * (fleet-admin-api.md §1.8). The team handlers take the team id from the path, so the same service
 * methods serve both with `null` meaning global. `/policies` (Fleet's name from 2022-04) is served as an
 * alias of `/global/policies` under every version prefix.
 */
@AdminController()
export class PoliciesController {
  constructor(private readonly service: PolicyService) {}

  @Get(['global/policies', 'policies'])
  async listGlobal(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const page = await this.service.list(caller, null, parseQuery(listQuerySchema, query));
    return { policies: page.items.map((p) => toPolicyDto(p, this.service.now())) };
  }

  /** Global policies matching `query` (by name), counted over all pages. */
  @Get('policies/count')
  async countGlobal(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const opts = parseQuery(listQuerySchema, query);
    return { count: (await this.service.list(caller, null, { ...opts, page: 0, perPage: 0 })).items.length };
  }

  @Post(['global/policies', 'policies'])
  @HttpCode(200)
  async createGlobal(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    const req = parseBody(createPolicyRequestSchema, body);
    return { policy: toPolicyDto(await this.service.create(caller, null, { ...fields(req), name: req.name, query: req.query }), this.service.now()) };
  }

  @Post(['global/policies/delete', 'policies/delete'])
  @HttpCode(200)
  async deleteGlobal(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return { deleted: await this.service.deleteMany(caller, null, parseBody(idsRequestSchema, body).ids) };
  }

  @Get(['global/policies/:id', 'policies/:id'])
  async getGlobal(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return { policy: toPolicyDto(await this.service.get(caller, null, parseId(id)), this.service.now()) };
  }

  @Patch(['global/policies/:id', 'policies/:id'])
  async modifyGlobal(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    return { policy: toPolicyDto(await this.service.modify(caller, null, parseId(id), fields(parseBody(modifyPolicyRequestSchema, body))), this.service.now()) };
  }

  /** The team's own policies plus the global ones it inherits. */
  @Get('teams/:id/policies')
  async listTeam(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: unknown) {
    const opts = parseQuery(listQuerySchema, query);
    const teamId = parseId(id);
    const own = await this.service.list(caller, teamId, opts);
    const inherited = await this.service.list(caller, null, { ...opts, page: 0, perPage: 0 });
    const now = this.service.now();
    return { policies: own.items.map((p) => toPolicyDto(p, now)), inherited_policies: inherited.items.map((p) => toPolicyDto(p, now)) };
  }

  @Post('teams/:id/policies')
  @HttpCode(200)
  async createTeam(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    const teamId = parseId(id);
    const req = parseBody(createPolicyRequestSchema, body);
    return { policy: toPolicyDto(await this.service.create(caller, teamId, { ...fields(req), name: req.name, query: req.query }), this.service.now()) };
  }

  @Post('teams/:id/policies/delete')
  @HttpCode(200)
  async deleteTeam(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    const teamId = parseId(id);
    return { deleted: await this.service.deleteMany(caller, teamId, parseBody(idsRequestSchema, body).ids) };
  }

  @Get('teams/:id/policies/:policy_id')
  async getTeam(@CurrentCaller() caller: Caller, @Param('id') id: string, @Param('policy_id') policyId: string) {
    return { policy: toPolicyDto(await this.service.get(caller, parseId(id), parseId(policyId)), this.service.now()) };
  }

  @Patch('teams/:id/policies/:policy_id')
  async modifyTeam(@CurrentCaller() caller: Caller, @Param('id') id: string, @Param('policy_id') policyId: string, @Body() body: unknown) {
    const req = fields(parseBody(modifyPolicyRequestSchema, body));
    return { policy: toPolicyDto(await this.service.modify(caller, parseId(id), parseId(policyId), req), this.service.now()) };
  }
}
