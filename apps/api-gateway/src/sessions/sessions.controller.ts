import { Body, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import { changePasswordRequestSchema, loginRequestSchema } from '@fleet/contracts';
import type { SessionRecord } from '@fleet/persistence';
import { z } from 'zod';
import { AdminController } from '../http/admin-controller.decorator';
import { AllowedDuringPasswordReset, PublicRoute } from '../http/auth.guard';
import { CurrentCaller } from '../http/caller.param';
import { parseBody, parseId } from '../http/edge-parse';
import { rfc3339 } from '../core/time.mapper';
import { toUserDto } from '../users/user.mapper';
import { SessionService } from './session.service';

const toSessionDto = (s: SessionRecord) => ({ session_id: s.id, user_id: s.userId, created_at: rfc3339(s.createdAt) });

/** Fleet's authentication routes (fleet-admin-api.md §1.1). */
@AdminController()
export class SessionsController {
  constructor(private readonly service: SessionService) {}

  @Post('login')
  @PublicRoute()
  @HttpCode(200)
  async login(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    const req = parseBody(loginRequestSchema, body);
    const r = await this.service.login(caller, req.email, req.password);
    return { user: toUserDto(r.user), available_teams: r.availableTeams, token: r.token };
  }

  @Post('logout')
  @AllowedDuringPasswordReset()
  @HttpCode(200)
  async logout(@CurrentCaller() caller: Caller) {
    await this.service.logout(caller);
    return {};
  }

  @Get('me')
  @AllowedDuringPasswordReset()
  async me(@CurrentCaller() caller: Caller) {
    const r = await this.service.me(caller);
    return { user: toUserDto(r.user), available_teams: r.availableTeams };
  }

  @Post('change_password')
  @HttpCode(200)
  async changePassword(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    const req = parseBody(changePasswordRequestSchema, body);
    await this.service.changePassword(caller, req.old_password, req.new_password);
    return {};
  }

  @Post('perform_required_password_reset')
  @AllowedDuringPasswordReset()
  @HttpCode(200)
  async performRequiredReset(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    const req = parseBody(z.object({ new_password: z.string() }), body);
    return { user: toUserDto(await this.service.performRequiredReset(caller, req.new_password)) };
  }

  @Get('sessions/:id')
  async getSession(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return toSessionDto(await this.service.getSession(caller, parseId(id)));
  }

  @Delete('sessions/:id')
  async deleteSession(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    await this.service.deleteSession(caller, parseId(id));
    return {};
  }

  @Get('users/:id/sessions')
  async userSessions(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return { sessions: (await this.service.listUserSessions(caller, parseId(id))).map(toSessionDto) };
  }

  @Delete('users/:id/sessions')
  async deleteUserSessions(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    await this.service.deleteUserSessions(caller, parseId(id));
    return {};
  }
}
