import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Caller } from '@fleet/auth';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by AuthGuard before any admin handler runs. */
    caller?: Caller;
  }
}

/** The request's Caller, as established by AuthGuard. */
export const CurrentCaller = createParamDecorator((_data: unknown, ctx: ExecutionContext): Caller => {
  const caller = ctx.switchToHttp().getRequest<FastifyRequest>().caller;
  if (!caller) throw new Error('AuthGuard did not run');
  return caller;
});
