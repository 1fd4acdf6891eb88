import { Module } from '@nestjs/common';
import type { DynamicModule, Provider } from '@nestjs/common';
import { systemClock } from '@fleet/domain';
import { CampaignStore } from '@fleet/messaging';
import type { RedisClient } from '@fleet/messaging';
import { CampaignRepository } from '@fleet/persistence';
import { REDIS, repositoryProviders } from '@fleet/platform';
import { CampaignSupervisor, LIVE_QUERY_CLOCK } from './campaigns/campaign-supervisor';
import { LiveQueryMetrics } from './campaigns/live-query.metrics';
import { CRON_PROVIDERS } from './cron/cron.providers';
import { CRON_SETTINGS, DEFAULT_CRON_SETTINGS } from './cron/cron.settings';
import type { CronSettings } from './cron/cron.settings';
import { DEFAULT_LIVE_QUERY_SETTINGS, LIVE_QUERY_SETTINGS } from './live-query.settings';
import type { LiveQuerySettings } from './live-query.settings';

const PROVIDERS: Provider[] = [
  { provide: CampaignStore, useFactory: (r: RedisClient) => new CampaignStore(r), inject: [REDIS] },
  ...repositoryProviders(CampaignRepository),
  { provide: LIVE_QUERY_CLOCK, useValue: systemClock },
  LiveQueryMetrics,
  CampaignSupervisor,
  ...CRON_PROVIDERS,
];

/**
 * The live-query role: the fan-in side of campaigns (counting answers, status events, ending campaigns on
 * completion or timeout, metrics). Campaigns are created by the gateway through the shared CampaignStore, so
 * creating one needs no round trip to this role; several replicas of it share the work through Redis leases.
 * It also runs the background schedules (cleanups, automations), one run at a time across its replicas.
 */
@Module({ providers: [{ provide: LIVE_QUERY_SETTINGS, useValue: DEFAULT_LIVE_QUERY_SETTINGS }, { provide: CRON_SETTINGS, useValue: DEFAULT_CRON_SETTINGS }, ...PROVIDERS] })
export class LiveQueryModule {
  /** The role with some timings changed (tests shorten the timeout, retention and schedule intervals). */
  static withSettings(overrides: Partial<LiveQuerySettings>, cron: Partial<CronSettings> = {}): DynamicModule {
    return {
      module: LiveQueryModule,
      providers: [
        { provide: LIVE_QUERY_SETTINGS, useValue: { ...DEFAULT_LIVE_QUERY_SETTINGS, ...overrides } },
        { provide: CRON_SETTINGS, useValue: { ...DEFAULT_CRON_SETTINGS, ...cron } },
        ...PROVIDERS,
      ],
    };
  }
}
