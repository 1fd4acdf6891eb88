import type { RoleName } from '@fleet/domain';

export interface AuthUser {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly globalRole: RoleName | null;
  readonly teams: ReadonlyArray<{ readonly teamId: number; readonly role: RoleName }>;
  readonly apiOnly: boolean;
  readonly forcePasswordReset: boolean;
}

/**
 * Who is calling, and whether a permission decision was made for this request. One per request; services
 * receive it as their first argument. `decided` is what the backstop interceptor inspects.
 */
export class Caller {
  private decision: 'none' | 'allowed' | 'denied' | 'skipped' = 'none';

  constructor(
    readonly user: AuthUser | null,
    readonly sessionId: number | null,
    readonly ip: string,
  ) {}

  get decided(): boolean {
    return this.decision !== 'none';
  }

  get verdict(): string {
    return this.decision;
  }

  /** Records the outcome of a permission check; a denial is final. */
  record(allowed: boolean): void {
    if (this.decision !== 'denied') this.decision = allowed ? 'allowed' : 'denied';
  }

  /** For routes that are public by contract (login, setup): an explicit decision that no check applies. */
  skip(): void {
    if (this.decision === 'none') this.decision = 'skipped';
  }

  /** The signed-in user; callers reach services only through the authentication guard, so this holds. */
  get signedIn(): AuthUser {
    if (!this.user) throw new Error('no signed-in user');
    return this.user;
  }
}
