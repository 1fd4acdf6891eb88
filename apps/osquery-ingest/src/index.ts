export { OsqueryIngestModule } from './osquery-ingest.module';
export { ingestBodyLimits } from './ingest-body-limits';
