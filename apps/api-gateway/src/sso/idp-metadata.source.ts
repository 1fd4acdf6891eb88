import { Inject, Injectable } from '@nestjs/common';
import type { OnModuleDestroy } from '@nestjs/common';
import { request } from 'undici';
import type { Dispatcher } from 'undici';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import type { SsoSettings } from '@fleet/contracts';
import { createOutboundDispatcher } from '@fleet/platform';
import { parseIdpMetadata } from './idp-metadata';
import type { IdpMetadata } from './idp-metadata';
import { MAX_SAML_XML_BYTES } from './saml-xml';

const FETCH_TIMEOUT_MS = 10_000;

/**
 * The identity provider's metadata: sso_settings.metadata, or fetched from sso_settings.metadata_url (through
 * the outbound proxy settings) for each sign-on and callback, as Fleet does, so a rotated signing key is
 * picked up at once.
 */
@Injectable()
export class IdpMetadataSource implements OnModuleDestroy {
  private readonly dispatcher: Dispatcher;

  constructor(@Inject(FLEET_CONFIG) config: FleetConfig) {
    this.dispatcher = createOutboundDispatcher(config);
  }

  async load(settings: SsoSettings): Promise<IdpMetadata> {
    if (settings.metadata) return parseIdpMetadata(settings.metadata);
    if (!settings.metadata_url) throw new Error('neither metadata nor metadata_url is set');
    // A fresh connection each time (`reset`): metadata is fetched seldom, and a kept-alive socket the IdP has just closed would fail the sign-on.
    const res = await request(settings.metadata_url, { dispatcher: this.dispatcher, headersTimeout: FETCH_TIMEOUT_MS, bodyTimeout: FETCH_TIMEOUT_MS, reset: true });
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw new Error(`metadata_url answered HTTP ${res.statusCode}`);
    }
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_SAML_XML_BYTES) throw new Error('metadata larger than 1 MiB');
      chunks.push(chunk as Buffer);
    }
    return parseIdpMetadata(Buffer.concat(chunks).toString('utf8'));
  }

  async onModuleDestroy(): Promise<void> {
    await this.dispatcher.close();
  }
}
