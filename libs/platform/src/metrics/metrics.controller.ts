import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { MetricsRegistry } from '@fleet/observability';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Prometheus text at /metrics. Protected by HTTP basic auth when `prometheus.basic_auth.username` and
 * `password` are set (unless `disable` is true); open otherwise, so each role can be scraped by default.
 */
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: MetricsRegistry,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
  ) {}

  @Get('metrics')
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const auth = this.config.prometheus.basic_auth;
    if (auth.username && !auth.disable) {
      const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
      if (!authorization || !safeEqual(authorization, expected)) {
        await reply.code(401).header('WWW-Authenticate', 'Basic realm="restricted"').send('Unauthorized\n');
        return;
      }
    }
    const body = await this.metrics.text();
    await reply.code(200).header('Content-Type', this.metrics.contentType).send(body);
  }
}
