import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FLEET_CONFIG, redactedOptions } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { processFacts, runProbes } from './debug.facts';
import { DEBUG_DEPENDENCIES } from './debug.options';
import type { DatabaseDiagnostics, DebugDependencies } from './debug.options';
import { ErrorStore } from './error.store';
import { InspectorProfiler, MAX_PROFILE_SECONDS, ProfilerBusyError } from './inspector.profiler';

/** Fleet's error body, so fleetctl shows these failures like any other API error. */
const fail = (reply: FastifyReply, status: number, message: string, reason = message): FastifyReply =>
  reply.code(status).send({ message, errors: [{ name: 'base', reason }] });

/**
 * Fleet's /debug endpoints for a Node server, outside /api and for global admins only: a CPU profile, a heap
 * snapshot, the stored errors, the redacted configuration and process/dependency facts. `fleetctl debug
 * archive` assembles them (with /metrics and /healthz) into one .tar.gz.
 */
@Controller('debug')
export class DebugController {
  constructor(
    @Inject(DEBUG_DEPENDENCIES) private readonly deps: DebugDependencies,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    private readonly profiler: InspectorProfiler,
    private readonly errors: ErrorStore,
  ) {}

  @Get('profile')
  async profile(@Query('seconds') seconds: string | undefined, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!(await this.admitted(req, reply))) return;
    const n = seconds === undefined ? MAX_PROFILE_SECONDS : Number(seconds);
    if (!Number.isInteger(n) || n < 1 || n > MAX_PROFILE_SECONDS) return void fail(reply, 400, 'Bad request', `seconds must be an integer from 1 to ${MAX_PROFILE_SECONDS}`);
    await this.inspect(reply, 'cpuprofile', () => this.profiler.cpuProfile(n));
  }

  @Get('heap')
  async heap(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!(await this.admitted(req, reply))) return;
    await this.inspect(reply, 'heapsnapshot', () => this.profiler.heapSnapshot());
  }

  @Get('errors')
  async storedErrors(@Query('flush') flush: string | undefined, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!(await this.admitted(req, reply))) return;
    await reply.code(200).send(this.errors.list(flush === 'true' || flush === '1'));
  }

  @Get('config')
  async redactedConfig(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!(await this.admitted(req, reply))) return;
    await reply.code(200).send(redactedOptions(this.config));
  }

  @Get('facts')
  async facts(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!(await this.admitted(req, reply))) return;
    await reply.code(200).send({ process: processFacts(), dependencies: await runProbes(this.deps.probes ?? {}), collected_at: new Date().toISOString() });
  }

  /** Fleet's `GET /debug/db/locks`: lock waits between transactions; `null` when there are none, as Fleet's JSON answers. */
  @Get('db/locks')
  async dbLocks(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.database(req, reply, async (db) => {
      const waits = await db.lockWaits();
      return waits.length > 0 ? waits : null;
    });
  }

  /** Fleet's `GET /debug/db/innodb-status`: the InnoDB monitor's text, as a JSON string. */
  @Get('db/innodb-status')
  async dbInnodbStatus(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.database(req, reply, (db) => db.innodbStatus());
  }

  /** Fleet's `GET /debug/db/process-list`: the database's connections and what they run. */
  @Get('db/process-list')
  async dbProcessList(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.database(req, reply, (db) => db.processList());
  }

  /** Fleet's `GET /debug/migrations`: which migrations the database lacks or has that this build does not know. */
  @Get('migrations')
  async migrations(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.database(req, reply, (db) => db.migrationStatus());
  }

  /** Admins only; without the PROCESS privilege MySQL refuses, which is reported as Fleet does (the privilege to grant). */
  private async database(req: FastifyRequest, reply: FastifyReply, read: (db: DatabaseDiagnostics) => Promise<unknown>): Promise<void> {
    if (!(await this.admitted(req, reply))) return;
    const db = this.deps.database;
    if (!db) return void (await fail(reply, 404, 'Resource Not Found', 'database diagnostics are not available in this process'));
    try {
      await reply.code(200).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(await read(db)));
    } catch (e) {
      const code = (e as { code?: unknown } | null)?.code;
      if (typeof code === 'string' && /ACCESS_DENIED/.test(code)) {
        return void (await fail(reply, 403, 'forbidden', 'DB user must have global PROCESS and SELECT privilege'));
      }
      throw e;
    }
  }

  /** Answers 401/403 itself and returns false unless the caller is a global admin. */
  private async admitted(req: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const verdict = await this.deps.access(req.headers.authorization, req.ip);
    switch (verdict) {
      case 'admin': return true;
      case 'unauthenticated': await fail(reply, 401, 'Authentication required'); return false;
      case 'forbidden': await fail(reply, 403, 'forbidden'); return false;
    }
  }

  private async inspect(reply: FastifyReply, ext: string, take: () => Promise<string>): Promise<void> {
    try {
      const body = await take();
      await reply.code(200).header('content-type', 'application/json').header('content-disposition', `attachment; filename="fleet.${ext}"`).send(body);
    } catch (e) {
      if (e instanceof ProfilerBusyError) return void (await fail(reply, 409, 'Conflict', e.message));
      throw e;
    }
  }
}
