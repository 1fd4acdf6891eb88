/**
 * Fleet's `osquery.enroll_cooldown`: a host that already exists and enrolled less than `cooldownMs` ago is
 * refused ("enrolling too often"). It damps the enroll storm two machines sharing one identifier cause.
 * A cooldown of 0 (Fleet's default) disables the rule; a host that never enrolled is always allowed.
 */
export function isEnrollTooSoon(lastEnrolledAt: Date | null, now: Date, cooldownMs: number): boolean {
  if (cooldownMs <= 0 || lastEnrolledAt === null) return false;
  return now.getTime() - lastEnrolledAt.getTime() < cooldownMs;
}

/** Fleet's default node key size in random bytes (base64 → 32 characters). */
export const NODE_KEY_BYTES = 24;

export type HostIdentifierStrategy = 'provided' | 'instance' | 'uuid' | 'hostname';

export interface EnrollIdentityInput {
  readonly hostIdentifier: string;
  readonly osqueryInfo?: Readonly<Record<string, string>>;
  readonly systemInfo?: Readonly<Record<string, string>>;
}

/**
 * The identifier a host row is matched on (`osquery.host_identifier`, default `provided`). Each strategy
 * falls back to the agent-provided identifier when the detail it needs is missing or empty, as Fleet does.
 */
export function effectiveHostIdentifier(strategy: HostIdentifierStrategy, input: EnrollIdentityInput): string {
  const pick = (value: string | undefined): string => (value && value.trim() !== '' ? value : input.hostIdentifier);
  switch (strategy) {
    case 'provided':
      return input.hostIdentifier;
    case 'instance':
      return pick(input.osqueryInfo?.['instance_id']);
    case 'uuid':
      return pick(input.osqueryInfo?.['uuid']);
    case 'hostname':
      return pick(input.systemInfo?.['hostname']);
  }
}
