import { Global, Module } from '@nestjs/common';
import { AdminExceptionFilter } from '../http/admin-exception.filter';
import { AuthGuard } from '../http/auth.guard';
import { AuthzBackstopInterceptor } from '../http/authz-backstop.interceptor';
import { ReadRoutingInterceptor } from '../http/read-routing.interceptor';
import { ActivityRecorder } from './activity.recorder';
import { GATEWAY_PROVIDERS } from './gateway.providers';

const EXPORTED = [AuthGuard, AuthzBackstopInterceptor, ReadRoutingInterceptor, AdminExceptionFilter, ActivityRecorder, ...GATEWAY_PROVIDERS.map((p) => ('provide' in p ? p.provide : p))];

/**
 * What every admin context needs and no context owns: authentication (guard, authenticator, password hasher,
 * login limiter), the authorization backstop, Fleet's error body and the audit log writer. Global, so each
 * bounded-context module lists only its own controllers and services.
 */
@Global()
@Module({
  providers: [...GATEWAY_PROVIDERS, AuthGuard, AuthzBackstopInterceptor, ReadRoutingInterceptor, AdminExceptionFilter, ActivityRecorder],
  exports: EXPORTED,
})
export class AdminCoreModule {}
