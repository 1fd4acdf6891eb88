import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import {
  agentOptionsRequestSchema, createTeamRequestSchema, listQuerySchema, modifyTeamRequestSchema, teamSecretsRequestSchema, teamUsersRequestSchema,
} from '@fleet/contracts';
import { AdminController } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { parseBody, parseId, parseQuery } from '../http/edge-parse';
import { toUserDto } from '../users/user.mapper';
import { toSecretDto, toTeamDto } from './team.mapper';
import { TeamService } from './team.service';
import type { TeamView } from './team.service';

const dto = (v: TeamView) => toTeamDto(v.team, v.secrets);

/** Teams (fleet-admin-api.md §1.9). */
@AdminController('teams')
export class TeamsController {
  constructor(private readonly service: TeamService) {}

  @Get()
  async list(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    return { teams: (await this.service.list(caller, parseQuery(listQuerySchema, query))).items.map(dto) };
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    const req = parseBody(createTeamRequestSchema, body);
    return { team: dto(await this.service.create(caller, req.name, req.description ?? '', (req.secrets ?? []).map((s) => s.secret))) };
  }

  @Get(':id')
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return { team: dto(await this.service.get(caller, parseId(id))) };
  }

  @Patch(':id')
  async modify(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    const { name, description, ...settings } = parseBody(modifyTeamRequestSchema, body);
    return { team: dto(await this.service.modify(caller, parseId(id), { name, description, settings })) };
  }

  @Delete(':id')
  async delete(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    await this.service.delete(caller, parseId(id));
    return {};
  }

  @Post(':id/agent_options')
  @HttpCode(200)
  async agentOptions(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    return { team: dto(await this.service.setAgentOptions(caller, parseId(id), parseBody(agentOptionsRequestSchema, body))) };
  }

  @Get(':id/users')
  async users(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: unknown) {
    return { users: (await this.service.members(caller, parseId(id), parseQuery(listQuerySchema, query))).items.map(toUserDto) };
  }

  @Patch(':id/users')
  async addUsers(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    const req = parseBody(teamUsersRequestSchema, body);
    return { team: dto(await this.service.setMembers(caller, parseId(id), req.users.map((u) => ({ id: u.id, role: u.role ?? 'observer' })))) };
  }

  @Delete(':id/users')
  async removeUsers(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    const req = parseBody(teamUsersRequestSchema, body);
    return { team: dto(await this.service.setMembers(caller, parseId(id), req.users.map((u) => ({ id: u.id, role: null })))) };
  }

  @Get(':id/secrets')
  async secrets(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return { secrets: (await this.service.secrets(caller, parseId(id))).map(toSecretDto) };
  }

  @Patch(':id/secrets')
  async replaceSecrets(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    const req = parseBody(teamSecretsRequestSchema, body);
    const secrets = await this.service.replaceSecrets(caller, parseId(id), req.secrets.map((s) => s.secret));
    return { secrets: secrets.length ? secrets.map(toSecretDto) : null };
  }
}
