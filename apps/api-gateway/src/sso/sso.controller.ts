import { Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '@fleet/auth';
import { ssoRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { FORM_BODY_ROUTE } from '@fleet/platform';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { ssoCallbackPage, ssoSessionCookie, ssoSessionIdFrom } from './sso-callback.page';
import { SsoService } from './sso.service';

/** SAML single sign-on (fleet-admin-api.md §1.1); routes declared in accounts.routes.ts. */
@AdminApi()
export class SsoController {
  constructor(private readonly service: SsoService) {}

  @Endpoint(r.settings)
  async settings(@CurrentCaller() caller: Caller) {
    return { settings: await this.service.settings(caller) };
  }

  @Endpoint(r.initiate)
  async initiate(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.initiate>, @Res({ passthrough: true }) reply: FastifyReply) {
    const started = await this.service.initiate(caller, body.relay_url);
    void reply.header('set-cookie', ssoSessionCookie(started.sessionId, started.maxAgeSeconds));
    return { url: started.url };
  }

  /** Form-encoded (the SAML POST binding); the page it answers is never cached and ends the sign-on's cookie. */
  @Endpoint(r.callback)
  @RouteConfig(FORM_BODY_ROUTE)
  async callback(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.callback>, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const outcome = await this.service.callback(caller, ssoSessionIdFrom(req.headers.cookie), body.SAMLResponse);
    void reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').header('set-cookie', ssoSessionCookie('', 0));
    return outcome.ok ? ssoCallbackPage(outcome.redirectUrl, outcome.token) : ssoCallbackPage(`${this.service.loginPath()}?status=${outcome.status}`, null);
  }
}
