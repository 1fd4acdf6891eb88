import type { RedisClient } from './redis.factory';

export const readYourWritesKey = (userId: number): string => `fleet:ryw:user:${userId}`;

/**
 * Read-your-writes with a MySQL read replica: a user who has just changed something reads from the primary
 * for a short window, so the change shows on the next page even when the replica lags. The mark is one Redis
 * key per user with the window as its expiry, so every gateway replica sees it.
 */
export class ReadYourWritesStore {
  constructor(private readonly redis: RedisClient, private readonly windowMs: number) {}

  /** The user wrote (or tried to): their reads stay on the primary for the window from now. */
  async wrote(userId: number): Promise<void> {
    await this.redis.set(readYourWritesKey(userId), '1', 'PX', Math.max(1, this.windowMs));
  }

  /** Whether the user wrote within the window. */
  async wroteRecently(userId: number): Promise<boolean> {
    return (await this.redis.exists(readYourWritesKey(userId))) === 1;
  }
}
