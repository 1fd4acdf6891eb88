export { OsqueryIngestModule } from './osquery-ingest.module';
