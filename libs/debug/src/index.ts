export { DebugModule } from './debug.module';
export { DEBUG_DEPENDENCIES } from './debug.options';
export type { DatabaseDiagnostics, DebugAccessVerdict, DebugDependencies, DebugModuleOptions } from './debug.options';
export { ErrorStore } from './error.store';
export type { StoredError } from './error.store';
export { InspectorProfiler, MAX_PROFILE_SECONDS } from './inspector.profiler';
