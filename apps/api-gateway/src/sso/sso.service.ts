import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@fleet/observability';
import { AdminError, AdminErrorCode, badRequest, LoginRateLimiter } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { ssoSettingsOf } from '@fleet/contracts';
import type { SsoSettings } from '@fleet/contracts';
import type { AppConfigDocument, Clock } from '@fleet/domain';
import { SsoSessionStore } from '@fleet/messaging';
import { AppConfigRepository } from '@fleet/persistence';
import { CLOCK, LOGGER } from '@fleet/platform';
import { ActivityRecorder } from '../core/activity.recorder';
import { SessionService } from '../sessions/session.service';
import { IdpMetadataSource } from './idp-metadata.source';
import { authorizeUrl, SamlRejected, verifySamlResponse } from './saml-service-provider';
import type { ServiceProvider } from './saml-service-provider';
import { SsoUserResolver, SsoLoginRefused } from './sso-user.resolver';

/** Fleet's `/login?status=` values for a failed sign-on (server/service/sessions.go ssoError). */
export type SsoFailure = 'org_disabled' | 'account_disabled' | 'account_invalid' | 'error';

export type SsoOutcome =
  | { readonly ok: true; readonly token: string; readonly redirectUrl: string }
  | { readonly ok: false; readonly status: SsoFailure };

const CALLBACK_PATH = '/api/v1/fleet/sso/callback';
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * SAML single sign-on as Fleet does it (sso_settings): `POST /sso` starts a sign-on bound to a random session
 * id that the browser keeps in a cookie; the identity provider posts its response to `/sso/callback`, which
 * signs the user in — JIT-provisioned when enabled — only if the response answers that session's request (or
 * is an IdP-initiated one while enable_sso_idp_login is on), is validly signed and meant for this server,
 * and was never used before.
 */
@Injectable()
export class SsoService {
  constructor(
    private readonly appConfig: AppConfigRepository,
    private readonly metadata: IdpMetadataSource,
    private readonly store: SsoSessionStore,
    private readonly resolver: SsoUserResolver,
    private readonly sessions: SessionService,
    private readonly limiter: LoginRateLimiter,
    private readonly activities: ActivityRecorder,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** GET /sso: public; what the login page shows. */
  async settings(caller: Caller): Promise<{ idp_name: string; idp_image_url: string; sso_enabled: boolean }> {
    caller.skip();
    const s = ssoSettingsOf(await this.appConfig.get());
    return { idp_name: s.idp_name, idp_image_url: s.idp_image_url, sso_enabled: s.enable_sso };
  }

  /** POST /sso: the identity provider's URL and the session id for the cookie. `relayUrl` must be a path of this server. */
  async initiate(caller: Caller, relayUrl: string): Promise<{ url: string; sessionId: string; maxAgeSeconds: number }> {
    caller.skip();
    const doc = await this.appConfig.get();
    const settings = ssoSettingsOf(doc);
    if (!settings.enable_sso) throw badRequest('organization not configured to use sso');
    const relay = relayUrl === '' ? '/' : relayUrl;
    if (!relay.startsWith('/') || relay.startsWith('//') || relay.includes('\\')) throw badRequest('invalid sso redirect url');
    const idp = await this.idp(settings);
    const sessionId = randomBytes(24).toString('base64url');
    const { url, requestId } = await authorizeUrl(this.serviceProvider(doc, settings), idp, sessionId);
    const ttl = this.config.auth.sso_session_validity_period;
    await this.store.save(sessionId, { requestId, relayUrl: relay }, ttl);
    return { url, sessionId, maxAgeSeconds: Math.floor(ttl / 1000) };
  }

  /**
   * POST /sso/callback. Never throws for a bad assertion: the outcome says where the browser goes, and each
   * refusal is logged with its reason and recorded as a failed login.
   */
  async callback(caller: Caller, sessionId: string | null, samlResponse: string): Promise<SsoOutcome> {
    caller.skip();
    await this.limiter.beforeSsoCallback(caller.ip, this.config.auth.sso_rate_limit_per_minute);
    const doc = await this.appConfig.get();
    const settings = ssoSettingsOf(doc);
    if (!settings.enable_sso) return this.refuse(caller, 'org_disabled', 'organization not configured to use sso', '');
    const session = sessionId ? await this.store.take(sessionId) : null;
    if (!session && !settings.enable_sso_idp_login) return this.refuse(caller, 'error', 'no pending sign-on for this browser and IdP-initiated login is off', '');
    let email = '';
    try {
      const idp = await this.idp(settings);
      const issuedAt = this.clock.now();
      const assertion = await verifySamlResponse(this.serviceProvider(doc, settings), idp, samlResponse, session?.requestId ?? null,
        issuedAt, this.config.auth.sso_session_validity_period);
      email = assertion.nameId;
      const ttl = Math.max(1000, assertion.notOnOrAfter.getTime() - this.clock.now().getTime() + 120_000);
      if (!(await this.store.markAssertionUsed(assertion.issuer, assertion.assertionId, ttl))) throw new SamlRejected('assertion already used (replay)');
      const user = await this.resolver.resolve(settings, assertion);
      const signedIn = await this.sessions.startSession(user);
      await this.activities.recordFor({ id: user.id, name: user.name, email: user.email }, 'user_logged_in', { public_ip: caller.ip });
      return { ok: true, token: signedIn.token, redirectUrl: `${this.config.server.url_prefix}${session?.relayUrl ?? '/'}` };
    } catch (err) {
      if (err instanceof SsoLoginRefused) return this.refuse(caller, err.status, err.message, email);
      if (err instanceof SamlRejected) return this.refuse(caller, 'error', err.message, email);
      if (err instanceof AdminError && err.code === AdminErrorCode.RATE_LIMITED) throw err;
      this.logger.error({ err: (err as Error).message }, 'sso: callback failed');
      return this.refuse(caller, 'error', (err as Error).message, email);
    }
  }

  /** The web UI's login page, under server.url_prefix. */
  loginPath(): string {
    return `${this.config.server.url_prefix}/login`;
  }

  private async refuse(caller: Caller, status: SsoFailure, reason: string, email: string): Promise<SsoOutcome> {
    this.logger.warn({ status, reason, public_ip: caller.ip }, 'sso: sign-on refused');
    await this.activities.record(null, 'user_failed_login', { email, public_ip: caller.ip });
    return { ok: false, status };
  }

  private idp(settings: SsoSettings) {
    return this.metadata.load(settings);
  }

  /** The callback under sso_server_url (or server_settings.server_url) and the server's url_prefix; Fleet's audience list. */
  private serviceProvider(doc: AppConfigDocument, s: SsoSettings): ServiceProvider {
    const serverUrl = str(obj(doc['server_settings'])['server_url']).replace(/\/+$/, '');
    const base = (s.sso_server_url || serverUrl).replace(/\/+$/, '');
    if (!base) throw new AdminError(AdminErrorCode.INTERNAL, 'server_settings.server_url is not set');
    const prefix = this.config.server.url_prefix;
    const acsUrl = `${base}${prefix}${CALLBACK_PATH}`;
    const audiences = [s.entity_id, serverUrl, `${serverUrl}${prefix}${CALLBACK_PATH}`, ...(s.sso_server_url ? [base, acsUrl] : [])].filter((a) => a !== '');
    return { entityId: s.entity_id, acsUrl, audiences, issuerUri: s.issuer_uri };
  }
}
