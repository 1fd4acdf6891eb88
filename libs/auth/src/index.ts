export * from './admin-error';
export * from './caller';
export * from './authorizer';
export * from './password.rule';
export { PasswordHasher } from './password.hasher';
export { newSessionToken, newUrlToken, tokenHash } from './session-token';
export { DEFAULT_LOGIN_LIMITS, LoginRateLimiter } from './login-rate-limiter';
export type { LoginLimits } from './login-rate-limiter';
export { Authenticator, toAuthUser } from './authenticator';
