import { Injectable } from '@nestjs/common';
import type { HealthCheckName } from './health.checks';

/** Returns the problems it sees (empty when healthy); throwing counts as one problem. */
export type HealthIndicator = () => Promise<readonly string[]>;

/**
 * Checks that role modules add to a dependency's health beyond "it answers": the ingest role adds "its
 * stream consumer groups exist" to `redis`, so a Redis that came back empty is visible on
 * /healthz?check=redis until the groups are recreated.
 */
@Injectable()
export class HealthIndicators {
  private readonly byCheck = new Map<HealthCheckName, HealthIndicator[]>();

  register(check: HealthCheckName, indicator: HealthIndicator): () => void {
    const list = this.byCheck.get(check) ?? [];
    list.push(indicator);
    this.byCheck.set(check, list);
    return () => {
      const i = list.indexOf(indicator);
      if (i >= 0) list.splice(i, 1);
    };
  }

  async problems(check: HealthCheckName): Promise<string[]> {
    const out: string[] = [];
    for (const indicator of this.byCheck.get(check) ?? []) {
      try {
        out.push(...(await indicator()));
      } catch (err) {
        out.push(err instanceof Error ? err.message : String(err));
      }
    }
    return out;
  }
}
