export * from './admin-route';
export * from './route-params.schema';
export { teamRoutes } from './teams.routes';
export { packRoutes } from './packs.routes';
export { liveQueryRoutes } from './live-query.routes';
export { cronRoutes } from './cron.routes';
export { hostRoutes } from './hosts.routes';
export { softwareRoutes } from './software.routes';
