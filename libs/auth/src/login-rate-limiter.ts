import type { RedisClient } from '@fleet/messaging';
import { AdminError, AdminErrorCode } from './admin-error';

export interface LoginLimits {
  /** Attempts per client IP per window (Fleet: 10 per minute on POST /login). */
  readonly perIp: number;
  /** Failed attempts per account per window, whatever the IP (stops distributed guessing of one account). */
  readonly perAccount: number;
  readonly windowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perIp: 10, perAccount: 10, windowSeconds: 60 };

/**
 * Fixed-window counters in Redis, shared by every replica. `beforeAttempt` counts the attempt against the
 * IP and refuses when either the IP or the account is over its limit; `recordFailure` counts against the
 * account. A refusal is 429 with the seconds left in the window (the Retry-After header).
 */
export class LoginRateLimiter {
  constructor(private readonly redis: RedisClient, private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {}

  async beforeAttempt(ip: string, email: string): Promise<void> {
    const ipKey = `fleet:login:ip:${ip}`;
    const ipCount = await this.bump(ipKey);
    if (ipCount > this.limits.perIp) throw await this.limited(ipKey);
    const acctKey = this.accountKey(email);
    const failures = Number((await this.redis.get(acctKey)) ?? 0);
    if (failures >= this.limits.perAccount) throw await this.limited(acctKey);
  }

  /**
   * SSO callbacks per client address per minute (`auth.sso_rate_limit_per_minute`; 0 = the login limit per IP),
   * counted apart from password logins. The account is not known before the assertion is checked.
   */
  async beforeSsoCallback(ip: string, perMinute: number): Promise<void> {
    const key = `fleet:login:sso:${ip}`;
    const count = await this.bump(key, 60);
    if (count > (perMinute > 0 ? perMinute : this.limits.perIp)) throw await this.limited(key);
  }

  async recordFailure(email: string): Promise<void> {
    await this.bump(this.accountKey(email));
  }

  private accountKey(email: string): string {
    return `fleet:login:acct:${email.trim().toLowerCase()}`;
  }

  private async bump(key: string, windowSeconds = this.limits.windowSeconds): Promise<number> {
    const res = await this.redis.multi().incr(key).expire(key, windowSeconds, 'NX').exec();
    return Number(res?.[0]?.[1] ?? 0);
  }

  private async limited(key: string): Promise<AdminError> {
    const ttl = Math.max(1, await this.redis.ttl(key));
    return new AdminError(AdminErrorCode.RATE_LIMITED, `limit exceeded, retry after: ${ttl}s`, [], { retryAfterSeconds: ttl });
  }
}
