import type { Caller } from '@fleet/auth';
import { packRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { toPackSpec } from './pack.mapper';
import { PackSpecService } from './pack-spec.service';

/** `/spec/packs` of `fleetctl apply/get` (fleet-admin-api.md §1.12). */
@AdminApi()
export class PackSpecsController {
  constructor(private readonly specs: PackSpecService) {}

  @Endpoint(r.specs)
  async list(@CurrentCaller() caller: Caller) {
    return { specs: (await this.specs.list(caller)).map(toPackSpec) };
  }

  /** A single object under the plural key, as Fleet answers. */
  @Endpoint(r.spec)
  async get(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.spec>) {
    return { specs: toPackSpec(await this.specs.get(caller, params.name)) };
  }

  @Endpoint(r.applySpecs)
  async apply(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.applySpecs>) {
    await this.specs.apply(caller, body.specs);
    return {};
  }
}
