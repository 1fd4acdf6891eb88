export * from './admin-route';
export * from './route-params.schema';
export { teamRoutes } from './teams.routes';
