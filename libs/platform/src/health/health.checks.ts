export const HEALTH_CHECKS = ['mysql', 'redis'] as const;
export type HealthCheckName = (typeof HEALTH_CHECKS)[number];
