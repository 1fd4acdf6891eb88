import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import { createUserRequestSchema, listQuerySchema, modifyUserRequestSchema, optionalIntParam, requirePasswordResetRequestSchema } from '@fleet/contracts';
import { z } from 'zod';
import { AdminController } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { parseBody, parseId, parseQuery } from '../http/edge-parse';
import { toUserDto } from './user.mapper';
import { UserService } from './user.service';

const usersQuery = z.object({ team_id: optionalIntParam }).passthrough();

/** Users (fleet-admin-api.md §1.2). */
@AdminController('users')
export class UsersController {
  constructor(private readonly service: UserService) {}

  @Get()
  async list(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const opts = parseQuery(listQuerySchema, query);
    const { team_id } = parseQuery(usersQuery, query);
    const page = await this.service.list(caller, opts, team_id);
    return { users: page.items.map(toUserDto) };
  }

  @Post('admin')
  @HttpCode(200)
  async create(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    const r = await this.service.create(caller, parseBody(createUserRequestSchema, body));
    return { user: toUserDto(r.user), ...(r.token !== undefined ? { token: r.token } : {}) };
  }

  @Get(':id')
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return { user: toUserDto(await this.service.get(caller, parseId(id))) };
  }

  @Patch(':id')
  async modify(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    return { user: toUserDto(await this.service.modify(caller, parseId(id), parseBody(modifyUserRequestSchema, body))) };
  }

  @Delete(':id')
  async delete(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    await this.service.delete(caller, parseId(id));
    return {};
  }

  @Post(':id/require_password_reset')
  @HttpCode(200)
  async requirePasswordReset(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    const req = parseBody(requirePasswordResetRequestSchema, body);
    return { user: toUserDto(await this.service.requirePasswordReset(caller, parseId(id), req.require)) };
  }
}
