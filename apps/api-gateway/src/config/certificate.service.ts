import { Injectable } from '@nestjs/common';
import { AdminError, AdminErrorCode, authorize, invalid } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { AppConfigRepository } from '@fleet/persistence';
import { certificateChainPem } from './tls-chain';

/**
 * `GET /config/certificate` (fleet-admin-api.md §1.11): the TLS certificate chain agents will see at
 * `server_settings.server_url`, read by dialling it as Fleet does, so a chain presented by a load balancer in
 * front of this server is the one answered. A URL that is not https has no chain to read (422); an https
 * URL that cannot be reached is a 500 naming the failure.
 */
@Injectable()
export class CertificateService {
  constructor(private readonly appConfig: AppConfigRepository) {}

  /** The PEM chain, base64-encoded as Fleet's JSON encodes its bytes. */
  async chain(caller: Caller): Promise<string> {
    authorize(caller, 'config:read', { teamId: null });
    const settings = ((await this.appConfig.get())['server_settings'] ?? {}) as Record<string, unknown>;
    const raw = typeof settings['server_url'] === 'string' ? settings['server_url'] : '';
    let url: URL | null = null;
    try { url = new URL(raw); } catch { url = null; }
    if (!url || url.protocol !== 'https:') throw invalid('server_url', 'server_settings.server_url must be the https URL agents use to read its certificate chain');
    try {
      return Buffer.from(await certificateChainPem(url)).toString('base64');
    } catch (e) {
      throw new AdminError(AdminErrorCode.DEPENDENCY_UNAVAILABLE, `dial tls ${url.host}: ${(e as Error).message}`);
    }
  }
}
