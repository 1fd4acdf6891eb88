import { createHash } from 'node:crypto';
import type { RedisClient } from './redis.factory';

/** What a started single sign-on remembers until its callback: the AuthnRequest's id and where to land after. */
export interface SsoSession {
  readonly requestId: string;
  readonly relayUrl: string;
}

/**
 * The Redis state of SAML single sign-on, shared by every api replica: pending sign-ons (one per
 * `POST /sso`, keyed by the random id in the browser's cookie, expiring after auth.sso_session_validity_period)
 * and the ids of assertions already used, kept until the assertion itself expires so no replica accepts one twice.
 */
export class SsoSessionStore {
  constructor(private readonly redis: RedisClient) {}

  async save(sessionId: string, session: SsoSession, ttlMs: number): Promise<void> {
    await this.redis.set(this.sessionKey(sessionId), JSON.stringify(session), 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  /** The pending sign-on, removed in the same step: a callback can use it once, whatever the number of replicas. */
  async take(sessionId: string): Promise<SsoSession | null> {
    const raw = await this.redis.getdel(this.sessionKey(sessionId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<SsoSession>;
    return typeof parsed.requestId === 'string' && typeof parsed.relayUrl === 'string' ? { requestId: parsed.requestId, relayUrl: parsed.relayUrl } : null;
  }

  /**
   * Records an assertion as used; false when it already was (a replay). `issuer` scopes the id, which only the
   * identity provider that signed it makes unique.
   */
  async markAssertionUsed(issuer: string, assertionId: string, ttlMs: number): Promise<boolean> {
    const id = createHash('sha256').update(`${issuer}\n${assertionId}`).digest('hex');
    const res = await this.redis.set(`fleet:sso:assertion:${id}`, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
    return res === 'OK';
  }

  private sessionKey(sessionId: string): string {
    return `fleet:sso:session:${sessionId}`;
  }
}
