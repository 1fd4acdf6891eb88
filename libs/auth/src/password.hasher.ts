import bcrypt from 'bcryptjs';

/** bcrypt with the configured cost (`auth.bcrypt_cost`, Fleet's default 12). */
export class PasswordHasher {
  constructor(private readonly cost: number) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.cost);
  }

  /** Constant-time comparison inside bcrypt; false for malformed hashes rather than throwing. */
  async verify(password: string, hash: string): Promise<boolean> {
    try {
      return await bcrypt.compare(password, hash);
    } catch {
      return false;
    }
  }
}
