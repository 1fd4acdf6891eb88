import { Module } from '@nestjs/common';
import type { DynamicModule, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { DebugController } from './debug.controller';
import { DEBUG_DEPENDENCIES } from './debug.options';
import type { DebugModuleOptions } from './debug.options';
import { ErrorStore } from './error.store';
import { InspectorProfiler } from './inspector.profiler';

/** Keeps uncaught exceptions in the store (observed only: Node's own handling of them is unchanged). */
@Injectable()
class UncaughtErrorRecorder implements OnModuleInit, OnModuleDestroy {
  private readonly listener = (err: Error): void => this.store.record(err, { origin: 'uncaughtException' });
  constructor(private readonly store: ErrorStore) {}
  onModuleInit(): void {
    process.on('uncaughtExceptionMonitor', this.listener);
  }
  onModuleDestroy(): void {
    process.off('uncaughtExceptionMonitor', this.listener);
  }
}

/**
 * The admin-only /debug endpoints, mountable in every role. Needs CoreModule's global FLEET_CONFIG; the
 * admin gate and the health probes come from `options.useFactory`. ErrorStore is exported so the process's
 * exception filter can `record()` the 5xx errors it renders.
 */
@Module({})
export class DebugModule {
  static register(options: DebugModuleOptions): DynamicModule {
    return {
      module: DebugModule,
      imports: [...(options.imports ?? [])],
      controllers: [DebugController],
      providers: [
        { provide: DEBUG_DEPENDENCIES, useFactory: (...deps: unknown[]) => options.useFactory(...deps), inject: options.inject ?? [] },
        InspectorProfiler, ErrorStore, UncaughtErrorRecorder,
      ],
      exports: [ErrorStore],
    };
  }
}
