import type { Caller } from '@fleet/auth';
import { mailRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { SmtpSettingsService } from './smtp-settings.service';

/** The SMTP test mail; routes declared in libs/contracts accounts.routes.ts. */
@AdminApi()
export class MailController {
  constructor(private readonly smtp: SmtpSettingsService) {}

  @Endpoint(r.test)
  async test(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.test>) {
    await this.smtp.sendTest(caller, body.smtp_settings);
    return {};
  }
}
