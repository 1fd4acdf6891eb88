import type { Provider } from '@nestjs/common';
import { DataSource } from '@fleet/persistence';

/** Nest providers for repositories, each built on the shared data source and injected by its class. */
export function repositoryProviders(...types: ReadonlyArray<new (ds: DataSource) => unknown>): Provider[] {
  return types.map((type) => ({ provide: type, useFactory: (ds: DataSource) => new type(ds), inject: [DataSource] }));
}
