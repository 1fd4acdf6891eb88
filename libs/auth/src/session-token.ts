import { createHash, randomBytes } from 'node:crypto';

/** A new bearer token: `keySize` random bytes, base64 (Fleet's session keys are the same shape). */
export function newSessionToken(keySize: number): string {
  return randomBytes(keySize).toString('base64');
}

/** A token that goes into a link (invites, password resets, the two-factor login): `bytes` random bytes, base64url. */
export function newUrlToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** What is stored and looked up: the token's SHA-256, hex. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
