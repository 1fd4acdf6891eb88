import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PasswordHasher, passwordProblem } from '@fleet/auth';
import type { FleetConfig } from '@fleet/config';
import { UserRepository } from '@fleet/persistence';
import type { DataSource } from '@fleet/persistence';

export interface DevCredentials {
  readonly email: string;
  readonly password: string;
  readonly enrollSecret: string;
  readonly file: string;
  /** True on the start that created the admin: only then is the password printed. */
  readonly created: boolean;
}

const DEV_EMAIL = 'admin@fleet.local';

/**
 * `fleet serve --dev` on an empty installation: creates the first admin and a global enroll secret and
 * keeps them in the dev data directory (mode 0600). The password is printed once, on the start that made it;
 * later starts name the file instead, so it does not end up in every start's log. An installation that already has users is left alone; its admin is whoever set it up.
 */
export async function devBootstrap(ds: DataSource, config: FleetConfig): Promise<DevCredentials | undefined> {
  const dir = resolve(config.dev.data_dir);
  const file = join(dir, 'credentials.json');
  const saved = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<DevCredentials>) : {};
  const users = new UserRepository(ds);
  let { email, password } = saved;
  let created = false;
  if ((await users.count()) === 0) {
    created = true;
    email = DEV_EMAIL;
    password = `${randomBytes(12).toString('base64url')}!7a`;
    if (passwordProblem(password)) throw new Error('generated development password breaks the password rules');
    await users.create({
      name: 'Admin', email, passwordHash: await new PasswordHasher(config.auth.bcrypt_cost).hash(password), globalRole: 'admin',
      teams: [], apiOnly: false, forcePasswordReset: false, ssoEnabled: false, mfaEnabled: false,
    });
  }
  const secrets = await ds.query<Array<{ secret: string }>>('SELECT secret FROM enroll_secrets WHERE team_id IS NULL ORDER BY created_at LIMIT 1');
  let enrollSecret = secrets[0]?.secret;
  if (!enrollSecret) {
    enrollSecret = randomBytes(24).toString('base64url');
    await ds.query('INSERT INTO enroll_secrets (secret, team_id) VALUES (?, NULL)', [enrollSecret]);
  }
  if (!email || !password) return undefined;
  const creds = { email, password, enrollSecret, file, created };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify({ email, password, enrollSecret }, null, 2)}\n`, { mode: 0o600 });
  return creds;
}
