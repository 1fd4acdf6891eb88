import { authorize } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { buildInfo } from '@fleet/config';
import { configRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { AppConfigService } from './app-config.service';
import { CertificateService } from './certificate.service';

/** Organisation settings and the server version (fleet-admin-api.md §1.11); declared in config.routes.ts. */
@AdminApi()
export class AppConfigController {
  constructor(private readonly service: AppConfigService, private readonly certificates: CertificateService) {}

  @Endpoint(r.get)
  get(@CurrentCaller() caller: Caller) {
    return this.service.get(caller);
  }

  @Endpoint(r.modify)
  modify(@CurrentCaller() caller: Caller, @In() { query, body }: RouteInput<typeof r.modify>) {
    return this.service.modify(caller, body, query.dry_run === 'true');
  }

  @Endpoint(r.certificate)
  async certificate(@CurrentCaller() caller: Caller) {
    return { certificate_chain: await this.certificates.chain(caller) };
  }

  /** Any signed-in user; fleetctl calls it first to validate its token. */
  @Endpoint(r.version)
  version(@CurrentCaller() caller: Caller) {
    authorize(caller, 'version:read', 'any');
    return buildInfo();
  }
}
