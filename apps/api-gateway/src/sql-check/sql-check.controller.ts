import type { Caller } from '@fleet/auth';
import { sqlCheckRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { SqlCheckService } from './sql-check.service';

/** `POST /queries/check`; declared in libs/contracts sql-check.routes.ts. */
@AdminApi()
export class SqlCheckController {
  constructor(private readonly service: SqlCheckService) {}

  @Endpoint(r.check)
  check(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.check>) {
    return this.service.check(caller, body.query);
  }
}
