import type { MigrationInterface } from 'typeorm';
import { AppConfig1764115200000 } from './1764115200000-app-config.migration';
import { CoreSchema1764115300000 } from './1764115300000-core-schema.migration';
import { AdminUsers1764115400000 } from './1764115400000-admin-users.migration';
import { LiveQueryCampaigns1764115700000 } from './1764115700000-live-query-campaigns.migration';
import { HostListIndexes1764115600000 } from './1764115600000-host-list-indexes.migration';
import { CronStats1764115800000 } from './1764115800000-cron-stats.migration';
import { HostStatusHistory1766000000000 } from './1766000000000-host-status-history.migration';
import { HostDeviceMapping1766100000000 } from './1766100000000-host-device-mapping.migration';
import { SoftwareVulnerabilities1767000000000 } from './1767000000000-software-vulnerabilities.migration';
import { CarveObjectStorage1767200000000 } from './1767200000000-carve-object-storage.migration';
import { Accounts1768100000000 } from './1768100000000-accounts.migration';
import { ResultsRouting1768200000000 } from './1768200000000-results-routing.migration';

/**
 * Every migration, in order. A migration never changes once released: add a new one instead.
 * Names end in their creation time so that concurrent branches sort deterministically.
 */
export const MIGRATIONS: Array<new () => MigrationInterface> = [AppConfig1764115200000, CoreSchema1764115300000,
  AdminUsers1764115400000,
  LiveQueryCampaigns1764115700000,
  HostListIndexes1764115600000,
  CronStats1764115800000,
  HostStatusHistory1766000000000,
  HostDeviceMapping1766100000000,
  SoftwareVulnerabilities1767000000000,
  CarveObjectStorage1767200000000,
  Accounts1768100000000,
  ResultsRouting1768200000000,
];
