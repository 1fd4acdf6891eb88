import type { Caller } from '@fleet/auth';
import { translateRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { TranslateService } from './translate.service';

/** `POST /translate`; declared in libs/contracts translate.routes.ts. */
@AdminApi()
export class TranslateController {
  constructor(private readonly service: TranslateService) {}

  @Endpoint(r.translate)
  async translate(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.translate>) {
    return { list: await this.service.translate(caller, body.list) };
  }
}
