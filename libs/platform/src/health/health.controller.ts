import { Controller, Get, HttpCode, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HEALTH_CHECKS, HealthService } from './health.service';
import type { HealthCheckName } from './health.service';

/**
 * Fleet's /healthz: 200 with an empty body when every selected check passes, 500 otherwise;
 * `?check=mysql&check=redis` selects checks, an empty or unknown one is a 400.
 */
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('healthz')
  @HttpCode(200)
  async healthz(@Query('check') check: string | string[] | undefined, @Res() reply: FastifyReply): Promise<void> {
    const requested = check === undefined ? undefined : Array.isArray(check) ? check : [check];
    if (requested?.some((c) => c === '')) {
      await reply.code(400).send({ message: 'checks must not be empty' });
      return;
    }
    const unknown = requested?.find((c) => !(HEALTH_CHECKS as readonly string[]).includes(c));
    if (unknown !== undefined) {
      await reply.code(400).send({ message: `${unknown} is not a valid check` });
      return;
    }
    const report = await this.health.check(requested as HealthCheckName[] | undefined);
    await reply.code(report.healthy ? 200 : 500).send('');
  }
}
