import type { Provider } from '@nestjs/common';
import { Authenticator, LoginRateLimiter, PasswordHasher } from '@fleet/auth';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import type { Clock } from '@fleet/domain';
import { CLOCK, REDIS } from '@fleet/platform';
import { ReadYourWritesStore } from '@fleet/messaging';
import type { RedisClient } from '@fleet/messaging';
import { SessionRepository, UserRepository } from '@fleet/persistence';

/**
 * The gateway's wiring of library classes that know nothing of Nest: the password hasher at the configured bcrypt cost, the Redis login limiter, the read-your-writes marks and the authenticator.
 */
export const GATEWAY_PROVIDERS: Provider[] = [
  { provide: PasswordHasher, useFactory: (c: FleetConfig) => new PasswordHasher(c.auth.bcrypt_cost), inject: [FLEET_CONFIG] },
  { provide: LoginRateLimiter, useFactory: (r: RedisClient) => new LoginRateLimiter(r), inject: [REDIS] },
  { provide: ReadYourWritesStore, useFactory: (r: RedisClient, c: FleetConfig) => new ReadYourWritesStore(r, c.mysql_read_replica.read_your_writes_window), inject: [REDIS, FLEET_CONFIG] },
  {
    provide: Authenticator,
    useFactory: (s: SessionRepository, u: UserRepository, clock: Clock, c: FleetConfig) => new Authenticator(s, u, clock, c.session.duration),
    inject: [SessionRepository, UserRepository, CLOCK, FLEET_CONFIG],
  },
];
