import { Inject, Injectable } from '@nestjs/common';
import { authorize, mayAlso } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { HostCacheStore } from '@fleet/messaging';
import { AppConfigRepository } from '@fleet/persistence';
import { ActivityRecorder } from '../core/activity.recorder';
import { SmtpSettingsService } from '../mail/smtp-settings.service';
import { appConfigView, mergeConfig } from './app-config.view';

/** `GET/PATCH /config` (fleet-admin-api.md §1.11). */
@Injectable()
export class AppConfigService {
  constructor(
    private readonly repo: AppConfigRepository,
    private readonly activities: ActivityRecorder,
    @Inject(FLEET_CONFIG) private readonly server: FleetConfig,
    private readonly hostCache: HostCacheStore,
    private readonly accountSettings: SmtpSettingsService,
  ) {}

  async get(caller: Caller): Promise<Record<string, unknown>> {
    authorize(caller, 'config:read', { teamId: null });
    return appConfigView(await this.repo.get(), this.server, mayAlso(caller, 'config:read_secrets', { teamId: null }));
  }

  async modify(caller: Caller, patch: Record<string, unknown>, dryRun: boolean): Promise<Record<string, unknown>> {
    authorize(caller, 'config:write', { teamId: null });
    const stored = await this.repo.get();
    // SSO settings are checked and changed SMTP settings tested (a mail to the caller) before anything is saved.
    const next = await this.accountSettings.applyConfigPatch(caller, stored, mergeConfig(stored, patch), patch, dryRun);
    if (!dryRun) {
      await this.repo.save(next);
      await this.activities.record(caller, 'edited_app_config', { keys: Object.keys(patch) });
      if ('agent_options' in patch) {
        await this.activities.record(caller, 'edited_agent_options', { global: true, team_id: null, team_name: null });
        await this.hostCache.bumpConfigVersion();
      }
    }
    return appConfigView(next, this.server, mayAlso(caller, 'config:read_secrets', { teamId: null }));
  }
}
