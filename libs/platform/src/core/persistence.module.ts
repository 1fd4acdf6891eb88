import { Global, Module } from '@nestjs/common';
import type { Provider } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { DataSource, REPOSITORY_BINDINGS } from '@fleet/persistence';

const providers: Provider[] = REPOSITORY_BINDINGS.map((b) => ({
  provide: b.token,
  useFactory: (ds: DataSource, config: FleetConfig) => (b.configured ? b.configured(ds, config) : new b.implementation(ds)),
  inject: [DataSource, FLEET_CONFIG],
}));

/** Every repository bound once on the shared data source; any module injects one by its class. */
@Global()
@Module({ providers, exports: REPOSITORY_BINDINGS.map((b) => b.token) })
export class PersistenceModule {}
