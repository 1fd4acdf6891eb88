export * from './list-query.schema';
export * from './user.schema';
export * from './session.schema';
export * from './host.schema';
export * from './team.schema';
