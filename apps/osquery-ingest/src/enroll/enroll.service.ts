import { randomBytes } from 'node:crypto';
import type { Counter } from 'prom-client';
import { Inject, Injectable } from '@nestjs/common';
import { HostCacheStore } from '@fleet/messaging';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import type { EnrollRequest } from '@fleet/contracts';
import { DomainError, effectiveHostIdentifier, ingestEnrollHostDetails } from '@fleet/domain';
import type { Clock } from '@fleet/domain';
import type { Logger } from '@fleet/observability';
import { MetricsRegistry } from '@fleet/observability';
import { AgentHostRepository } from '@fleet/persistence';
import { CLOCK, LOGGER } from '@fleet/platform';
import { LocalHostCacheLifecycle } from '../auth/local-host-cache.provider';

/**
 * The identifier column (hosts.osquery_host_id) is VARCHAR(255), counted in characters as MySQL counts them
 * (code points). A longer identifier is refused, as Fleet's strict-mode insert refuses it: cutting it would
 * make two hosts whose identifiers differ only past the cut one host, each enroll taking the other's key.
 */
const MAX_IDENTIFIER_LENGTH = 255;

/**
 * Enrollment as Fleet does it (protocol §2.4): the secret decides the team, the identifier decides the host
 * row, and every enroll issues a new node key that replaces (and so invalidates) the previous one.
 */
@Injectable()
export class EnrollService {
  private readonly enrolls: Counter<'result'>;
  private readonly duplicates: Counter;

  constructor(
    private readonly hosts: AgentHostRepository,
    private readonly hostCache: HostCacheStore,
    private readonly local: LocalHostCacheLifecycle,
    metrics: MetricsRegistry,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.enrolls = metrics.counter('fleet_agent_enrolls_total', 'Agent enrollments by result', ['result']);
    this.duplicates = metrics.counter('fleet_agent_duplicate_identifier_enrolls_total', 'Enrolls of an identifier that already had a node key (two machines sharing an identifier, or a reinstall)');
  }

  async enroll(req: EnrollRequest, publicIp: string): Promise<string> {
    if (!req.enroll_secret) {
      this.enrolls.inc({ result: 'bad_secret' });
      throw new DomainError('ENROLL_SECRET_INVALID', 'enroll failed: missing enroll secret');
    }
    const teamId = await this.dependency(() => this.hosts.teamForEnrollSecret(req.enroll_secret));
    if (teamId === undefined) {
      this.enrolls.inc({ result: 'bad_secret' });
      throw new DomainError('ENROLL_SECRET_INVALID', 'enroll failed: no matching secret found');
    }
    const details = req.host_details;
    const identifier = effectiveHostIdentifier(this.config.osquery.host_identifier, {
      hostIdentifier: req.host_identifier,
      osqueryInfo: details.osquery_info,
      systemInfo: details.system_info,
    });
    if (!identifier) throw new DomainError('BAD_REQUEST', 'enroll failed: missing host identifier');
    const length = [...identifier].length;
    if (length > MAX_IDENTIFIER_LENGTH) {
      this.enrolls.inc({ result: 'bad_identifier' });
      throw new DomainError('BAD_REQUEST', `enroll failed: host identifier is ${length} characters long; at most ${MAX_IDENTIFIER_LENGTH} are accepted`);
    }
    const nodeKey = randomBytes(this.config.osquery.node_key_size).toString('base64');
    const epoch = this.local.cache.epoch;
    const outcome = await this.dependency(() =>
      this.hosts.enroll({
        identifier,
        nodeKey,
        teamId,
        vitals: ingestEnrollHostDetails(details),
        publicIp,
        cooldownMs: this.config.osquery.enroll_cooldown,
        now: this.clock.now(),
      }),
    );
    if (outcome.kind === 'too_soon') {
      this.enrolls.inc({ result: 'cooldown' });
      throw new DomainError('ENROLL_TOO_OFTEN', `host identified by ${identifier} enrolling too often`);
    }
    if (outcome.previousNodeKey) {
      this.duplicates.inc();
      this.logger.warn({ host_id: outcome.host.id }, 'osquery host with duplicate identifier has enrolled and will overwrite existing host data');
      await this.hostCache.forget(outcome.previousNodeKey).catch(() => undefined);
    }
    // The host's next request (its config) finds it in this process's memory; another replica finds it in Redis
    // once the put lands, or reads MySQL. The answer does not wait for that put: under an enroll storm every
    // round trip waits a turn of a busy event loop, and the cache is only a shortcut to what MySQL holds.
    this.local.cache.set(outcome.host, this.clock.now().getTime(), epoch);
    void this.hostCache.put(outcome.host).catch(() => undefined);
    this.enrolls.inc({ result: outcome.reenrolled ? 'reenrolled' : 'enrolled' });
    return nodeKey;
  }

  private async dependency<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw new DomainError('DEPENDENCY_UNAVAILABLE', 'enroll failed: database unavailable', { cause: (err as Error).message });
    }
  }
}
