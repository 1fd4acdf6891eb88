import { Injectable, SetMetadata } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AdminError, AdminErrorCode, Authenticator, Caller } from '@fleet/auth';
import './caller.param';
import { routeOf } from './endpoint.decorator';

const PUBLIC = 'fleet:public-route';
const RESET_ALLOWED = 'fleet:password-reset-allowed';

/** Routes reachable without a token (setup, login); their services still decide (`caller.skip()`). */
export const PublicRoute = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC, true);
/** Routes a user flagged force_password_reset may still use (Fleet: /me, /logout, change password). */
export const AllowedDuringPasswordReset = (): MethodDecorator => SetMetadata(RESET_ALLOWED, true);

/** Establishes the Caller from the bearer token (or an anonymous one for public routes). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly authenticator: Authenticator) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    const targets = [ctx.getHandler(), ctx.getClass()];
    const route = routeOf(ctx.getHandler());
    if (route?.permission === 'public' || this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) {
      req.caller = new Caller(null, null, req.clientIp);
      return true;
    }
    const caller = await this.authenticator.authenticate(req.headers.authorization, req.clientIp);
    const resetAllowed = route?.allowedDuringPasswordReset === true || this.reflector.get<boolean>(RESET_ALLOWED, ctx.getHandler());
    if (caller.user?.forcePasswordReset && !resetAllowed) {
      throw new AdminError(AdminErrorCode.PASSWORD_RESET_REQUIRED, 'password reset required');
    }
    req.caller = caller;
    return true;
  }
}
