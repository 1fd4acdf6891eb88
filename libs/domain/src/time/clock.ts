/** Source of the current time. Inject it so expiry and scheduling rules are testable without sleeping. */
export interface Clock {
  now(): Date;
}

/** Source of identifiers and random secrets (node keys, carve sessions, error uuids). */
export interface IdGenerator {
  /** A new RFC 4122 UUID string. */
  uuid(): string;
  /** `byteLength` random bytes, standard base64 encoded (Fleet node keys: 24 bytes → 32 chars). */
  randomBase64(byteLength: number): string;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to; for tests and replays. */
export class FixedClock implements Clock {
  private current: number;

  constructor(start: Date | number) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(at: Date): void {
    this.current = at.getTime();
  }
}
