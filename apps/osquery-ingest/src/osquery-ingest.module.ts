import { Module } from '@nestjs/common';

/** The agent-facing role: osquery's TLS API under /api/osquery and /api/v1/osquery. */
@Module({})
export class OsqueryIngestModule {}
